"""GraphQL over HTTP: media types, status codes and GraphQL-shaped bodies for every failure."""

import pytest

SPEC = "application/graphql-response+json"
JSON = "application/json"
QUERY = "{ topics { slug } }"


def accept(media_type: str | None) -> dict[str, str]:
    return {"accept": media_type} if media_type else {}


@pytest.mark.parametrize(
    ("accept_header", "media_type"),
    [
        (None, JSON),
        ("*/*", JSON),
        (JSON, JSON),
        (SPEC, SPEC),
        (f"{SPEC}, {JSON};q=0.9", SPEC),
        (f"{JSON}, {SPEC};q=0.5", JSON),
        (f"{SPEC}, */*", SPEC),
        ("text/plain", JSON),
    ],
)
async def test_the_answer_has_the_media_type_the_client_prefers(client, accept_header, media_type):
    response = await client.post("/graphql", json={"query": QUERY}, headers=accept(accept_header))
    assert response.status_code == 200
    assert response.headers["content-type"] == media_type
    assert response.json()["data"]["topics"][0] == {"slug": "krebs"}
    assert "Accept" in response.headers["vary"]


REQUEST_ERRORS = [
    ("{ topics { slug ", "Syntax Error: Expected Name, found <EOF>.", {}),
    (
        "{ topics { slugs } }",
        "Cannot query field 'slugs' on type 'Topic'. Did you mean 'slug'?",
        {},
    ),
    (
        "query ($n: Int!) { articles(first: $n) { totalCount } }",
        "Variable '$n' has invalid value: Int cannot represent non-integer value: 'zehn'",
        {"n": "zehn"},
    ),
    (
        "query ($n: Int!) { articles(first: $n) { totalCount } }",
        "Variable '$n' has invalid value: Expected a value of non-null type 'Int!' to be provided.",
        {},
    ),
]


@pytest.mark.parametrize(("query", "message", "variables"), REQUEST_ERRORS)
async def test_request_errors_answer_400_without_data_for_the_spec_media_type(
    client, query, message, variables
):
    response = await client.post(
        "/graphql", json={"query": query, "variables": variables}, headers=accept(SPEC)
    )
    assert response.status_code == 400
    assert response.headers["content-type"] == SPEC
    body = response.json()
    assert list(body) == ["errors"]
    assert [error["message"] for error in body["errors"]] == [message]


@pytest.mark.parametrize(("query", "message", "variables"), REQUEST_ERRORS)
async def test_request_errors_answer_200_for_legacy_json(client, query, message, variables):
    response = await client.post(
        "/graphql", json={"query": query, "variables": variables}, headers=accept(JSON)
    )
    assert response.status_code == 200
    assert response.headers["content-type"] == JSON
    body = response.json()
    assert body["data"] is None
    assert [error["message"] for error in body["errors"]] == [message]


def one_error(response, status: int, message: str, media_type: str) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == media_type
    assert response.json() == {"errors": [{"message": message}]}


@pytest.mark.parametrize("media_type", [JSON, SPEC])
async def test_malformed_json_is_a_400_with_a_graphql_body(client, media_type):
    response = await client.post(
        "/graphql",
        content=b'{"query": "{ topics { slug } }"',
        headers={"content-type": JSON, **accept(media_type)},
    )
    one_error(
        response,
        400,
        "The request body is not valid JSON: unexpected end of data: line 1 column 32 (char 31)",
        media_type,
    )


@pytest.mark.parametrize("media_type", [JSON, SPEC])
@pytest.mark.parametrize("content_type", ["text/plain", "application/graphql", None])
async def test_a_body_that_is_not_json_is_refused_with_415(client, media_type, content_type):
    headers = accept(media_type) | ({"content-type": content_type} if content_type else {})
    response = await client.post("/graphql", content=QUERY.encode(), headers=headers)
    shown = repr(content_type) if content_type else "'(none)'"
    one_error(
        response,
        415,
        f"Unsupported Content-Type {shown}: send the request as `application/json`, "
        "or as a GET query string",
        media_type,
    )
    assert response.headers["accept-post"] == JSON


@pytest.mark.parametrize("media_type", [JSON, SPEC])
@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({}, "No GraphQL query found: send `query`, or the hash of a persisted query"),
        ({"query": None}, "No GraphQL query found: send `query`, or the hash of a persisted query"),
        ({"query": 42}, "`query` must be a string or null, not int"),
        ({"query": QUERY, "variables": [1]}, "`variables` must be an object or null, not list"),
        ({"query": QUERY, "operationName": 1}, "`operationName` must be a string or null, not int"),
    ],
)
async def test_missing_or_mistyped_parameters_are_400(client, media_type, body, message):
    response = await client.post("/graphql", json=body, headers=accept(media_type))
    one_error(response, 400, message, media_type)


async def test_a_json_body_that_is_not_an_object_is_400(client):
    response = await client.post("/graphql", json="{ topics { slug } }")
    one_error(response, 400, "The request body must be a JSON object with a `query`", JSON)


@pytest.mark.parametrize(("media_type", "status"), [(JSON, 200), (SPEC, 400)])
async def test_an_unknown_operation_name_is_a_request_error(client, media_type, status):
    body = {
        "query": "query A { topics { slug } } query B { topics { name } }",
        "operationName": "C",
    }
    response = await client.post("/graphql", json=body, headers=accept(media_type))
    one_error(
        response,
        status,
        "The document has no operation named 'C': name one of its operations in `operationName`",
        media_type,
    )


async def test_the_operation_name_picks_one_of_several(client):
    body = {
        "query": "query A { topics { slug } } query B { topics { name } }",
        "operationName": "B",
    }
    response = await client.post("/graphql", json=body)
    assert response.json()["data"]["topics"][0] == {"name": "Krebs"}


@pytest.mark.parametrize("media_type", [JSON, SPEC])
async def test_a_mutation_over_get_is_405_and_names_post(client, media_type):
    response = await client.get(
        "/graphql", params={"query": "mutation { publish }"}, headers=accept(media_type)
    )
    one_error(response, 405, "Mutations cannot be sent by GET: use POST", media_type)
    assert response.headers["allow"] == "POST"


@pytest.mark.parametrize("media_type", [JSON, SPEC])
@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
async def test_other_methods_are_405_with_a_graphql_body(client, media_type, method):
    response = await client.request(
        method, "/graphql", json={"query": QUERY}, headers=accept(media_type)
    )
    one_error(
        response,
        405,
        f"{method} is not supported: send GraphQL by POST (or queries by GET)",
        media_type,
    )
    assert response.headers["allow"] == "GET, POST"


@pytest.mark.parametrize("media_type", [JSON, SPEC])
async def test_an_oversized_body_is_413_with_a_graphql_body(client, media_type):
    body = {"query": QUERY, "variables": {"padding": "x" * 200_000}}
    response = await client.post("/graphql", json=body, headers=accept(media_type))
    one_error(
        response,
        413,
        "The request body is larger than 100000 bytes; send a shorter query",
        media_type,
    )


@pytest.mark.parametrize("media_type", [JSON, SPEC])
async def test_queries_by_get_work_and_bad_variables_json_is_400(client, media_type):
    query = "query ($slug: String!) { topic(slug: $slug) { name } }"
    ok = await client.get(
        "/graphql",
        params={"query": query, "variables": '{"slug": "krebs"}'},
        headers=accept(media_type),
    )
    assert ok.status_code == 200
    assert ok.json() == {"data": {"topic": {"name": "Krebs"}}}
    bad = await client.get(
        "/graphql", params={"query": query, "variables": "{slug"}, headers=accept(media_type)
    )
    one_error(
        bad,
        400,
        "The `variables` parameter is not valid JSON: Expecting property name enclosed in "
        "double quotes: line 1 column 2 (char 1)",
        media_type,
    )


async def test_a_browser_gets_graphiql_and_a_client_without_query_gets_json(client):
    page = await client.get("/graphql", headers={"accept": "text/html"})
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    data = await client.get("/graphql", headers=accept(JSON))
    one_error(
        data, 400, "No GraphQL query found: send `query`, or the hash of a persisted query", JSON
    )


async def test_a_field_error_keeps_data_and_status_200(client):
    query = '{ articles(after: "kein-cursor!") { totalCount } topics { slug } }'
    response = await client.post("/graphql", json={"query": query}, headers=accept(SPEC))
    assert response.status_code == 200
    body = response.json()
    assert body["data"] is None  # articles is non-null, so the error nulls the whole data
    assert body["errors"][0]["path"] == ["articles"]
