"""CORS: anonymous answers are open to every origin; keys only from the origins they name."""

import httpx
import pytest

from api.app import create_app
from api.auth.resolver import utc_now
from api.auth.spec import key_spec
from api.auth.store import create_key, revoke_key
from api.settings import Settings

QUERY = {"query": '{ article(slug: "knochenmetastasen-verstehen") { title } }'}
ANSWER = {"data": {"article": {"title": "Knochenmetastasen verstehen"}}}
PORTAL = "https://portal.example"
OTHER_PORTAL = "https://andere-praxis.example"
STRANGER = "https://fremd.example"


def settings_for(database_url: str, **overrides) -> Settings:
    return Settings(
        database_url=database_url,
        seed_on_start=False,
        partners_registered_only=False,  # partners may send any query in these tests
        _env_file=None,
        **overrides,
    )


@pytest.fixture
async def app(seeded_engine, database_url):
    application = create_app(settings_for(database_url))
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
async def keys(seeded_engine) -> dict[str, str]:
    """Secrets of a partner key for PORTAL, one for OTHER_PORTAL, and a revoked one for STRANGER."""
    secrets = {}
    for name, origin in (("portal", PORTAL), ("other", OTHER_PORTAL), ("revoked", STRANGER)):
        spec = key_spec(
            name=name, role="partner", topics=["krebs"], origins=[origin], now=utc_now()
        )
        record, secrets[name] = await create_key(seeded_engine, spec, utc_now())
    await revoke_key(seeded_engine, record.id, utc_now())
    return secrets


def preflight(origin: str, *, headers: str = "content-type", method: str = "POST") -> dict:
    return {
        "Origin": origin,
        "Access-Control-Request-Method": method,
        "Access-Control-Request-Headers": headers,
    }


def forbidden(message: str) -> dict:
    return {"errors": [{"message": message, "extensions": {"code": "FORBIDDEN"}}]}


def cors_headers(answer: httpx.Response) -> dict[str, str]:
    return {
        name: value
        for name, value in answer.headers.items()
        if name.startswith("access-control-") or name == "vary"
    }


async def test_preflight_for_a_key_from_its_origin(client, keys):
    answer = await client.options(
        "/graphql", headers=preflight(PORTAL, headers="authorization,content-type")
    )
    assert answer.status_code == 204
    assert cors_headers(answer) == {
        "access-control-allow-origin": PORTAL,
        "vary": "Origin",
        "access-control-allow-methods": "GET, POST",
        "access-control-allow-headers": "accept, content-type, authorization",
        "access-control-max-age": "600",
    }


@pytest.mark.parametrize("origin", [STRANGER, "https://portal.example.evil"])
async def test_preflight_for_a_key_from_an_unknown_origin_is_refused(client, keys, origin):
    answer = await client.options("/graphql", headers=preflight(origin, headers="authorization"))
    assert answer.status_code == 403
    assert cors_headers(answer) == {}
    assert answer.json() == forbidden(
        f"CORS: origin {origin} may not send access keys; ask for a key issued for this origin"
    )


async def test_anonymous_preflight_from_anywhere(client, keys):
    answer = await client.options("/graphql", headers=preflight(STRANGER))
    assert answer.status_code == 204
    assert cors_headers(answer) == {
        "access-control-allow-origin": "*",
        "vary": "Origin",
        "access-control-allow-methods": "GET, POST",
        "access-control-allow-headers": "accept, content-type",
        "access-control-max-age": "600",
    }


@pytest.mark.parametrize(
    ("request_headers", "message"),
    [
        (preflight(PORTAL, method="DELETE"), "CORS: method DELETE is not allowed; use GET or POST"),
        (
            preflight(PORTAL, headers="content-type, x-debug"),
            "CORS: request headers x-debug are not allowed; "
            "allowed: accept, content-type, authorization",
        ),
    ],
)
async def test_preflight_for_other_methods_and_headers_is_refused(
    client, keys, request_headers, message
):
    answer = await client.options("/graphql", headers=request_headers)
    assert (answer.status_code, answer.json()) == (403, forbidden(message))


async def test_anonymous_answers_are_open_to_every_origin(client):
    # Also without an Origin header, so that a shared cache may hand the answer to any page.
    for headers in ({"Origin": STRANGER}, {}):
        answer = await client.post("/graphql", json=QUERY, headers=headers)
        assert answer.json() == ANSWER
        assert answer.headers["access-control-allow-origin"] == "*"


async def test_a_key_from_its_origin_is_answered_for_that_origin(client, keys):
    headers = {"Origin": PORTAL, "Authorization": f"Bearer {keys['portal']}"}
    answer = await client.post("/graphql", json=QUERY, headers=headers)
    assert answer.json() == ANSWER
    assert answer.headers["access-control-allow-origin"] == PORTAL
    assert "Origin" in answer.headers["vary"]


async def test_a_key_from_another_partners_origin_is_refused(client, keys):
    headers = {"Origin": OTHER_PORTAL, "Authorization": f"Bearer {keys['portal']}"}
    answer = await client.post("/graphql", json=QUERY, headers=headers)
    assert answer.status_code == 403
    assert answer.json() == forbidden(
        f"the access key 'portal' may not be used from origin {OTHER_PORTAL}; "
        f"it was issued for {PORTAL}"
    )
    # That origin may send keys at all, so its page may read why it was refused.
    assert answer.headers["access-control-allow-origin"] == OTHER_PORTAL


async def test_a_key_from_a_strange_origin_is_refused_unreadably(client, keys):
    headers = {"Origin": STRANGER, "Authorization": f"Bearer {keys['portal']}"}
    answer = await client.post("/graphql", json=QUERY, headers=headers)
    assert answer.status_code == 403
    assert "access-control-allow-origin" not in answer.headers


async def test_keys_without_origin_or_from_the_api_itself_need_no_cors(client, keys):
    for extra in ({}, {"Origin": "http://testserver"}):
        headers = {"Authorization": f"Bearer {keys['portal']}", **extra}
        answer = await client.post("/graphql", json=QUERY, headers=headers)
        assert answer.json() == ANSWER
        assert cors_headers(answer).get("access-control-allow-origin") is None


async def test_a_refused_key_can_be_read_by_a_known_origin(client, keys):
    headers = {"Origin": PORTAL, "Authorization": "Bearer gk_" + "x" * 43}
    answer = await client.post("/graphql", json=QUERY, headers=headers)
    assert answer.status_code == 401
    assert answer.headers["access-control-allow-origin"] == PORTAL


async def test_without_public_cors_anonymous_browsers_are_refused(
    seeded_engine, database_url, keys
):
    application = create_app(settings_for(database_url, public_cors=False))
    async with application.router.lifespan_context(application):
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            refused = await client.options("/graphql", headers=preflight(STRANGER))
            answer = await client.post("/graphql", json=QUERY, headers={"Origin": STRANGER})
            allowed = await client.options("/graphql", headers=preflight(PORTAL))
    assert (refused.status_code, refused.json()) == (
        403,
        forbidden(f"CORS: origin {STRANGER} is not allowed"),
    )
    assert answer.json() == ANSWER
    assert "access-control-allow-origin" not in answer.headers
    assert allowed.headers["access-control-allow-origin"] == PORTAL
