"""The fast layer (api.cache.fast): repeated anonymous requests answered from stored bytes.

Every test runs the real app over HTTP on SQLite and PostgreSQL. `hits` of the
layer tells whether it answered a request itself; `X-Cache` and the bytes tell
that the answer is the one the normal path gave.
"""

import json
import logging
from pathlib import Path

import httpx
from content_edits import retitle_and_seed
from polling import until
from prometheus_client.parser import text_string_to_metric_families

from api.auth.resolver import utc_now
from api.auth.spec import key_spec
from api.auth.store import create_key
from api.cache.fast import FastAnswers
from api.persisted import sha256_of
from seed.importer import import_content

SLUG = "knochenmetastasen-verstehen"
TITLE = "Knochenmetastasen verstehen"
ARTICLE = "query Article($slug: String!) { article(slug: $slug) { slug title } }"
BODY = {"query": ARTICLE, "variables": {"slug": SLUG}}
PUBLIC_ANSWER = {"data": {"article": {"slug": SLUG, "title": TITLE}}}
WEBSITE = Path(__file__).resolve().parent.parent / "docs" / "frontends" / "website-article.graphql"
PERSISTED = {
    "documentId": sha256_of(WEBSITE.read_text(encoding="utf-8")),
    "variables": json.dumps({"slug": SLUG}),
}
JSON = {"accept": "application/json"}
# Headers that differ between two answers of the same bytes by design.
PER_REQUEST = {"x-request-id", "x-cache"}


def fast_layer(app) -> FastAnswers | None:
    """The app's fast layer (the middleware stack is built by the first request)."""
    layer = app.middleware_stack
    while layer is not None and not isinstance(layer, FastAnswers):
        layer = getattr(layer, "app", None)
    return layer


async def post(client: httpx.AsyncClient, headers=None, body=BODY, **options):
    return await client.post("/graphql", json=body, headers={**JSON, **(headers or {})}, **options)


async def key_headers(engine, role: str, **scope) -> dict[str, str]:
    spec = key_spec(name=f"Fast {role}", role=role, now=utc_now(), **scope)
    _record, secret = await create_key(engine, spec, utc_now())
    return {"Authorization": f"Bearer {secret}"}


async def streamed(chunks: list[bytes]):
    """A request body sent in chunks, without Content-Length."""
    for chunk in chunks:
        yield chunk


def lasting(response: httpx.Response) -> dict[str, str]:
    return {name: value for name, value in response.headers.items() if name not in PER_REQUEST}


async def test_a_repeated_post_gets_the_same_bytes_and_headers_from_the_fast_layer(
    app, client, count_statements
):
    origin = {"Origin": "https://portal.example", "X-Request-ID": "first"}
    first = await post(client, origin)
    assert first.json() == PUBLIC_ANSWER
    assert first.headers["x-cache"] == "miss"
    fast = fast_layer(app)
    with count_statements(app.state.engine) as counter:
        again = await post(client, {**origin, "X-Request-ID": "again"})
    assert fast.hits == 1
    assert counter.count == 0, counter.statements
    assert again.status_code == 200
    assert again.content == first.content
    assert again.headers["x-cache"] == "hit"
    assert again.headers["x-request-id"] == "again"
    assert again.headers["x-content-version"] == "1"
    assert again.headers["access-control-allow-origin"] == "*"
    assert lasting(again) == lasting(first)


async def test_a_repeated_persisted_get_keeps_its_public_cache_control(app, client):
    first = await client.get("/graphql", params=PERSISTED, headers=JSON)
    assert first.json()["data"]["article"]["title"] == TITLE
    again = await client.get("/graphql", params=PERSISTED, headers=JSON)
    assert fast_layer(app).hits == 1
    assert again.content == first.content
    assert again.headers["cache-control"] == "public, max-age=60, stale-while-revalidate=300"
    assert lasting(again) == lasting(first)


async def test_if_none_match_gets_the_same_304_as_the_normal_path(app, client):
    first = await post(client)
    etag = first.headers["etag"]
    fast = fast_layer(app)
    for header in (etag, f"W/{etag}", f'"other", {etag}', "*"):
        quick = await post(client, {"If-None-Match": header})
        assert (quick.status_code, quick.content) == (304, b""), header
    assert fast.hits == 4
    # The same request spelled with other JSON spacing is another raw request: its first
    # 304 comes from the endpoint itself.
    spaced = json.dumps(BODY, indent=2).encode()
    normal = await client.post(
        "/graphql",
        content=spaced,
        headers={**JSON, "Content-Type": "application/json", "If-None-Match": etag},
    )
    assert fast.hits == 4
    assert normal.status_code == 304
    assert lasting(quick) == lasting(normal)
    assert "content-type" not in quick.headers
    changed = await post(client, {"If-None-Match": '"v0-0000000000000000"'})
    assert (changed.status_code, changed.content) == (200, first.content)
    assert fast.hits == 5


async def test_a_new_seed_is_never_answered_from_an_older_fast_entry(app, client, content_dir):
    assert (await post(client)).json() == PUBLIC_ANSWER
    assert (await post(client)).headers["x-cache"] == "hit"
    fast = fast_layer(app)
    assert fast.hits == 1
    await retitle_and_seed(app, content_dir, "Neu gefasst")
    fresh = await post(client)
    assert fresh.json() == {"data": {"article": {"slug": SLUG, "title": "Neu gefasst"}}}
    assert (fresh.headers["x-cache"], fast.hits) == ("miss", 1)
    assert fresh.headers["x-content-version"] == str(app.state.content_watch.version)
    again = await post(client)
    assert (again.content, fast.hits) == (fresh.content, 2)


async def test_an_admin_mutation_ends_the_fast_answers_at_once(app, client, seeded_engine):
    await post(client)
    assert (await post(client)).json() == PUBLIC_ANSWER
    fast = fast_layer(app)
    admin = await key_headers(seeded_engine, "admin")
    unpublish = {"query": f'mutation {{ unpublishArticle(slug: "{SLUG}") {{ slug }} }}'}
    done = await post(client, admin, unpublish)
    assert done.json() == {"data": {"unpublishArticle": {"slug": SLUG}}}
    # Without waiting for the content watch.
    gone = await post(client)
    assert gone.json() == {"data": {"article": None}}
    assert (gone.headers["x-cache"], fast.hits) == ("miss", 1)


async def test_keys_never_receive_an_anonymous_fast_answer(app, client, seeded_engine, content_dir):
    with (content_dir / "topics.yaml").open("a", encoding="utf-8") as topics:
        topics.write("\n- slug: ernaehrung\n  name: Ernährung\n")
    await import_content(seeded_engine, content_dir)
    await until(lambda: app.state.content_watch.version == 2)

    async def website(headers=None):
        return await client.get("/graphql", params=PERSISTED, headers={**JSON, **(headers or {})})

    outside = await key_headers(seeded_engine, "partner", topics=["ernaehrung"])
    inside = await key_headers(seeded_engine, "partner", topics=["knochenmetastasen"])
    for _ in range(2):  # a key first: the public does not get its answer
        assert (await website(outside)).json() == {"data": {"article": None}}
    public = await website()
    assert public.json()["data"]["article"]["title"] == TITLE
    assert (await website()).content == public.content
    fast = fast_layer(app)
    assert fast.hits == 1
    for _ in range(2):  # the public first: keys do not get its answer
        foreign = await website(outside)
        assert foreign.json() == {"data": {"article": None}}
        own = await website(inside)
        assert own.content == public.content
        assert own.headers["cache-control"] == "private, no-cache"  # not the public answer's
    assert (await website({"Authorization": "Bearer nonsense"})).status_code == 401
    assert (await website({"Authorization": ""})).status_code == 401
    assert fast.hits == 1
    assert (await website()).content == public.content
    assert fast.hits == 2


async def test_preview_and_admin_answers_and_anonymous_ones_never_mix(app, client, seeded_engine):
    admin = await key_headers(seeded_engine, "admin")
    preview = await key_headers(seeded_engine, "preview")
    unpublish = {"query": f'mutation {{ unpublishArticle(slug: "{SLUG}") {{ slug }} }}'}
    assert (await post(client, admin, unpublish)).status_code == 200
    fast = fast_layer(app)
    for _ in range(2):  # a draft: keys see it, and it is never kept
        for key in (preview, admin):
            drafts = await post(client, key)
            assert drafts.json() == PUBLIC_ANSWER
            assert drafts.headers["cache-control"] == "private, no-store"
    for _ in range(2):
        hidden = await post(client)
        assert hidden.json() == {"data": {"article": None}}
    assert fast.hits == 1
    for key in (preview, admin):
        assert (await post(client, key)).json() == PUBLIC_ANSWER
    assert fast.hits == 1


async def test_each_accept_media_type_has_its_own_entry(app, client):
    spec = {"accept": "application/graphql-response+json"}
    legacy = await post(client)
    modern = await post(client, spec)
    assert legacy.headers["content-type"] == "application/json"
    assert modern.headers["content-type"] == "application/graphql-response+json"
    assert modern.headers["x-cache"] == "hit"  # the endpoint's cache: same answer bytes
    fast = fast_layer(app)
    assert fast.hits == 0
    for headers, first in (({}, legacy), (spec, modern)):
        again = await post(client, headers)
        assert lasting(again) == lasting(first)
    assert fast.hits == 2
    # A request repeating a header the answer depends on is left to the endpoint.
    twice = [("accept", "application/json"), ("accept", "application/graphql-response+json")]
    for _ in range(2):
        await client.post("/graphql", json=BODY, headers=twice)
    assert fast.hits == 2


async def test_a_body_over_the_limit_still_gets_413(app, client):
    padded = {**BODY, "variables": {"slug": SLUG, "pad": "x" * 100_000}}
    fast = None
    for _ in range(2):
        declared = await post(client, body=padded)
        assert declared.status_code == 413
        text = json.dumps(padded).encode()
        chunks = [text[i : i + 30_000] for i in range(0, len(text), 30_000)]
        chunked = await client.post(
            "/graphql",
            content=streamed(chunks),
            headers={**JSON, "Content-Type": "application/json"},
        )
        assert "content-length" not in chunked.request.headers
        assert chunked.status_code == 413
        assert chunked.json()["errors"][0]["message"].startswith("The request body is larger")
        fast = fast_layer(app)
    assert fast.hits == 0
    # A body in several chunks under the limit is read whole, replayed, and indexed.
    parts = [json.dumps(BODY).encode()[:20], json.dumps(BODY).encode()[20:]]
    for _ in range(2):
        answer = await client.post(
            "/graphql",
            content=streamed(parts),
            headers={**JSON, "Content-Type": "application/json"},
        )
        assert answer.json() == PUBLIC_ANSWER
    assert fast.hits == 1


async def test_fast_entries_count_against_the_byte_bound(make_client):
    app, client = await make_client(response_cache_bytes=20_000)
    cache = app.routes[0].endpoint.responses
    for number in range(40):
        query = {"query": f"query Topics{number} {{ topics {{ slug name description }} }}"}
        for state in ("miss", "hit"):
            response = await post(client, body=query)
            assert response.headers["x-cache"] == state
            assert cache.bytes <= cache.max_bytes == 20_000
    fast = fast_layer(app)
    assert fast.hits == 40
    oldest = await post(
        client, body={"query": "query Topics0 { topics { slug name description } }"}
    )
    assert oldest.headers["x-cache"] == "miss"  # evicted long ago, answer and index alike
    assert fast.hits == 40


async def test_hits_are_logged_and_counted_like_any_request(app, client, caplog):
    before = samples((await client.get("/metrics")).text)
    with caplog.at_level(logging.INFO, logger="guide.request"):
        await post(client, {"X-Request-ID": "fast-miss"})
        await post(client, {"X-Request-ID": "fast-hit"})
    assert fast_layer(app).hits == 1
    records = {r.request_id: r for r in caplog.records if r.name == "guide.request"}
    hit = records["fast-hit"]
    assert hit.getMessage() == "POST /graphql 200"
    assert (hit.operation, hit.status, hit.sql_statements, hit.content_version) == (
        "Article",
        200,
        0,
        1,
    )
    assert hit.duration_ms >= 0
    after = samples((await client.get("/metrics")).text)

    def grew(name: str, **labels) -> float:
        key = (name, tuple(sorted(labels.items())))
        return after.get(key, 0) - before.get(key, 0)

    labels = {"route": "/graphql", "operation": "Article"}
    assert grew("guide_requests_total", outcome="ok", **labels) == 2
    assert grew("guide_request_duration_seconds_count", **labels) == 2


async def test_turned_off_no_fast_layer_answers(make_client):
    app, client = await make_client(response_cache=False, compiled_queries=False)
    for _ in range(3):
        response = await post(client)
        assert response.json() == PUBLIC_ANSWER
        assert response.headers["x-cache"] == "miss"
    assert fast_layer(app) is None


async def test_without_the_cache_the_layer_only_answers_planned_queries(make_client):
    app, client = await make_client(response_cache=False)
    for _ in range(3):
        response = await post(client)
        assert response.json() == PUBLIC_ANSWER
        assert response.headers["x-cache"] == "miss"
    fast = fast_layer(app)
    assert (fast.hits, fast.planned) == (0, 2)  # the first request taught the plan


def samples(text: str) -> dict[tuple, float]:
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }
