"""HTTP caching of GraphQL answers: ETag, 304, Cache-Control and Vary per caller."""

import json
import re
from pathlib import Path

import pytest

from api.auth.resolver import utc_now
from api.auth.spec import key_spec
from api.auth.store import create_key
from api.persisted import sha256_of

SLUG = {"slug": "knochenmetastasen-verstehen"}
QUERY = "query Article($slug: String!) { article(slug: $slug) { title } }"
WEBSITE = Path(__file__).resolve().parent.parent / "docs" / "frontends" / "website-article.graphql"
PERSISTED = {
    "documentId": sha256_of(WEBSITE.read_text(encoding="utf-8")),
    "variables": json.dumps(SLUG),
}
JSON = {"accept": "application/json"}
PUBLIC = "public, max-age=60, stale-while-revalidate=300"


async def bearer(engine, role: str, **scope) -> dict[str, str]:
    spec = key_spec(name=f"HTTP {role}", role=role, now=utc_now(), **scope)
    _record, secret = await create_key(engine, spec, utc_now())
    return {"Authorization": f"Bearer {secret}"}


async def test_an_anonymous_get_is_public_with_a_strong_etag(client):
    response = await client.get("/graphql", params={"query": QUERY, "variables": json.dumps(SLUG)})
    assert response.json() == {"data": {"article": {"title": "Knochenmetastasen verstehen"}}}
    assert re.fullmatch(r'"v1-[0-9a-f]{16}"', response.headers["etag"])
    assert response.headers["cache-control"] == PUBLIC
    assert response.headers["vary"] == "Accept, Authorization"


@pytest.mark.parametrize("method", ["GET", "POST"])
async def test_a_matching_if_none_match_answers_304_without_a_body(client, method):
    async def send(headers):
        if method == "GET":
            return await client.get("/graphql", params=PERSISTED, headers={**JSON, **headers})
        body = {"query": QUERY, "variables": SLUG}
        return await client.post("/graphql", json=body, headers={**JSON, **headers})

    first = await send({})
    etag = first.headers["etag"]
    for header in (etag, f"W/{etag}", f'"other", {etag}', "*"):
        again = await send({"If-None-Match": header})
        assert again.status_code == 304, header
        assert again.content == b""
        assert again.headers["etag"] == etag
        assert again.headers["vary"] == "Accept, Authorization"
    changed = await send({"If-None-Match": '"v0-0000000000000000"'})
    assert changed.status_code == 200
    assert changed.content == first.content


async def test_an_anonymous_text_post_gets_an_etag_but_no_cache_control(client):
    response = await client.post("/graphql", json={"query": QUERY, "variables": SLUG})
    assert "etag" in response.headers
    assert "cache-control" not in response.headers


async def test_keyed_answers_are_private(client, seeded_engine):
    partner = await bearer(seeded_engine, "partner", topics=["knochenmetastasen"])
    keyed = await client.get("/graphql", params=PERSISTED, headers={**JSON, **partner})
    assert keyed.headers["cache-control"] == "private, no-cache"
    assert "etag" in keyed.headers
    preview = await bearer(seeded_engine, "preview")
    drafts = await client.get("/graphql", params=PERSISTED, headers={**JSON, **preview})
    assert drafts.json()["data"]["article"]["title"] == "Knochenmetastasen verstehen"
    assert drafts.headers["cache-control"] == "private, no-store"
    assert "etag" not in drafts.headers
    # A preview caller's If-None-Match never gets a 304: there is nothing to validate.
    again = await client.get(
        "/graphql", params=PERSISTED, headers={**JSON, **preview, "If-None-Match": "*"}
    )
    assert again.status_code == 200


async def test_error_answers_keep_no_cache_headers(client):
    response = await client.get("/graphql", params={"query": "{ article { title } }"}, headers=JSON)
    assert response.json()["errors"]
    assert "cache-control" not in response.headers
    assert "etag" not in response.headers
    assert (
        await client.get(
            "/graphql",
            params={"query": "{ article { title } }"},
            headers={**JSON, "If-None-Match": "*"},
        )
    ).status_code == 200
