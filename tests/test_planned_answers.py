"""Planned answers in the fast layer: an anonymous query with a compiled plan, before routing.

Such a request skips the router and the middleware below the fast layer, so
these tests check that nothing the client sees differs from the normal path:
bytes, status, headers (CORS included), 304s, errors, logs and metrics. The
reference is an app with the compiled path off, where every request takes the
normal path. Every test runs the real app over HTTP on SQLite and PostgreSQL.
"""

import json
import logging

from test_fast_answers import (
    BODY,
    JSON,
    PERSISTED,
    PUBLIC_ANSWER,
    SLUG,
    fast_layer,
    key_headers,
    lasting,
    post,
    samples,
)

SECTION = {
    "query": """query PortalSection($article: String!, $anchor: String!) {
      section(article: $article, anchor: $anchor) {
        heading body { html }
        article { title url references { number reference { citation } } }
      }
    }""",
    "variables": {"article": SLUG, "anchor": "was-sind-knochenmetastasen"},
}
ORIGIN = {"Origin": "https://portal.example"}


async def clients(make_client, **settings):
    """(planned, normal): the same app with and without the compiled path."""
    planned = await make_client(response_cache=False, **settings)
    normal = await make_client(response_cache=False, compiled_queries=False, **settings)
    return planned, normal


async def test_a_planned_answer_is_the_normal_paths_bytes_and_headers(make_client):
    (app, client), (_, reference) = await clients(make_client)
    for body in (BODY, SECTION):
        await post(client, ORIGIN, body)  # the full path answers first, and teaches the plan
        planned = await post(client, ORIGIN, body)
        normal = await post(reference, ORIGIN, body)
        assert planned.status_code == normal.status_code == 200
        assert planned.content == normal.content
        assert planned.json()["data"] == normal.json()["data"] != {}
        assert lasting(planned) == lasting(normal)
        assert planned.headers["access-control-allow-origin"] == "*"
    assert fast_layer(app).planned == 2


async def test_persisted_gets_and_304s_match_the_normal_path(make_client):
    (app, client), (_, reference) = await clients(make_client)

    async def get(on, headers=None):
        return await on.get("/graphql", params=PERSISTED, headers={**JSON, **(headers or {})})

    await get(client)
    planned, normal = await get(client), await get(reference)
    assert planned.content == normal.content
    assert planned.headers["cache-control"] == "public, max-age=60, stale-while-revalidate=300"
    assert lasting(planned) == lasting(normal)
    etag = {"If-None-Match": planned.headers["etag"]}
    planned_304, normal_304 = await get(client, etag), await get(reference, etag)
    assert (planned_304.status_code, planned_304.content) == (304, b"")
    assert lasting(planned_304) == lasting(normal_304)
    assert fast_layer(app).planned == 2


async def test_request_errors_on_a_planned_query_read_as_on_the_normal_path(make_client):
    (_app, client), (_, reference) = await clients(make_client)
    await post(client)
    wrong_type = {**BODY, "variables": {"slug": 5}}
    no_operation = {**BODY, "operationName": "Missing"}
    for body in (wrong_type, no_operation):
        planned, normal = await post(client, body=body), await post(reference, body=body)
        assert planned.status_code == normal.status_code
        assert planned.json() == normal.json()
        assert "errors" in planned.json()
    # A body that is no JSON, or a batch, is left to the normal path.
    for content in (b"{not json", b"[]"):
        headers = {**JSON, "Content-Type": "application/json"}
        planned = await client.post("/graphql", content=content, headers=headers)
        normal = await reference.post("/graphql", content=content, headers=headers)
        assert (planned.status_code, planned.json()) == (normal.status_code, normal.json())
        assert planned.status_code == 400


async def test_callers_with_keys_never_take_the_planned_answer(make_client, seeded_engine):
    (app, client), _ = await clients(make_client)
    admin = await key_headers(seeded_engine, "admin")
    unpublish = {"query": f'mutation {{ unpublishArticle(slug: "{SLUG}") {{ slug }} }}'}
    await post(client)
    assert (await post(client)).json() == PUBLIC_ANSWER
    fast = fast_layer(app)
    assert fast.planned == 1
    assert (await post(client, admin, unpublish)).status_code == 200
    for _ in range(2):
        assert (await post(client, admin)).json() == PUBLIC_ANSWER  # the draft, for admins
        assert (await post(client)).json() == {"data": {"article": None}}
    assert fast.planned == 3  # only the public's two
    assert (await post(client, {"Authorization": "Bearer nonsense"})).status_code == 401


async def test_with_the_cache_a_planned_request_reads_the_cache_first(app, client):
    first = await post(client)  # the full path: kept, indexed, plan learnt
    assert first.headers["x-cache"] == "miss"
    fast = fast_layer(app)
    # The same request in other JSON spacing is another raw request: planned, then a hit
    # of the endpoint's cache, then of the fast layer's index.
    spaced = json.dumps(BODY, indent=2).encode()
    headers = {**JSON, "Content-Type": "application/json"}
    for state, planned, hits in (("hit", 1, 0), ("hit", 1, 1)):
        again = await client.post("/graphql", content=spaced, headers=headers)
        assert (again.headers["x-cache"], again.content) == (state, first.content)
        assert (fast.planned, fast.hits) == (planned, hits)
    # New variables: the plan answers and the answer is kept like any other.
    unknown = {**BODY, "variables": {"slug": "gibt-es-nicht"}}
    for state, planned, hits in (("miss", 2, 1), ("hit", 2, 2)):
        answer = await post(client, body=unknown)
        assert answer.json() == {"data": {"article": None}}
        assert answer.headers["x-cache"] == state
        assert (fast.planned, fast.hits) == (planned, hits)


async def test_planned_answers_are_logged_and_counted(make_client, caplog):
    (app, client), _ = await clients(make_client)
    before = samples((await client.get("/metrics")).text)
    with caplog.at_level(logging.INFO, logger="guide.request"):
        await post(client, {"X-Request-ID": "full"})
        await post(client, {"X-Request-ID": "planned"})
    assert fast_layer(app).planned == 1
    records = {r.request_id: r for r in caplog.records if r.name == "guide.request"}
    planned = records["planned"]
    assert planned.getMessage() == "POST /graphql 200"
    assert (planned.operation, planned.status) == ("Article", 200)
    assert planned.sql_statements >= 1  # read by the plan, not from a cache
    after = samples((await client.get("/metrics")).text)
    labels = (("operation", "Article"), ("outcome", "ok"), ("route", "/graphql"))
    key = ("guide_requests_total", labels)
    assert after[key] - before.get(key, 0) == 2
