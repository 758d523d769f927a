"""The compiled path (schema.compiled) answers exactly as the full GraphQL path does.

Every query runs on two apps over the same seeded database: one with compiled
queries off (every request takes graphql-core's executor) and one with them on
(the first request teaches the plan, the next ones are answered from it). The
bodies must be the same bytes, and the compiled app must have answered from its
plan whenever the query lies in the supported subset. Shapes outside it (other
root fields, filters, bad arguments) must fall back and still answer the same.
"""

import asyncio
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text, update
from starlette.routing import Route

from api.app import create_app
from api.auth.resolver import utc_now
from api.auth.spec import key_spec
from api.auth.store import create_key
from api.graphql import GuideGraphQL
from api.observability.context import RequestInfo, current_request
from api.settings import Settings
from bench.scenarios import ARTICLE_PAGE, SECTION, TEASERS
from schema import tables
from schema.compiled.connections import APPLICATION_NAME, MAX_CONNECTIONS
from schema.content_version import bump_version
from schema.cursors import encode_cursor
from seed.importer import import_content

FRONTENDS = Path(__file__).resolve().parent.parent / "docs" / "frontends"
SLUG = "knochenmetastasen-verstehen"
ANCHOR = "kernaussage"
PUBLIC_URL = "https://guide.example"

EVERYTHING = """
query Everything($slug: String!) {
  a: article(slug: $slug) {
    __typename id ...Head
    sections { ... on Section { __typename id anchor position title: heading }
               body { markdown html text } article { slug } }
    topics { __typename id slug name description }
    references { __typename number reference {
      __typename id key type title authors etAl year containerTitle volume issue page
      number publisher publisherPlace version note doi url accessed citation csl } }
  }
  missing: article(slug: "gibt-es-nicht") { slug }
}
fragment Head on Article {
  slug locale status title subtitle publisher url publishedAt updatedAt reviewedAt
  heroImage { url alt caption width height } lead { markdown html text }
  ... on Node { id }
}
"""

# (query, variables, answered from a plan)
COMPILED = [
    (ARTICLE_PAGE, {"slug": SLUG}),
    (TEASERS, {"first": 20}),
    (SECTION, {"article": SLUG, "anchor": ANCHOR}),
    (EVERYTHING, {"slug": SLUG}),
    (
        (
            '{ article(slug: "SLUG") { slug title @skip(if: true) subtitle @include(if: true) } }'
        ).replace("SLUG", SLUG),
        {},
    ),
    (
        '{ article(slug: "SLUG") { sections { anchor } sections { heading } } }'.replace(
            "SLUG", SLUG
        ),
        {},
    ),
    (
        "query($a: String!, $s: String!) { section(article: $a, anchor: $s) { anchor "
        "article { slug sections { anchor article { title } } } } "
        'other: section(article: $a, anchor: "nope") { anchor } '
        "articles(first: 1) { totalCount edges { cursor node { slug } } } }",
        {"a": SLUG, "s": ANCHOR},
    ),
    (
        "query($first: Int, $after: String) { articles(first: $first, after: $after) { "
        "totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } "
        "edges { cursor node { slug topics { slug } } } } }",
        {"first": 0},
    ),
    (
        "query($first: Int, $after: String) { articles(first: $first, after: $after) { "
        "pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor } } }",
        {"first": 5, "after": encode_cursor("a")},
    ),
    (
        "query($first: Int, $after: String) { articles(first: $first, after: $after) { "
        "edges { node { slug sections { anchor } topics { slug } "
        "references { number reference { key accessed authors csl } } } } } }",
        {"first": 3},
    ),
    (  # an empty page with its count (PostgreSQL reads both in one statement)
        "query($first: Int, $after: String) { articles(first: $first, after: $after) { "
        "totalCount pageInfo { hasNextPage endCursor } edges { node { slug topics { slug } } } } }",
        {"first": 5, "after": encode_cursor("zzz")},
    ),
    *((path.read_text(encoding="utf-8"), None) for path in sorted(FRONTENDS.glob("[!a]*.graphql"))),
    ((FRONTENDS / "app-teasers.graphql").read_text(encoding="utf-8"), None),
]
# Answered by the full path however often they are sent: unsupported shapes and arguments.
FALLBACK = [
    ((FRONTENDS / "app-sync.graphql").read_text(encoding="utf-8"), {"first": 3}),
    ('{ topic(slug: "krebs") { name } }', {}),
    ('{ article(slug: "SLUG") { topics { children { slug } } } }'.replace("SLUG", SLUG), {}),
    ('{ articles(topic: "krebs") { totalCount edges { node { slug } } } }', {}),
    ('{ articles(search: "Knochen") { totalCount } }', {}),
    ("query($slug: String!) { article(slug: $slug) { slug } }", {"slug": 5}),
    ("query($first: Int) { articles(first: $first) { totalCount } }", {"first": 500}),
    ("query($after: String) { articles(after: $after) { totalCount } }", {"after": "%%%"}),
    (
        'query($on: Boolean!) { article(slug: "SLUG") { slug @include(if: $on) } }'.replace(
            "SLUG", SLUG
        ),
        {"on": 1},
    ),
]


def _variables(query: str, given: dict | None) -> dict:
    if given is not None:
        return given
    known = {"slug": SLUG, "article": SLUG, "anchor": ANCHOR, "first": 3}
    return {name: value for name, value in known.items() if f"${name}:" in query}


async def _statements(compiled, query: str, variables: dict) -> int:
    """The statements one compiled answer costs, as the request log counts them."""
    info = RequestInfo(request_id="test")
    token = current_request.set(info)
    try:
        assert await compiled.execute(query, variables, None) is not None
    finally:
        current_request.reset(token)
    return info.sql_statements


def _endpoint(app) -> GuideGraphQL:
    return next(r.endpoint for r in app.routes if isinstance(r, Route) and r.path == "/graphql")


def _settings(database_url: str, compiled: bool) -> Settings:
    return Settings(
        database_url=database_url,
        seed_on_start=False,
        response_cache=False,  # every request executes
        compiled_queries=compiled,
        public_url=PUBLIC_URL,
        partners_registered_only=False,
        _env_file=None,
    )


@pytest.fixture
async def apps(seeded_engine, database_url):
    """(full path only, compiled path on), over the same database."""
    running = [create_app(_settings(database_url, compiled)) for compiled in (False, True)]
    async with (
        running[0].router.lifespan_context(running[0]),
        running[1].router.lifespan_context(running[1]),
    ):
        yield tuple(running)


async def _post(app, query: str, variables: dict, headers: dict | None = None) -> httpx.Response:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        return await client.post(
            "/graphql", json={"query": query, "variables": variables}, headers=headers or {}
        )


async def _both(apps, query: str, variables: dict) -> tuple[httpx.Response, httpx.Response]:
    full, compiled = apps
    expected = await _post(full, query, variables)
    await _post(compiled, query, variables)  # teaches the plan
    return expected, await _post(compiled, query, variables)


@pytest.mark.parametrize(("query", "variables"), COMPILED)
async def test_compiled_answers_are_the_full_paths_bytes(apps, query, variables):
    variables = _variables(query, variables)
    expected, answered = await _both(apps, query, variables)
    assert expected.status_code == 200, expected.text
    assert "errors" not in expected.json(), expected.text
    assert answered.content == expected.content
    endpoint = _endpoint(apps[1])
    assert endpoint.compiled.has_plan(query, None)
    direct = await endpoint.compiled.execute(query, variables, None)
    assert direct is not None
    assert direct.data == expected.json()["data"]


@pytest.mark.parametrize(("query", "variables"), FALLBACK)
async def test_unsupported_shapes_fall_back_to_the_full_path(apps, query, variables):
    expected, answered = await _both(apps, query, variables)
    assert answered.status_code == expected.status_code
    assert answered.json() == expected.json()
    compiled = _endpoint(apps[1]).compiled
    assert await compiled.execute(query, variables, None) is None


async def test_media_urls_use_the_public_url(apps):
    expected, answered = await _both(apps, ARTICLE_PAGE, {"slug": SLUG})
    assert answered.json()["data"]["article"]["heroImage"]["url"].startswith(PUBLIC_URL + "/")
    assert answered.content == expected.content


async def test_a_draft_is_null_for_the_public_but_not_for_preview(apps, seeded_engine):
    _full, compiled = apps
    await _both(apps, ARTICLE_PAGE, {"slug": SLUG})  # the plan exists
    async with seeded_engine.begin() as connection:
        await connection.execute(update(tables.Article).values(status="draft"))
        await bump_version(connection)  # as every change does, last (seed.record)
    for query, variables in [(ARTICLE_PAGE, {"slug": SLUG}), *COMPILED[1:3]]:
        expected, answered = await _both(apps, query, variables)
        assert answered.content == expected.content
    assert (await _post(compiled, ARTICLE_PAGE, {"slug": SLUG})).json() == {
        "data": {"article": None}
    }
    spec = key_spec(name="Redaktion", role="preview", now=utc_now())
    _record, secret = await create_key(seeded_engine, spec, utc_now())
    preview = await _post(
        compiled, ARTICLE_PAGE, {"slug": SLUG}, {"Authorization": f"Bearer {secret}"}
    )
    assert preview.json()["data"]["article"]["slug"] == SLUG


async def test_the_public_count_follows_every_change(apps, seeded_engine, content_dir):
    """totalCount comes from the count the last change stored (schema.content_version)."""
    _full, compiled = apps
    spec = key_spec(name="Admin", role="admin", now=utc_now())
    _record, secret = await create_key(seeded_engine, spec, utc_now())
    unpublish = f'mutation {{ unpublishArticle(slug: "{SLUG}") {{ slug }} }}'
    counts = []
    for change in ("seed", "unpublish", "re-seed"):
        if change == "unpublish":
            headers = {"Authorization": f"Bearer {secret}"}
            assert (await _post(compiled, unpublish, {}, headers)).status_code == 200
        elif change == "re-seed":
            await import_content(seeded_engine, content_dir)
        expected, answered = await _both(apps, TEASERS, {"first": 20})
        assert answered.content == expected.content
        counts.append(answered.json()["data"]["articles"]["totalCount"])
    assert counts == [1, 0, 1]


async def test_a_request_costs_the_same_statements_for_one_and_for_many_items(apps):
    """Relations load in one statement each, whatever the page size (counted per request)."""
    compiled = _endpoint(apps[1]).compiled
    query = (
        "query($first: Int) { articles(first: $first) { edges { node { "
        "slug topics { slug } sections { anchor } references { number } } } } }"
    )
    await _both(apps, query, {"first": 1})
    assert compiled.has_plan(query, None)
    counts = [await _statements(compiled, query, {"first": first}) for first in (1, 20)]
    assert counts[0] == counts[1] > 0


SEVERAL_ROOTS = (
    "query($slug: String!) { article(slug: $slug) { slug topics { slug } } "
    "articles(first: 2) { totalCount edges { node { slug } } } "
    'section(article: $slug, anchor: "ANCHOR") { anchor } }'
).replace("ANCHOR", ANCHOR)


@pytest.mark.parametrize(
    ("query", "variables", "statements"),
    [
        # SQLite: BEGIN, the article, its sections, topics and references.
        # PostgreSQL: the article with its relations aggregated, no transaction.
        (ARTICLE_PAGE, {"slug": SLUG}, {"sqlite": 5, "postgresql": 1}),
        # SQLite: BEGIN, the page, its articles' topics, the total.
        # PostgreSQL: the page with its topics and the total.
        (TEASERS, {"first": 20}, {"sqlite": 4, "postgresql": 1}),
        # SQLite: BEGIN, the section with its article, the article's references.
        (SECTION, {"article": SLUG, "anchor": ANCHOR}, {"sqlite": 3, "postgresql": 1}),
        # PostgreSQL: BEGIN (one snapshot for several roots), then one statement per root.
        (SEVERAL_ROOTS, {"slug": SLUG}, {"sqlite": 6, "postgresql": 4}),
    ],
)
async def test_the_benchmarked_queries_cost_few_statements(
    apps, database_url, query, variables, statements
):
    expected, answered = await _both(apps, query, variables)
    assert answered.content == expected.content
    kind = "postgresql" if database_url.startswith("postgresql") else "sqlite"
    assert await _statements(_endpoint(apps[1]).compiled, query, variables) == statements[kind]


async def _compiled_connections(engine) -> int:
    query = text(
        "SELECT count(*) FROM pg_stat_activity "
        "WHERE datname = current_database() AND application_name = :name"
    )
    async with engine.connect() as connection:
        return await connection.scalar(query, {"name": APPLICATION_NAME})


async def test_postgres_connections_are_few_and_closed_at_shutdown(seeded_engine, database_url):
    """PostgreSQL's compiled path reads on its own connections: at most MAX_CONNECTIONS,
    however many requests run at once, and none left after the app stops."""
    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite reads on one connection of its own")
    app = create_app(_settings(database_url, compiled=True))
    async with app.router.lifespan_context(app):
        await _post(app, ARTICLE_PAGE, {"slug": SLUG})  # teaches the plan
        answers = await asyncio.gather(
            *(_post(app, ARTICLE_PAGE, {"slug": SLUG}) for _ in range(3 * MAX_CONNECTIONS))
        )
        assert {answer.json()["data"]["article"]["slug"] for answer in answers} == {SLUG}
        assert 1 <= await _compiled_connections(seeded_engine) <= MAX_CONNECTIONS
    for _ in range(50):  # a terminated connection's backend exits on its own time
        if await _compiled_connections(seeded_engine) == 0:
            break
        await asyncio.sleep(0.1)
    assert await _compiled_connections(seeded_engine) == 0
