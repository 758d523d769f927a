"""Query protection: each limit refuses a hostile query clearly, and the server keeps serving."""

from contextlib import asynccontextmanager

import httpx
import pytest

from api.app import create_app
from api.settings import Settings

NORMAL = '{ article(slug: "knochenmetastasen-verstehen") { title } }'
NORMAL_ANSWER = {"data": {"article": {"title": "Knochenmetastasen verstehen"}}}
GRAPHQL_RESPONSE = {"accept": "application/graphql-response+json"}


@asynccontextmanager
async def serving(database_url: str, **settings):
    """The real app over the seeded database, with some settings changed."""
    app = create_app(
        Settings(database_url=database_url, seed_on_start=False, _env_file=None, **settings)
    )
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            yield client


async def refused_all(client, query: str, **variables) -> list[str]:
    """The error messages of a refused query; checks the spec's status and shape."""
    response = await client.post(
        "/graphql", json={"query": query, "variables": variables}, headers=GRAPHQL_RESPONSE
    )
    assert response.status_code == 400, response.text
    body = response.json()
    assert "data" not in body
    return [error["message"] for error in body["errors"]]


async def refused(client, query: str, **variables) -> str:
    """The one error message of a refused query."""
    [message] = await refused_all(client, query, **variables)
    return message


async def still_serving(client) -> None:
    response = await client.post("/graphql", json={"query": NORMAL})
    assert response.status_code == 200
    assert response.json() == NORMAL_ANSWER


def nested(levels: int) -> str:
    """A topic's parent's parent's … slug: deep, but one value per level."""
    return (
        '{ topic(slug: "knochenmetastasen") { '
        + "parent { " * levels
        + "slug"
        + " }" * levels
        + " } }"
    )


async def test_a_deep_query_is_refused(client):
    message = await refused(client, nested(20))
    assert message == "'anonymous' exceeds maximum operation depth of 10"
    await still_serving(client)


async def test_a_query_at_the_depth_limit_runs(client):
    response = await client.post("/graphql", json={"query": nested(8)})
    assert "errors" not in response.json()


async def test_too_many_aliases_are_refused(client):
    query = "{ " + " ".join(f"a{n}: topics {{ slug }}" for n in range(60)) + " }"
    assert await refused(client, query) == "60 aliases found. Allowed: 50"
    await still_serving(client)


async def test_a_thousand_aliases_stop_at_the_parser(client):
    query = "{ " + " ".join(f"a{n}: __typename" for n in range(1000)) + " }"
    message = await refused(client, query)
    assert message == "Syntax Error: Document contains more than 2000 tokens. Parsing aborted."
    await still_serving(client)


async def test_a_huge_document_is_refused_by_its_token_count(client):
    query = "{ topics { " + "slug " * 5000 + "} }"
    message = await refused(client, query)
    assert message == "Syntax Error: Document contains more than 2000 tokens. Parsing aborted."
    await still_serving(client)


COSTLY = """{ articles(first: 100) { edges { node {
  sections { heading body { html } }
  references { reference { citedBy { slug title sections { heading } } } }
} } } }"""


async def test_a_costly_nested_query_is_refused_before_it_runs(client, app, count_statements):
    with count_statements(app.state.engine) as counter:
        message = await refused(client, COSTLY)
    assert counter.count == 0
    assert message == (
        "Operation 'anonymous' costs 2316401, over the limit of 200000: every field counts "
        "once per item of the lists above it; ask for smaller pages (`first`) or fewer "
        "nested lists"
    )
    await still_serving(client)


async def test_a_variable_page_size_is_priced_at_the_largest_page(client):
    query = COSTLY.replace("first: 100", "first: $n").replace(
        "{ articles", "query Teasers($n: Int) { articles", 1
    )
    message = await refused(client, query, n=1)
    assert message.startswith("Operation 'Teasers' costs 2316401, over the limit of 200000")


async def test_the_cost_budget_is_a_setting(seeded_engine, database_url):
    query = "{ topics { slug children { slug } } }"  # 1 + 100 + 100 + 100 * 20 * 1
    async with serving(database_url, max_cost=500) as client:
        message = await refused(client, query)
        assert message.startswith("Operation 'anonymous' costs 2201, over the limit of 500")
        await still_serving(client)


async def test_a_literal_page_size_over_the_cap_is_refused_at_validation(client):
    message = await refused(client, "{ articles(first: 10000) { totalCount } }")
    assert (
        message
        == "first must be between 0 and 100, got 10000; page through longer lists with `after`"
    )
    await still_serving(client)


async def test_a_page_size_in_a_variable_is_refused_by_the_field(client):
    query = "query ($n: Int) { articles(first: $n) { totalCount } }"
    response = await client.post("/graphql", json={"query": query, "variables": {"n": 10000}})
    assert response.json() == {
        "data": None,
        "errors": [
            {
                "message": "first must be between 0 and 100, got 10000; page through "
                "longer lists with `after`",
                "locations": [{"line": 1, "column": 19}],
                "path": ["articles"],
            }
        ],
    }
    await still_serving(client)


async def test_the_page_size_cap_is_a_setting(seeded_engine, database_url):
    async with serving(database_url, max_page_size=10) as client:
        message = await refused(client, "{ articles(first: 11) { totalCount } }")
        assert message.startswith("first must be between 0 and 10, got 11;")
        query = "query ($n: Int) { articles(first: $n) { totalCount } }"
        response = await client.post("/graphql", json={"query": query, "variables": {"n": 11}})
        assert response.json()["errors"][0]["message"].startswith("first must be between 0 and 10,")


async def test_a_two_megabyte_body_is_refused_with_413(client):
    body = b'{"query": "{ topics { slug } }", "padding": "' + b"x" * 2_000_000 + b'"}'
    response = await client.post(
        "/graphql", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {
        "errors": [
            {"message": "The request body is larger than 100000 bytes; send a shorter query"}
        ]
    }
    await still_serving(client)


async def test_a_streamed_body_without_length_is_cut_off_too(client):
    async def chunks():
        for _ in range(300):
            yield b" " * 1000

    response = await client.post(
        "/graphql", content=chunks(), headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
    await still_serving(client)


async def test_a_batch_runs_each_operation_and_answers_in_order(client):
    hidden = '{ article(slug: "nicht-da") { title } }'
    batch = [{"query": NORMAL}, {"query": hidden}, {"query": "{ nope }"}]
    response = await client.post("/graphql", json=batch)
    assert response.status_code == 200
    first, second, third = response.json()
    assert first == NORMAL_ANSWER
    assert second == {"data": {"article": None}}
    assert third["errors"][0]["message"].startswith("Cannot query field 'nope' on type 'Query'.")


async def test_a_batch_over_the_limit_is_refused(client):
    response = await client.post("/graphql", json=[{"query": NORMAL}] * 11)
    assert response.status_code == 400
    assert response.json() == {
        "errors": [{"message": "A batch holds 1 to 10 operations, this one 11"}]
    }
    await still_serving(client)


async def test_a_batch_item_that_is_no_request_is_named(client):
    response = await client.post("/graphql", json=[{"query": NORMAL}, "{ topics { slug } }"])
    assert response.status_code == 400
    assert response.json() == {
        "errors": [{"message": "Batch item 1 must be a JSON object with a `query`"}]
    }


async def test_batching_can_be_turned_off(seeded_engine, database_url):
    async with serving(database_url, max_batch=0) as client:
        response = await client.post("/graphql", json=[{"query": NORMAL}])
        assert response.status_code == 400
        assert response.json() == {
            "errors": [
                {"message": "Batched requests are turned off: send one operation per request"}
            ]
        }
        await still_serving(client)


@pytest.mark.parametrize(
    "query", ["{ __schema { types { name } } }", '{ __type(name: "Article") { fields { name } } }']
)
async def test_introspection_can_be_turned_off(seeded_engine, database_url, query):
    async with serving(database_url, introspection=False) as client:
        messages = await refused_all(client, query)
        assert messages[0].startswith("GraphQL introspection has been disabled, but the requested")
        # No "did you mean" hints either: they would list field names.
        typo = await refused(client, "{ topics { slg } }")
        assert typo == "Cannot query field 'slg' on type 'Topic'."
        await still_serving(client)


async def test_introspection_is_on_by_default(client):
    response = await client.post("/graphql", json={"query": '{ __type(name: "Topic") { name } }'})
    assert response.json() == {"data": {"__type": {"name": "Topic"}}}
