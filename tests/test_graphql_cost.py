"""A request costs a small, fixed number of SQL statements, however many rows it returns.

60 articles with 9 sections, 12 citations and 3 topics each join the bundled
guide; the statement count is measured on the app's own engine over HTTP.
SQLite adds one explicit BEGIN per request (schema/reader.py); it is counted.

These are the full GraphQL path's costs (the app runs with compiled queries
off); the compiled path's are checked in tests/test_compiled_queries.py.
"""

import pytest
from sqlalchemy import insert, select

from api.app import create_app
from api.settings import Settings
from schema import tables

MAX_STATEMENTS = 6
SLUGS = [f"last-{n:02d}" for n in range(60)]

FULL_ARTICLE = """query ($slug: String!) { article(slug: $slug) {
  id slug title subtitle publishedAt lead { html }
  heroImage { url alt caption width height }
  sections { id anchor position heading body { html } article { slug } }
  topics { slug name }
  references { number reference {
    id key type title authors etAl year containerTitle doi url accessed citation
  } }
} }"""

LIST = """query ($first: Int) {
  articles(first: $first) { edges { node { title topics { name } } } totalCount }
}"""

DEEP = """query ($first: Int) { articles(first: $first) {
  edges { cursor node {
    slug sections { anchor article { slug } }
    references { number reference { key citedBy { slug } } }
    topics { slug parent { slug } children { slug } articleCount articles(first: 3) {
      edges { node { slug } } totalCount
    } }
  } }
  pageInfo { hasNextPage endCursor } totalCount
} }"""


@pytest.fixture
async def app(seeded_engine, database_url):
    """The app with every request on the full path (graphql-core executes it)."""
    settings = Settings(
        database_url=database_url, seed_on_start=False, compiled_queries=False, _env_file=None
    )
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
async def crowded(seeded_engine) -> None:
    async with seeded_engine.begin() as db:
        topic_ids = list((await db.scalars(select(tables.Topic.id))).all())
        reference_ids = list((await db.scalars(select(tables.Reference.id))).all())
        await db.execute(
            insert(tables.Article),
            [{"slug": slug, "status": "published", "title": slug.upper()} for slug in SLUGS],
        )
        ids = await db.scalars(select(tables.Article.id).where(tables.Article.slug.in_(SLUGS)))
        article_ids = list(ids.all())
        sections, citations, links = [], [], []
        for n, article_id in enumerate(article_ids):
            sections += [
                {"article_id": article_id, "position": p, "anchor": f"teil-{p}", "heading": f"{p}"}
                for p in range(1, 10)
            ]
            citations += [
                {"article_id": article_id, "number": number, "reference_id": reference_id}
                for number, reference_id in enumerate(reference_ids, start=1)
            ]
            links += [
                {"article_id": article_id, "topic_id": topic_ids[(n + k) % len(topic_ids)]}
                for k in range(3)
            ]
        await db.execute(insert(tables.Section), sections)
        await db.execute(insert(tables.Citation), citations)
        await db.execute(insert(tables.ArticleTopic), links)


async def statements(client, app, count_statements, query: str, **variables) -> int:
    with count_statements(app.state.engine) as counter:
        response = await client.post("/graphql", json={"query": query, "variables": variables})
    body = response.json()
    assert "errors" not in body, body["errors"]
    return counter.count


async def test_the_full_article_costs_the_same_for_every_article(
    client, app, crowded, count_statements
):
    real = await statements(
        client, app, count_statements, FULL_ARTICLE, slug="knochenmetastasen-verstehen"
    )
    synthetic = await statements(client, app, count_statements, FULL_ARTICLE, slug="last-07")
    # article, sections, topics, citations with their references
    assert real == synthetic <= MAX_STATEMENTS
    assert real == 4 + (app.state.engine.dialect.name == "sqlite")


async def test_a_list_page_costs_the_same_for_1_and_50_articles(
    client, app, crowded, count_statements
):
    one = await statements(client, app, count_statements, LIST, first=1)
    fifty = await statements(client, app, count_statements, LIST, first=50)
    # the page, the topics of its articles, the total
    assert one == fifty <= MAX_STATEMENTS
    assert one == 3 + (app.state.engine.dialect.name == "sqlite")


async def test_a_deep_query_costs_the_same_for_5_and_100_articles(
    client, app, crowded, count_statements
):
    five = await statements(client, app, count_statements, DEEP, first=5)
    hundred = await statements(client, app, count_statements, DEEP, first=100)
    assert five == hundred
    # One statement per relation of the query, whatever the number of rows.
    assert hundred <= 12


async def test_the_topic_tree_costs_two_statements(client, app, crowded, count_statements):
    query = "{ topics { slug parent { slug } children { slug children { slug } } articleCount } }"
    count = await statements(client, app, count_statements, query)
    # the topics (which prime parent and children), the counts
    assert count == 2 + (app.state.engine.dialect.name == "sqlite")


async def test_the_deep_query_answers_every_row(client, crowded):
    response = await client.post("/graphql", json={"query": DEEP, "variables": {"first": 100}})
    body = response.json()
    assert "errors" not in body
    edges = body["data"]["articles"]["edges"]
    assert [edge["node"]["slug"] for edge in edges] == sorted(
        [*SLUGS, "knochenmetastasen-verstehen"]
    )
    synthetic = edges[7]["node"]
    assert [s["anchor"] for s in synthetic["sections"]] == [f"teil-{p}" for p in range(1, 10)]
    assert [c["number"] for c in synthetic["references"]] == list(range(1, 13))
    assert len(synthetic["topics"]) == 3
    cited_by = synthetic["references"][0]["reference"]["citedBy"]
    assert len(cited_by) == 61
