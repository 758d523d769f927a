"""Access keys over HTTP: `Authorization: Bearer …`, 401 for wrong, expired and revoked keys."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update

from api.app import create_app
from api.auth.errors import Unauthenticated
from api.auth.resolver import KeyResolver, utc_now
from api.auth.spec import key_spec
from api.auth.store import create_key, revoke_key
from api.settings import Settings
from schema import tables

QUERY = {"query": '{ article(slug: "knochenmetastasen-verstehen") { title } }'}
ANSWER = {"data": {"article": {"title": "Knochenmetastasen verstehen"}}}
CHALLENGE = 'Bearer realm="guide-api", error="invalid_token"'
# Well-formed, but issued by nobody.
STRANGER = "gk_" + "A" * 43


async def issue(engine, role: str = "preview", **scope) -> str:
    """A new key's secret (a partner key gets the guide's topic unless told otherwise)."""
    if role == "partner" and not scope:
        scope = {"topics": ["knochenmetastasen"]}
    spec = key_spec(name=f"{role} test", role=role, expires="never", now=utc_now(), **scope)
    _record, secret = await create_key(engine, spec, utc_now())
    return secret


@pytest.fixture
async def app(seeded_engine, database_url):
    """The real app; partner keys may send any query here (not only registered ones)."""
    settings = Settings(
        database_url=database_url,
        seed_on_start=False,
        partners_registered_only=False,
        _env_file=None,
    )
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application


def bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


def refusal(message: str) -> dict:
    return {"errors": [{"message": message, "extensions": {"code": "UNAUTHENTICATED"}}]}


@pytest.mark.parametrize("role", ["partner", "preview", "admin"])
async def test_a_valid_key_is_accepted(client, seeded_engine, role):
    secret = await issue(seeded_engine, role)
    answer = await client.post("/graphql", json=QUERY, headers=bearer(secret))
    assert answer.status_code == 200
    assert answer.json() == ANSWER


async def test_without_a_key_the_public_is_served(client):
    answer = await client.post("/graphql", json=QUERY)
    assert (answer.status_code, answer.json()) == (200, ANSWER)


@pytest.mark.parametrize(
    ("authorization", "message"),
    [
        (f"Bearer {STRANGER}", "the access key is not valid"),
        (
            "Bearer gk_short",
            "the bearer token is not an access key of this API (keys start with 'gk_')",
        ),
        (
            "Basic dXNlcjpwYXNz",
            "Authorization header not understood; send `Authorization: Bearer <access key>`, "
            "or no Authorization header for public content",
        ),
        (
            "Bearer ",
            "Authorization header not understood; send `Authorization: Bearer <access key>`, "
            "or no Authorization header for public content",
        ),
    ],
)
async def test_wrong_keys_get_401_with_a_graphql_error(client, authorization, message):
    answer = await client.post("/graphql", json=QUERY, headers={"Authorization": authorization})
    assert answer.status_code == 401
    assert answer.headers["www-authenticate"] == CHALLENGE
    assert answer.headers["content-type"] == "application/json"
    assert answer.json() == refusal(message)


async def test_the_refusal_speaks_graphql_response_json_when_asked(client):
    headers = {**bearer(STRANGER), "Accept": "application/graphql-response+json"}
    answer = await client.post("/graphql", json=QUERY, headers=headers)
    assert answer.status_code == 401
    assert answer.headers["content-type"] == "application/graphql-response+json"
    assert answer.json() == refusal("the access key is not valid")


async def test_get_requests_are_refused_alike(client):
    answer = await client.get("/graphql", params=QUERY, headers=bearer(STRANGER))
    assert (answer.status_code, answer.json()) == (401, refusal("the access key is not valid"))


async def test_an_expired_key_gets_401(client, seeded_engine):
    secret = await issue(seeded_engine)
    async with seeded_engine.begin() as connection:
        await connection.execute(
            update(tables.AccessKey).values(expires_at=datetime(2026, 1, 31, tzinfo=UTC))
        )
    answer = await client.post("/graphql", json=QUERY, headers=bearer(secret))
    assert answer.status_code == 401
    assert answer.json() == refusal("the access key expired on 2026-01-31; ask for a new one")


async def test_a_revoked_key_gets_401(client, seeded_engine):
    secret = await issue(seeded_engine)
    revoked = await revoke_key(seeded_engine, 1, utc_now())
    answer = await client.post("/graphql", json=QUERY, headers=bearer(secret))
    assert answer.status_code == 401
    assert answer.json() == refusal(f"the access key was revoked on {revoked.revoked_at:%Y-%m-%d}")


async def test_lookups_are_cached_per_process(app, client, seeded_engine, count_statements):
    secret = await issue(seeded_engine)
    key_statements = []
    for _ in range(3):
        with count_statements(app.state.engine) as counter:
            answer = await client.post("/graphql", json=QUERY, headers=bearer(secret))
        assert answer.json() == ANSWER
        key_statements.append([s for s in counter.statements if "access_key" in s])
    first, second, third = key_statements
    # The first request finds the key and notes its use; the next ones hit the cache.
    assert [statement.split()[0] for statement in first] == ["SELECT", "UPDATE"]
    assert second == third == []


async def test_the_first_use_is_noted(client, seeded_engine):
    secret = await issue(seeded_engine)
    before = utc_now().replace(microsecond=0)
    await client.post("/graphql", json=QUERY, headers=bearer(secret))
    async with seeded_engine.connect() as connection:
        last_used = await connection.scalar(select(tables.AccessKey.last_used_at))
    assert last_used.replace(tzinfo=UTC) >= before


class Clock:
    """A monotonic timer the test moves by hand, for the cache's time-to-live."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


async def test_revocation_takes_effect_once_the_cache_entry_expires(seeded_engine):
    secret = await issue(seeded_engine)
    clock = Clock()
    resolver = KeyResolver(seeded_engine, ttl=5, timer=clock)
    authorization = f"Bearer {secret}"
    assert (await resolver.key_for(authorization)).role == "preview"

    await revoke_key(seeded_engine, 1, utc_now())
    clock.now = 4.9
    assert (await resolver.key_for(authorization)).role == "preview"  # still cached
    clock.now = 5.1
    with pytest.raises(Unauthenticated, match="the access key was revoked on"):
        await resolver.key_for(authorization)


async def test_expiry_is_exact_even_for_cached_keys(seeded_engine):
    secret = await issue(seeded_engine)
    async with seeded_engine.begin() as connection:
        await connection.execute(
            update(tables.AccessKey).values(expires_at=utc_now() + timedelta(days=365))
        )
    today = [utc_now()]
    resolver = KeyResolver(seeded_engine, ttl=300, now=lambda: today[0])
    authorization = f"Bearer {secret}"
    assert (await resolver.key_for(authorization)).role == "preview"
    today[0] += timedelta(days=400)  # well within the cache's 300 s of the monotonic timer
    with pytest.raises(Unauthenticated, match="the access key expired on"):
        await resolver.key_for(authorization)
