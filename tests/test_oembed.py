"""oEmbed 1.0 (https://oembed.com) for section embeds: discovery, JSON, 404, 501, sizes."""

import httpx
import pytest
from test_embed import Rendered

from api.app import create_app
from api.settings import Settings

EMBED = "http://testserver/embed/knochenmetastasen-verstehen/kernaussage"
TITLE = "Kernaussage – Knochenmetastasen verstehen"


def item(src: str, width: int = 640, height: int = 480) -> dict:
    return {
        "version": "1.0",
        "type": "rich",
        "html": (
            f'<iframe src="{src}" width="{width}" height="{height}" title="{TITLE}" '
            'loading="lazy" referrerpolicy="no-referrer" '
            'sandbox="allow-popups allow-popups-to-escape-sandbox" style="border:0"></iframe>'
        ),
        "width": width,
        "height": height,
        "title": TITLE,
        "provider_name": "visite-medizin.de",
        "provider_url": "https://visite-medizin.de/",
        "author_name": "visite-medizin.de",
        "author_url": "https://visite-medizin.de/",
        "cache_age": 300,
    }


@pytest.mark.parametrize("url", [EMBED, f"{EMBED}?page=1", f"{EMBED}?page=0"])
async def test_an_embed_url_is_described_as_a_rich_item(client, url):
    response = await client.get("/oembed", params={"url": url, "format": "json"})

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.headers["cache-control"] == "public, max-age=300"
    assert response.json() == item(f"{EMBED}?page=1")


async def test_format_defaults_to_json_and_sizes_respect_the_maxima(client):
    response = await client.get("/oembed", params={"url": EMBED, "maxwidth": 500, "maxheight": 900})
    assert response.json() == item(f"{EMBED}?page=1", width=500, height=480)
    small = await client.get("/oembed", params={"url": EMBED, "maxwidth": 1000, "maxheight": 300})
    assert small.json() == item(f"{EMBED}?page=1", width=640, height=300)


async def test_the_discovery_link_of_the_page_leads_to_the_same_item(client):
    page = await client.get("/embed/knochenmetastasen-verstehen/kernaussage?page=1")
    [discovery] = [
        attrs["href"]
        for tag, attrs in Rendered(page.text).tags
        if tag == "link" and attrs.get("type") == "application/json+oembed"
    ]
    response = await client.get(discovery)
    assert response.json() == item(f"{EMBED}?page=1")


async def test_the_iframe_shows_the_embed_page(client):
    iframe = (await client.get("/oembed", params={"url": EMBED})).json()["html"]
    src = iframe.split('src="', 1)[1].split('"', 1)[0]
    page = await client.get(src)
    assert page.status_code == 200
    assert Rendered(page.text).text.startswith("Kernaussage Knochenmetastasen sind sekundäre")


@pytest.mark.parametrize("output", ["xml", "yaml"])
async def test_formats_other_than_json_are_501(client, output):
    response = await client.get("/oembed", params={"url": EMBED, "format": output})
    assert response.status_code == 501
    assert response.json() == {"error": f"format {output!r} is not offered; use format=json"}


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            "https://example.org/embed/knochenmetastasen-verstehen/kernaussage",
            "'https://example.org/embed/knochenmetastasen-verstehen/kernaussage' is not a "
            "section embed or article URL of this guide",
        ),
        (
            "http://testserver/graphql",
            "'http://testserver/graphql' is not a section embed or article URL of this guide",
        ),
        (
            "http://testserver/embed/knochenmetastasen-verstehen/nein",
            "no section 'nein' in article 'knochenmetastasen-verstehen'",
        ),
        (
            "http://testserver/embed/gibt-es-nicht/kernaussage",
            "no section 'kernaussage' in article 'gibt-es-nicht'",
        ),
    ],
)
async def test_unknown_urls_are_404(client, url, message):
    response = await client.get("/oembed", params={"url": url})
    assert response.status_code == 404
    assert response.json() == {"error": message}
    assert response.headers["cache-control"] == "no-store"


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({}, "the url parameter is missing: /oembed?url=<embed URL>"),
        (
            {"url": EMBED, "maxwidth": "breit"},
            "maxwidth must be a positive whole number of pixels, not 'breit'",
        ),
        (
            {"url": EMBED, "maxheight": "0"},
            "maxheight must be a positive whole number of pixels, not '0'",
        ),
    ],
)
async def test_bad_parameters_are_400_naming_them(client, params, message):
    response = await client.get("/oembed", params=params)
    assert response.status_code == 400
    assert response.json() == {"error": message}


@pytest.fixture
async def public_client(seeded_engine, database_url):
    """The app behind a public URL, with the website's article URLs configured."""
    settings = Settings(
        database_url=database_url,
        seed_on_start=False,
        public_url="https://api.example.org/guide/",
        article_url_template="https://ratgeber.example/artikel/{slug}",
        _env_file=None,
    )
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            yield http


@pytest.mark.parametrize(
    "url",
    [
        "https://api.example.org/guide/embed/knochenmetastasen-verstehen/kernaussage",
        "https://ratgeber.example/artikel/knochenmetastasen-verstehen#kernaussage",
    ],
)
async def test_public_url_and_article_urls_with_anchor(public_client, url):
    response = await public_client.get("/oembed", params={"url": url})

    assert response.status_code == 200
    section = "https://ratgeber.example/artikel/knochenmetastasen-verstehen#kernaussage"
    src = "https://api.example.org/guide/embed/knochenmetastasen-verstehen/kernaussage?page=1"
    assert response.json() == item(src) | {"author_url": section}


async def test_an_article_url_without_anchor_names_no_section(public_client):
    url = "https://ratgeber.example/artikel/knochenmetastasen-verstehen"
    response = await public_client.get("/oembed", params={"url": url})
    assert response.status_code == 404
