"""The per-process response cache: hits cost no SQL, and no answer is stale or foreign.

Every test runs the real app over HTTP on SQLite and PostgreSQL. `X-Cache` tells
whether an answer came from the cache; `count_statements` proves a hit never
reaches the database.
"""

import json
import logging
from pathlib import Path

import httpx
from content_edits import retitle_and_seed
from polling import until

from api.auth.resolver import utc_now
from api.auth.spec import key_spec
from api.auth.store import create_key
from api.persisted import sha256_of
from seed.importer import import_content

SLUG = "knochenmetastasen-verstehen"
TITLE = "Knochenmetastasen verstehen"
ARTICLE = "query Article($slug: String!) { article(slug: $slug) { slug title } }"
# The same document, spelled with other insignificant whitespace, commas and a comment.
ARTICLE_RESPACED = (
    "query Article( $slug : String! ) {\n  article(slug: $slug) {\n"
    "    slug, title # the heading\n  }\n}\n"
)
WEBSITE = Path(__file__).resolve().parent.parent / "docs" / "frontends" / "website-article.graphql"
WEBSITE_HASH = sha256_of(WEBSITE.read_text(encoding="utf-8"))
JSON = {"accept": "application/json"}


async def article(client: httpx.AsyncClient, query: str = ARTICLE, headers=None):
    return await client.post(
        "/graphql",
        json={"query": query, "variables": {"slug": SLUG}},
        headers={**JSON, **(headers or {})},
    )


async def website_article(client: httpx.AsyncClient, headers=None):
    params = {"documentId": WEBSITE_HASH, "variables": json.dumps({"slug": SLUG})}
    return await client.get("/graphql", params=params, headers={**JSON, **(headers or {})})


async def key_headers(engine, role: str, **scope) -> dict[str, str]:
    spec = key_spec(name=f"Test {role}", role=role, now=utc_now(), **scope)
    _record, secret = await create_key(engine, spec, utc_now())
    return {"Authorization": f"Bearer {secret}"}


async def test_a_repeated_query_is_answered_from_the_cache_without_sql(
    app, client, count_statements
):
    first = await article(client)
    assert first.status_code == 200
    assert first.json() == {"data": {"article": {"slug": SLUG, "title": TITLE}}}
    assert first.headers["x-cache"] == "miss"
    with count_statements(app.state.engine) as counter:
        again = await article(client)
        respaced = await article(client, ARTICLE_RESPACED)
    assert counter.count == 0, counter.statements
    for hit in (again, respaced):
        assert hit.headers["x-cache"] == "hit"
        assert hit.content == first.content
        assert hit.headers["etag"] == first.headers["etag"]


async def test_a_persisted_query_by_get_is_answered_from_the_cache_without_sql(
    app, client, count_statements
):
    first = await website_article(client)
    assert "errors" not in first.json()
    with count_statements(app.state.engine) as counter:
        again = await website_article(client)
    assert counter.count == 0, counter.statements
    assert (again.headers["x-cache"], again.content) == ("hit", first.content)


async def test_other_variables_or_a_string_with_other_spaces_are_other_entries(client):
    await article(client)
    other = await client.post(
        "/graphql", json={"query": ARTICLE, "variables": {"slug": "gibt-es-nicht"}}, headers=JSON
    )
    assert other.json() == {"data": {"article": None}}
    assert other.headers["x-cache"] == "miss"
    spaced = await article(client, ARTICLE.replace("{ slug title }", "{ slug title }"))
    assert spaced.headers["x-cache"] == "hit"
    literal = 'query Article { article(slug: "knochenmetastasen-verstehen ") { slug } }'
    answer = await client.post("/graphql", json={"query": literal}, headers=JSON)
    assert answer.json() == {"data": {"article": None}}  # not the cached answer for the slug


async def test_a_new_seed_is_never_answered_from_an_older_entry(app, client, content_dir):
    assert (await article(client)).json()["data"]["article"]["title"] == TITLE
    assert (await article(client)).headers["x-cache"] == "hit"
    await retitle_and_seed(app, content_dir, "Neu gefasst")
    fresh = await article(client)
    assert fresh.json() == {"data": {"article": {"slug": SLUG, "title": "Neu gefasst"}}}
    assert fresh.headers["x-cache"] == "miss"
    assert (await article(client)).headers["x-cache"] == "hit"


async def test_an_admin_mutation_drops_this_processes_entries_at_once(app, client, seeded_engine):
    assert (await article(client)).json()["data"]["article"]["title"] == TITLE
    admin = await key_headers(seeded_engine, "admin")
    unpublish = f'mutation {{ unpublishArticle(slug: "{SLUG}") {{ slug }} }}'
    done = await client.post("/graphql", json={"query": unpublish}, headers={**JSON, **admin})
    assert done.json() == {"data": {"unpublishArticle": {"slug": SLUG}}}
    assert done.headers["x-cache"] == "miss"
    # Without waiting for the content watch: this process forgot its answers already.
    gone = await article(client)
    assert gone.json() == {"data": {"article": None}}
    assert gone.headers["x-cache"] == "miss"


async def test_callers_with_other_scopes_never_receive_each_others_answers(
    app, client, seeded_engine, content_dir
):
    # A topic the article is not filed under, for a partner key of another portal.
    with (content_dir / "topics.yaml").open("a", encoding="utf-8") as topics:
        topics.write("\n- slug: ernaehrung\n  name: Ernährung\n")
    await import_content(seeded_engine, content_dir)
    await until(lambda: app.state.content_watch.version == 2)
    outside = await key_headers(seeded_engine, "partner", topics=["ernaehrung"])
    inside = await key_headers(seeded_engine, "partner", topics=["knochenmetastasen"])
    also_inside = await key_headers(seeded_engine, "partner", topics=["knochenmetastasen"])
    preview = await key_headers(seeded_engine, "preview")
    public = await website_article(client)
    assert public.json()["data"]["article"]["title"] == TITLE
    assert (await website_article(client)).headers["x-cache"] == "hit"

    foreign = await website_article(client, outside)
    assert foreign.json() == {"data": {"article": None}}
    assert foreign.headers["x-cache"] == "miss"
    own = await website_article(client, inside)
    assert own.content == public.content
    assert own.headers["x-cache"] == "miss"  # its own scope, its own entry
    # Keys with the same scope see the same content: they share an entry.
    assert (await website_article(client, also_inside)).headers["x-cache"] == "hit"
    assert (await website_article(client, outside)).json() == {"data": {"article": None}}
    for _ in range(2):  # preview answers are never kept
        assert (await website_article(client, preview)).headers["x-cache"] == "miss"
    assert (await website_article(client)).headers["x-cache"] == "hit"


async def test_the_cache_stays_within_its_byte_bound(make_client):
    app, client = await make_client(response_cache_bytes=20_000)
    cache = app.routes[0].endpoint.responses
    for number in range(60):
        query = f"query Topics{number} {{ topics {{ slug name description }} }}"
        response = await client.post("/graphql", json={"query": query}, headers=JSON)
        assert "errors" not in response.json()
        assert response.headers["x-cache"] == "miss"
        assert cache.bytes <= cache.max_bytes == 20_000
    assert 0 < len(cache) < 60  # the oldest were evicted
    last = await client.post(
        "/graphql", json={"query": "query Topics59 { topics { slug name description } }"}
    )
    assert last.headers["x-cache"] == "hit"


async def test_errors_mutations_and_batches_are_never_cached(client, seeded_engine):
    wrong = {"query": "{ article(slug: 1) { title } }"}
    for _ in range(2):
        response = await client.post("/graphql", json=wrong, headers=JSON)
        assert response.json()["errors"]
        assert response.headers["x-cache"] == "miss"
        assert "etag" not in response.headers
    admin = await key_headers(seeded_engine, "admin")
    publish = f'mutation {{ publishArticle(slug: "{SLUG}") {{ slug }} }}'
    for _ in range(2):
        done = await client.post("/graphql", json={"query": publish}, headers={**JSON, **admin})
        assert done.json() == {"data": {"publishArticle": {"slug": SLUG}}}
        assert done.headers["x-cache"] == "miss"
    batch = [{"query": ARTICLE, "variables": {"slug": SLUG}}] * 2
    for _ in range(2):
        response = await client.post("/graphql", json=batch, headers=JSON)
        assert response.json() == [{"data": {"article": {"slug": SLUG, "title": TITLE}}}] * 2
        assert "x-cache" not in response.headers


async def test_turned_off_every_answer_runs(make_client, caplog):
    _app, client = await make_client(response_cache=False)
    await article(client)
    with caplog.at_level(logging.INFO, logger="guide.request"):
        again = await article(client)
    assert again.json() == {"data": {"article": {"slug": SLUG, "title": TITLE}}}
    assert again.headers["x-cache"] == "miss"
    # The request log counts the statements of every engine that answers requests.
    (record,) = [r for r in caplog.records if r.name == "guide.request"]
    assert record.sql_statements > 0
