"""article(slug:) and section(article:, anchor:) over HTTP, against the bundled guide."""

import base64
from datetime import datetime
from pathlib import Path

import yaml
from sqlalchemy import update

from api.settings import BUNDLED_CONTENT
from schema import build_schema, tables
from schema.context import build_context
from schema.richtext import render

SLUG = "knochenmetastasen-verstehen"

SECTIONS = [
    ("was-knochenmetastasen-sind-und-was-sie-nicht-sind",
     "Was Knochenmetastasen sind – und was sie nicht sind"),
    ("metastasen-streuen-nicht-was-damit-gemeint-ist",
     "„Metastasen streuen nicht“ – was damit gemeint ist"),
    ("warum-knochenmetastasen-beschwerden-verursachen",
     "Warum Knochenmetastasen Beschwerden verursachen"),
    ("wie-die-situation-sicher-abgeklaert-und-ueberwacht-wird",
     "Wie die Situation sicher abgeklärt und überwacht wird"),
    ("was-moderne-therapien-leisten-systemisch-und-lokal",
     "Was moderne Therapien leisten – systemisch und lokal"),
    ("alltag-und-selbstfuersorge-sicherheit-zurueckgewinnen",
     "Alltag und Selbstfürsorge – Sicherheit zurückgewinnen"),
    ("kernaussage", "Kernaussage"),
]  # fmt: skip

TOPICS = [
    ("knochenmetastasen", "Knochenmetastasen"),
    ("brustkrebs", "Brustkrebs"),
    ("prostatakrebs", "Prostatakrebs"),
    ("diagnostik", "Diagnostik"),
    ("systemische-therapie", "Systemische Therapie"),
    ("strahlentherapie", "Strahlentherapie"),
    ("knochenstabilisierende-therapie", "Knochenstabilisierende Therapie"),
    ("schmerztherapie", "Schmerztherapie"),
    ("supportivtherapie", "Supportivtherapie"),
    ("psychoonkologie", "Psychoonkologie"),
    ("knochengesundheit", "Knochengesundheit"),
]

REFERENCE_KEYS = [
    "coleman-2020-esmo-bone-health",
    "nice-2023-ng234-spinal-metastases",
    "van-poznak-2017-asco-cco-bone-modifying-agents",
    "eau-2025-prostate-cancer-guidelines",
    "leitlinienprogramm-onkologie-2024-s3-prostatakarzinom",
    "leitlinienprogramm-onkologie-2021-s3-mammakarzinom",
    "ago-2025-osteoonkologie-knochengesundheit",
    "leitlinienprogramm-onkologie-2022-s3-supportivtherapie",
    "krebsinformationsdienst-2024-knochen-stabilisierende-therapie",
    "cruk-oj-secondary-bone-cancer",
    "ccs-2024-bone-metastases",
    "cleveland-clinic-2024-bone-metastasis",
]

HERO = {
    "url": "/media/knochenmetastasen-verstehen.svg",
    "alt": (
        "Knochenmetastasen verstehen: links eine schwarze Silhouette mit dezentem "
        "Wirbelsäulen-Overlay; rechts weißer Titeltext auf Farbverlauf "
        "Blau–Magenta–Rot–Orange–Gelb"
    ),
    "caption": (
        "Knochenmetastasen verstehen – was sie bedeuten und wie Behandlung Stabilität "
        "und Alltag schützt."
    ),
    "width": 1200,
    "height": 630,
}

FULL_ARTICLE = """
query Full($slug: String!) {
  article(slug: $slug) {
    id slug locale status title subtitle publisher url
    publishedAt updatedAt reviewedAt
    lead { markdown html text }
    heroImage { url alt caption width height }
    sections { id anchor position heading body { markdown html text } article { slug } }
    topics { slug name }
    references { number reference { key citation } }
  }
}
"""


async def graphql(client, query: str, **variables) -> dict:
    response = await client.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code == 200
    body = response.json()
    assert "errors" not in body, body["errors"]
    return body["data"]


def node_type(global_id: str) -> str:
    return base64.b64decode(global_id).decode().split(":")[0]


def seed_markdown() -> tuple[str, list[str]]:
    """The lead and the section bodies as the seed file writes them."""
    text = (BUNDLED_CONTENT / "articles" / f"{SLUG}.md").read_text(encoding="utf-8")
    body = text.split("---\n", 2)[2]
    lead, *sections = body.split("\n## ")
    return lead.strip(), [section.split("\n", 1)[1].strip() for section in sections]


def citations() -> dict[str, str]:
    items = yaml.safe_load(Path(BUNDLED_CONTENT / "references.yaml").read_text(encoding="utf-8"))
    return {item["id"]: item["citation"] for item in items}


def rich(markdown: str) -> dict:
    rendered = render(markdown)
    return {"markdown": rendered.markdown, "html": rendered.html, "text": rendered.text}


async def test_the_whole_article(client):
    article = (await graphql(client, FULL_ARTICLE, slug=SLUG))["article"]

    # Volatile parts first: global ids and import timestamps.
    assert node_type(article.pop("id")) == "Article"
    for name in ("publishedAt", "updatedAt"):
        assert datetime.fromisoformat(article.pop(name)).utcoffset().total_seconds() == 0
    section_ids = [section.pop("id") for section in article["sections"]]
    assert {node_type(section_id) for section_id in section_ids} == {"Section"}
    assert len(set(section_ids)) == 7

    lead, bodies = seed_markdown()
    cited = citations()
    assert article == {
        "slug": SLUG,
        "locale": "de",
        "status": "PUBLISHED",
        "title": "Knochenmetastasen verstehen",
        "subtitle": "was sie bedeuten und wie Behandlung Stabilität und Alltag schützt",
        "publisher": "visite-medizin.de",
        "url": None,
        "reviewedAt": None,
        "lead": rich(lead),
        "heroImage": HERO,
        "sections": [
            {
                "anchor": anchor,
                "position": position,
                "heading": heading,
                "body": rich(body),
                "article": {"slug": SLUG},
            }
            for position, ((anchor, heading), body) in enumerate(
                zip(SECTIONS, bodies, strict=True), start=1
            )
        ],
        "topics": [{"slug": slug, "name": name} for slug, name in TOPICS],
        "references": [
            {"number": number, "reference": {"key": key, "citation": cited[key]}}
            for number, key in enumerate(REFERENCE_KEYS, start=1)
        ],
    }


async def test_rich_text_is_served_in_three_forms(client):
    query = """{ article(slug: "knochenmetastasen-verstehen") {
      lead { html }
      sections { anchor body { html text } }
    } }"""
    article = (await graphql(client, query))["article"]

    assert article["lead"]["html"].startswith("<p>Die Diagnose „Knochenmetastasen“ erschüttert")
    therapy = article["sections"][4]
    assert therapy["anchor"] == "was-moderne-therapien-leisten-systemisch-und-lokal"
    assert therapy["body"]["html"].count("<p>") == 2
    assert therapy["body"]["text"].count("\n\n") == 1
    assert "<" not in therapy["body"]["text"]


async def test_an_unknown_article_is_null(client):
    assert await graphql(client, FULL_ARTICLE, slug="gibt-es-nicht") == {"article": None}


async def test_one_section_with_its_article_for_embedding(client):
    query = """query ($article: String!, $anchor: String!) {
      section(article: $article, anchor: $anchor) {
        anchor position heading body { text }
        article { slug title publisher references { number } }
      }
    }"""
    anchor, heading = SECTIONS[3]
    data = await graphql(client, query, article=SLUG, anchor=anchor)

    assert data == {
        "section": {
            "anchor": anchor,
            "position": 4,
            "heading": heading,
            "body": {"text": render(seed_markdown()[1][3]).text},
            "article": {
                "slug": SLUG,
                "title": "Knochenmetastasen verstehen",
                "publisher": "visite-medizin.de",
                "references": [{"number": n} for n in range(1, 13)],
            },
        }
    }


async def test_an_unknown_section_is_null(client):
    query = """{
      wrongAnchor: section(article: "knochenmetastasen-verstehen", anchor: "gibt-es-nicht") { id }
      wrongArticle: section(article: "gibt-es-nicht", anchor: "kernaussage") { id }
      found: section(article: "knochenmetastasen-verstehen", anchor: "kernaussage") { heading }
    }"""
    assert await graphql(client, query) == {
        "wrongAnchor": None,
        "wrongArticle": None,
        "found": {"heading": "Kernaussage"},
    }


HERO_URL = '{ article(slug: "knochenmetastasen-verstehen") { heroImage { url } } }'


async def hero_url(engine, media_base_url: str) -> str:
    context = build_context(engine, None, None, media_base_url=media_base_url)
    result = await build_schema().execute(HERO_URL, context_value=context)
    assert result.errors is None
    return result.data["article"]["heroImage"]["url"]


async def test_relative_media_urls_get_the_public_base_url(seeded_engine):
    assert await hero_url(seeded_engine, "") == "/media/knochenmetastasen-verstehen.svg"
    assert await hero_url(seeded_engine, "https://api.example.org/") == (
        "https://api.example.org/media/knochenmetastasen-verstehen.svg"
    )


async def test_absolute_media_urls_pass_through(seeded_engine):
    async with seeded_engine.begin() as connection:
        await connection.execute(
            update(tables.Article).values(hero_url="https://cdn.example.org/bild.png")
        )
    for base in ("", "https://api.example.org"):
        assert await hero_url(seeded_engine, base) == "https://cdn.example.org/bild.png"
