"""Persisted queries: the hash of a registered query instead of its text, by GET, cacheable."""

import json
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from api.app import create_app
from api.auth.spec import key_spec
from api.auth.store import create_key
from api.persisted import sha256_of
from api.settings import Settings

FRONTENDS = Path(__file__).resolve().parent.parent / "docs" / "frontends"
ARTICLE_QUERY = (FRONTENDS / "website-article.graphql").read_text(encoding="utf-8")
ARTICLE_HASH = sha256_of(ARTICLE_QUERY)
SLUG = {"slug": "knochenmetastasen-verstehen"}
JSON = {"accept": "application/json"}
SPEC = {"accept": "application/graphql-response+json"}
NOT_FOUND = {
    "errors": [
        {"message": "PersistedQueryNotFound", "extensions": {"code": "PERSISTED_QUERY_NOT_FOUND"}}
    ]
}


def apollo(sha256: str, **variables) -> dict[str, str]:
    """Apollo's GET form: the hash in `extensions`, variables as JSON text."""
    extensions = {"persistedQuery": {"version": 1, "sha256Hash": sha256}}
    return {"extensions": json.dumps(extensions), "variables": json.dumps(variables)}


@asynccontextmanager
async def serving(database_url: str, secret: str | None = None, **settings):
    """The real app with some settings changed; with `secret`, every request carries that key."""
    app = create_app(
        Settings(database_url=database_url, seed_on_start=False, _env_file=None, **settings)
    )
    headers = {"authorization": f"Bearer {secret}"} if secret else {}
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://testserver", headers=headers
        ) as client:
            yield client


@pytest.fixture
async def partner_secret(seeded_engine) -> str:
    """A real partner key for the topic of the bundled article."""
    now = datetime.now(UTC)
    spec = key_spec(name="Praxisportal", role="partner", topics=["knochenmetastasen"], now=now)
    _record, secret = await create_key(seeded_engine, spec, now)
    return secret


def assert_article(response) -> None:
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body
    assert body["data"]["article"]["title"] == "Knochenmetastasen verstehen"


async def test_a_documented_query_runs_by_its_apollo_hash_over_get(client):
    response = await client.get("/graphql", params=apollo(ARTICLE_HASH, **SLUG), headers=JSON)
    assert_article(response)
    assert response.headers["cache-control"] == "public, max-age=60, stale-while-revalidate=300"


@pytest.mark.parametrize("name", ["documentId", "id"])
@pytest.mark.parametrize("prefix", ["", "sha256:"])
async def test_a_plain_document_id_works_by_get_and_post(client, name, prefix):
    params = {name: prefix + ARTICLE_HASH, "variables": json.dumps(SLUG)}
    assert_article(await client.get("/graphql", params=params, headers=JSON))
    assert_article(
        await client.post("/graphql", json={name: prefix + ARTICLE_HASH, "variables": SLUG})
    )


async def test_an_apollo_get_with_accept_anything_is_not_taken_for_a_browser(client):
    response = await client.get(
        "/graphql", params=apollo(ARTICLE_HASH, **SLUG), headers={"accept": "*/*"}
    )
    assert_article(response)


async def test_an_unknown_hash_answers_persisted_query_not_found(client):
    unknown = sha256_of("{ topics { slug } }")
    legacy = await client.get("/graphql", params=apollo(unknown), headers=JSON)
    assert legacy.status_code == 200  # Apollo clients then retry with the text
    assert legacy.json() == NOT_FOUND
    spec = await client.get("/graphql", params=apollo(unknown), headers=SPEC)
    assert spec.status_code == 400
    assert spec.json() == NOT_FOUND


async def test_a_query_sent_with_its_hash_is_not_registered_by_default(client):
    query = "{ topics { slug } }"
    body = {
        "query": query,
        "extensions": {"persistedQuery": {"version": 1, "sha256Hash": sha256_of(query)}},
    }
    first = await client.post("/graphql", json=body)
    assert first.json()["data"]["topics"][0] == {"slug": "krebs"}
    again = await client.get("/graphql", params=apollo(sha256_of(query)), headers=JSON)
    assert again.json() == NOT_FOUND


async def test_automatic_registration_follows_apollos_handshake(seeded_engine, database_url):
    query = "{ topics { slug } }"
    params = apollo(sha256_of(query))
    async with serving(database_url, persisted_queries_auto_register=True) as client:
        assert (await client.get("/graphql", params=params, headers=JSON)).json() == NOT_FOUND
        registered = await client.get("/graphql", params={**params, "query": query}, headers=JSON)
        assert "errors" not in registered.json()
        cached = await client.get("/graphql", params=params, headers=JSON)
        assert cached.json()["data"]["topics"][0] == {"slug": "krebs"}
        assert cached.headers["cache-control"] == "public, max-age=60, stale-while-revalidate=300"


async def test_a_hash_that_does_not_match_the_text_is_refused(client):
    body = {
        "query": "{ topics { slug } }",
        "extensions": {"persistedQuery": {"version": 1, "sha256Hash": ARTICLE_HASH}},
    }
    response = await client.post("/graphql", json=body)
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"] == {"code": "PERSISTED_QUERY_HASH_MISMATCH"}


@pytest.mark.parametrize(
    ("extensions", "message"),
    [
        (
            {"persistedQuery": {"version": 2, "sha256Hash": ARTICLE_HASH}},
            "Unsupported persisted query",
        ),
        ({"persistedQuery": {"version": 1, "sha256Hash": "abc"}}, "'abc' is not a SHA-256 hash"),
    ],
)
async def test_malformed_persisted_query_extensions_are_400(client, extensions, message):
    response = await client.post("/graphql", json={"extensions": extensions})
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"].startswith(message)


async def test_partner_keys_may_run_registered_queries_only(partner_secret, database_url):
    async with serving(database_url, partner_secret) as client:
        text = await client.post("/graphql", json={"query": "{ topics { slug } }"}, headers=SPEC)
        assert text.status_code == 403
        assert text.json() == {
            "errors": [
                {
                    "message": "This access key may run registered queries only: send the "
                    "SHA-256 of a documented query (docs/frontends) as `documentId` or "
                    "`extensions.persistedQuery.sha256Hash`",
                    "extensions": {"code": "PERSISTED_QUERY_REQUIRED"},
                }
            ]
        }
        persisted = await client.get("/graphql", params=apollo(ARTICLE_HASH, **SLUG), headers=JSON)
        assert_article(persisted)
        assert persisted.headers["cache-control"] == "private, no-cache"
        # The registered text itself is fine too.
        assert_article(
            await client.post("/graphql", json={"query": ARTICLE_QUERY, "variables": SLUG})
        )


async def test_partner_keys_may_send_text_when_the_setting_allows(partner_secret, database_url):
    async with serving(database_url, partner_secret, partners_registered_only=False) as client:
        response = await client.post("/graphql", json={"query": "{ topics { slug } }"})
        assert "errors" not in response.json()


async def test_an_anonymous_text_query_by_get_is_public_too(client):
    response = await client.get("/graphql", params={"query": "{ topics { slug } }"}, headers=JSON)
    assert response.status_code == 200
    assert response.headers["cache-control"] == "public, max-age=60, stale-while-revalidate=300"
