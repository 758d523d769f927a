"""Embeds see exactly what GraphQL shows the same caller: drafts, preview keys, partner scopes."""

from pathlib import Path

import httpx
import pytest

from api.app import create_app
from api.auth.resolver import utc_now
from api.auth.spec import key_spec
from api.auth.store import create_key
from api.settings import Settings
from seed.importer import import_content

GUIDE = "knochenmetastasen-verstehen"
SECOND = "zweiter-ratgeber"  # published, outside the partner key's scope
DRAFT = "entwurf"


def write_article(content_dir: Path, slug: str, *, status: str, title: str) -> None:
    """A copy of the guide under another slug, status and title."""
    source = (content_dir / "articles" / f"{GUIDE}.md").read_text(encoding="utf-8")
    text = source.replace(f"slug: {GUIDE}", f"slug: {slug}", 1)
    text = text.replace("status: published", f"status: {status}", 1)
    text = text.replace("title: Knochenmetastasen verstehen", f"title: {title}", 1)
    (content_dir / "articles" / f"{slug}.md").write_text(text, encoding="utf-8")


@pytest.fixture
async def client(engine, database_url, content_dir):
    """The app over the guide, a second published article and a draft."""
    write_article(content_dir, SECOND, status="published", title="Zweiter Ratgeber")
    write_article(content_dir, DRAFT, status="draft", title="Entwurf eines Ratgebers")
    await import_content(engine, content_dir)
    settings = Settings(
        database_url=database_url,
        seed_on_start=False,
        partners_registered_only=False,  # so the test can ask GraphQL the same question
        _env_file=None,
    )
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            yield http


async def issue(engine, role: str, **scope) -> dict[str, str]:
    spec = key_spec(name=f"{role} embed test", role=role, expires="never", now=utc_now(), **scope)
    _record, secret = await create_key(engine, spec, utc_now())
    return {"Authorization": f"Bearer {secret}"}


async def section_via_graphql(client, article: str, headers=None) -> dict | None:
    query = 'query($a: String!) { section(article: $a, anchor: "kernaussage") { heading } }'
    answer = await client.post(
        "/graphql", json={"query": query, "variables": {"a": article}}, headers=headers or {}
    )
    body = answer.json()
    assert "errors" not in body, body
    return body["data"]["section"]


async def test_a_drafts_section_is_404_for_the_public_like_in_graphql(client):
    assert await section_via_graphql(client, DRAFT) is None
    for query in ("", "?page=1"):
        response = await client.get(f"/embed/{DRAFT}/kernaussage{query}")
        assert response.status_code == 404
        assert "Entwurf eines Ratgebers" not in response.text
        assert response.headers["cache-control"] == "no-store"
    oembed = await client.get(
        "/oembed", params={"url": f"http://testserver/embed/{DRAFT}/kernaussage"}
    )
    assert oembed.status_code == 404


async def test_a_preview_key_sees_the_draft_privately(client, engine):
    headers = await issue(engine, "preview")
    assert await section_via_graphql(client, DRAFT, headers) == {"heading": "Kernaussage"}

    response = await client.get(f"/embed/{DRAFT}/kernaussage", headers=headers)
    assert response.status_code == 200
    assert "„Entwurf eines Ratgebers“" in response.text
    assert response.headers["cache-control"] == "private, no-cache"
    assert "Authorization" in response.headers["vary"]
    # Keys listing no origins leave framing open, as for everyone.
    assert response.headers["content-security-policy"].endswith("frame-ancestors *")


async def test_a_partner_key_sees_only_its_scope(client, engine):
    headers = await issue(engine, "partner", articles=[GUIDE])

    guide = await client.get(f"/embed/{GUIDE}/kernaussage", headers=headers)
    assert guide.status_code == 200
    assert guide.headers["cache-control"] == "private, no-cache"
    for article in (SECOND, DRAFT):
        outside = await client.get(f"/embed/{article}/kernaussage", headers=headers)
        assert outside.status_code == 404, article
        assert await section_via_graphql(client, article, headers) is None
    # The public may read the second article: the 404 above came from the key's scope.
    assert (await client.get(f"/embed/{SECOND}/kernaussage")).status_code == 200


async def test_a_wrong_key_is_refused_before_the_embed(client):
    response = await client.get(
        f"/embed/{GUIDE}/kernaussage", headers={"Authorization": "Bearer gk_" + "A" * 43}
    )
    assert response.status_code == 401
