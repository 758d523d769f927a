"""articles(first:, after:): keyset pages by slug, cursors, totals and clear argument errors."""

import base64

import pytest
from sqlalchemy import insert, select

from schema import tables
from schema.content_version import bump_version

REAL = "knochenmetastasen-verstehen"
# 45 more published articles (and two that must never show), filed under `diagnostik`.
EXTRA = [f"artikel-{n:02d}" for n in range(1, 46)]
HIDDEN = {"artikel-entwurf": "draft", "artikel-archiv": "archived"}
ALL = sorted([REAL, *EXTRA])

PAGE = """query Page($first: Int, $after: String) {
  articles(first: $first, after: $after) {
    edges { cursor node { slug } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    totalCount
  }
}"""


@pytest.fixture
async def articles(seeded_engine) -> list[str]:
    """The bundled article plus EXTRA (published) and HIDDEN (not published)."""
    async with seeded_engine.begin() as connection:
        topic_id = await connection.scalar(
            select(tables.Topic.id).where(tables.Topic.slug == "diagnostik")
        )
        rows = [{"slug": slug, "status": "published", "title": slug.title()} for slug in EXTRA]
        rows += [{"slug": s, "status": status, "title": s} for s, status in HIDDEN.items()]
        ids = await connection.scalars(insert(tables.Article).returning(tables.Article.id), rows)
        links = [{"article_id": article_id, "topic_id": topic_id} for article_id in ids]
        await connection.execute(insert(tables.ArticleTopic), links)
        await bump_version(connection)  # as every change does, last (seed.record)
    return ALL


async def graphql(client, query: str, **variables) -> dict:
    response = await client.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code == 200
    body = response.json()
    assert "errors" not in body, body["errors"]
    return body["data"]


async def graphql_error(client, query: str, **variables) -> str:
    """The one error message of a request that must fail, checking nothing else came back."""
    response = await client.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code == 200
    body = response.json()
    assert body["data"] is None
    [error] = body["errors"]
    assert error["path"] == ["articles"]
    return error["message"]


def cursor(slug: str) -> str:
    return base64.b64encode(slug.encode()).decode()


def page(slugs: list[str], *, more: bool, after: bool, total: int) -> dict:
    """The whole expected connection for a page of `slugs`."""
    return {
        "articles": {
            "edges": [{"cursor": cursor(slug), "node": {"slug": slug}} for slug in slugs],
            "pageInfo": {
                "hasNextPage": more,
                "hasPreviousPage": after,
                "startCursor": cursor(slugs[0]) if slugs else None,
                "endCursor": cursor(slugs[-1]) if slugs else None,
            },
            "totalCount": total,
        }
    }


async def test_pages_walk_every_published_article_once_in_slug_order(client, articles):
    seen, after, pages = [], None, 0
    while True:
        data = await graphql(client, PAGE, first=10, after=after)
        expected = articles[len(seen) : len(seen) + 10]
        more = len(seen) + 10 < len(articles)
        assert data == page(expected, more=more, after=after is not None, total=46)
        seen += expected
        pages += 1
        if not more:
            break
        after = data["articles"]["pageInfo"]["endCursor"]
    assert (seen, pages) == (articles, 5)


async def test_first_defaults_to_20(client, articles):
    assert await graphql(client, PAGE) == page(articles[:20], more=True, after=False, total=46)


async def test_first_may_be_0_or_100(client, articles):
    assert await graphql(client, PAGE, first=0) == page([], more=True, after=False, total=46)
    assert await graphql(client, PAGE, first=100) == page(
        articles, more=False, after=False, total=46
    )


async def test_after_the_last_article_comes_an_empty_page(client, articles):
    data = await graphql(client, PAGE, first=5, after=cursor(articles[-1]))
    assert data == page([], more=False, after=True, total=46)


async def test_a_cursor_stays_valid_when_its_article_is_gone(client, articles):
    # Keyset pagination: continue after the position, not after a row.
    data = await graphql(client, PAGE, first=2, after=cursor("artikel-10x"))
    assert data == page(["artikel-11", "artikel-12"], more=True, after=True, total=46)


async def test_total_count_is_only_counted_when_asked_for(client, articles, app, count_statements):
    query = "{ articles(first: 3) { edges { node { slug } } } }"
    with count_statements(app.state.engine) as without_total:
        await graphql(client, query)
    with count_statements(app.state.engine) as with_total:
        await graphql(client, query.replace("} } }", "} } totalCount }"))
    assert with_total.count == without_total.count + 1
    assert not any("count(" in statement for statement in without_total.statements)


@pytest.mark.parametrize("first", [101, 1000, -1])
async def test_first_outside_0_to_100_is_refused(client, first):
    message = await graphql_error(client, PAGE, first=first)
    assert message == (
        f"first must be between 0 and 100, got {first}; page through longer lists with `after`"
    )


@pytest.mark.parametrize(
    "bad",
    [
        "nonsense!",  # not base64
        base64.b64encode(b"Article:1").decode(),  # a node ID, not a cursor
        base64.b64encode(b"\xff\xfe").decode(),  # not UTF-8
        base64.b64encode(b"x" * 201).decode(),  # longer than any slug
        "",
    ],
)
async def test_a_bad_cursor_is_refused_with_a_clear_message(client, bad):
    message = await graphql_error(client, PAGE, after=bad)
    assert message == (
        f"after: {bad[:60]!r} is not a cursor of this connection; pass an `endCursor` "
        "or edge `cursor` from an earlier page, or leave it out"
    )


async def test_the_schema_documents_the_page_size(client):
    query = '{ __type(name: "Query") { fields { name args { name defaultValue } } } }'
    fields = (await graphql(client, query))["__type"]["fields"]
    articles = next(field for field in fields if field["name"] == "articles")
    assert articles["args"] == [
        {"name": "first", "defaultValue": "20"},
        {"name": "after", "defaultValue": "null"},
        {"name": "topic", "defaultValue": "null"},
        {"name": "search", "defaultValue": "null"},
    ]
