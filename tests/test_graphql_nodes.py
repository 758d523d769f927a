"""node(id:): every Node type round-trips through its Relay global ID."""

import base64

import pytest

NODE = """query ($id: ID!) { node(id: $id) {
  __typename id
  ... on Article { slug }
  ... on Section { anchor article { slug } }
  ... on Topic { slug }
  ... on Reference { key }
} }"""

IDS = """{ article(slug: "knochenmetastasen-verstehen") {
  id slug
  sections { id anchor article { slug } }
  topics { id slug }
  references { reference { id key } }
} }"""


async def graphql(client, query: str, **variables) -> dict:
    response = await client.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code == 200
    body = response.json()
    assert "errors" not in body, body["errors"]
    return body["data"]


async def every_node(client) -> list[dict]:
    """Every node the bundled article reaches, as node(id:) should answer it."""
    article = (await graphql(client, IDS))["article"]
    nodes = [{"__typename": "Article", "id": article["id"], "slug": article["slug"]}]
    nodes += [{"__typename": "Section", **section} for section in article["sections"]]
    nodes += [{"__typename": "Topic", **topic} for topic in article["topics"]]
    nodes += [{"__typename": "Reference", **c["reference"]} for c in article["references"]]
    return nodes


def global_id(type_name: str, key: str | int) -> str:
    return base64.b64encode(f"{type_name}:{key}".encode()).decode()


async def test_every_node_type_round_trips(client):
    nodes = await every_node(client)
    assert len(nodes) == 1 + 7 + 11 + 12
    for node in nodes:
        assert base64.b64decode(node["id"]).decode().startswith(node["__typename"] + ":")
        assert await graphql(client, NODE, id=node["id"]) == {"node": node}


async def test_many_nodes_in_one_request_cost_one_statement_per_type(client, app, count_statements):
    nodes = await every_node(client)
    aliases = " ".join(
        f'n{index}: node(id: "{node["id"]}") {{ id __typename }}'
        for index, node in enumerate(nodes)
    )
    with count_statements(app.state.engine) as counter:
        data = await graphql(client, "{ " + aliases + " }")
    assert list(data.values()) == [{"id": n["id"], "__typename": n["__typename"]} for n in nodes]
    # Article, Section, Topic, Reference: one batch each (plus BEGIN on SQLite).
    assert counter.count - ("BEGIN" in counter.statements) == 4


@pytest.mark.parametrize(
    "unknown",
    [
        global_id("Article", 999999),
        global_id("Section", 999999),
        global_id("Topic", 999999),
        global_id("Reference", 999999),
        global_id("Article", "knochenmetastasen-verstehen"),  # not a primary key
        global_id("Article", 0),
        global_id("Article", 99999999999999999999),  # beyond any INTEGER key
    ],
)
async def test_an_unknown_node_is_null(client, unknown):
    assert await graphql(client, NODE, id=unknown) == {"node": None}


@pytest.mark.parametrize(
    "bad",
    [
        "garbage",
        global_id("Gibtsnicht", 1),
        global_id("RichText", 1),  # a type, but not a Node
        global_id("Query", 1),
        "",
    ],
)
async def test_an_id_that_names_no_node_type_is_refused(client, bad):
    response = await client.post("/graphql", json={"query": NODE, "variables": {"id": bad}})
    body = response.json()
    assert body["data"] == {"node": None}
    [error] = body["errors"]
    assert error["message"] == (
        f"id: {bad!r} is not an ID of this API; "
        "use the `id` of an Article, Section, Topic or Reference"
    )
    assert error["path"] == ["node"]
