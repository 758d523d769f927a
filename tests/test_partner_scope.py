"""Partner keys read published content of their topics (with subtopics) and articles only.

Content: the bundled guide plus a second published article, `essen-bei-krebs`,
filed under a new topic `mangelernaehrung` below a new top-level topic
`ernaehrung`, citing one reference of its own and one it shares with the
guide. Out-of-scope articles behave as if they did not exist: in lists and
totals, by slug, by node id, through their sections, references, topics,
search and embeds. Topics themselves stay listed (the tree is navigable),
counting only what the key may read.
"""

import base64
from pathlib import Path

import httpx
import pytest
import yaml
from sqlalchemy import select

from api.app import create_app
from api.auth.resolver import utc_now
from api.auth.spec import key_spec
from api.auth.store import create_key
from api.settings import Settings
from schema import tables

REAL = "knochenmetastasen-verstehen"
FOOD = "essen-bei-krebs"
SHARED_REFERENCE = "cruk-oj-secondary-bone-cancer"
FOOD_REFERENCE = "essen-2025-ratgeber"

FOOD_FILE = f"""---
slug: {FOOD}
title: Essen bei Krebs
topics:
  - mangelernaehrung
references:
  - {FOOD_REFERENCE}
  - {SHARED_REFERENCE}
---
Gut essen hilft, Kraft zu behalten.

## Kleine Mahlzeiten

Mehrere kleine Mahlzeiten am Tag sind oft leichter als drei große.
"""
FOOD_TOPICS = """
- slug: ernaehrung
  name: Ernährung

- slug: mangelernaehrung
  name: Mangelernährung
  parent: ernaehrung
"""
FOOD_REFERENCES = f"""
- id: {FOOD_REFERENCE}
  citation: "Ratgeber E (2025) Essen bei Krebs. Bonn: Verlag."
  type: report
  author:
    - {{family: Ratgeber, given: E}}
  issued: {{date-parts: [[2025]]}}
  title: Essen bei Krebs
"""

# Key options, and the articles each caller may read.
CALLERS = {
    "public": (None, {REAL, FOOD}),
    "partner: topic ernaehrung": ({"topics": ["ernaehrung"]}, {FOOD}),
    "partner: topic mangelernaehrung": ({"topics": ["mangelernaehrung"]}, {FOOD}),
    "partner: article": ({"articles": [REAL]}, {REAL}),
    "partner: topic and article": ({"topics": ["ernaehrung"], "articles": [REAL]}, {REAL, FOOD}),
    "partner: subtree of the guide": ({"topics": ["metastasen"]}, {REAL}),
}

QUERY = """query($real: ID!, $food: ID!, $foodReference: ID!, $sharedReference: ID!) {
  articles { totalCount edges { node { slug } } }
  real: article(slug: "knochenmetastasen-verstehen") { slug }
  food: article(slug: "essen-bei-krebs") { slug }
  section(article: "knochenmetastasen-verstehen", anchor: "kernaussage") { anchor }
  realNode: node(id: $real) { id }
  foodNode: node(id: $food) { id }
  krebs: topic(slug: "krebs") { articleCount articles { totalCount edges { node { slug } } } }
  topics { slug articleCount }
  foodReference: reference(id: $foodReference) { citedBy { slug } }
  sharedReference: reference(id: $sharedReference) { citedBy { slug } }
  search(query: "Mahlzeiten") { totalCount }
}"""


def global_id(type_name: str, key: int) -> str:
    return base64.b64encode(f"{type_name}:{key}".encode()).decode()


@pytest.fixture
async def ids(engine, content_dir: Path) -> dict[str, str]:
    """Import the guide and the second article; the global IDs the query asks for."""
    from schema.search import refresh_search_index
    from seed.importer import import_content

    (content_dir / "articles" / f"{FOOD}.md").write_text(FOOD_FILE, encoding="utf-8")
    with (content_dir / "topics.yaml").open("a", encoding="utf-8") as topics:
        topics.write(FOOD_TOPICS)
    with (content_dir / "references.yaml").open("a", encoding="utf-8") as references:
        references.write(FOOD_REFERENCES)
    await import_content(engine, content_dir)
    async with engine.begin() as db:
        await refresh_search_index(db)  # until the seed writer does it (see test_drafts_never_leak)
        articles = dict((await db.execute(select(tables.Article.slug, tables.Article.id))).all())
        references = dict(
            (await db.execute(select(tables.Reference.key, tables.Reference.id))).all()
        )
    return {
        "real": global_id("Article", articles[REAL]),
        "food": global_id("Article", articles[FOOD]),
        "foodReference": global_id("Reference", references[FOOD_REFERENCE]),
        "sharedReference": global_id("Reference", references[SHARED_REFERENCE]),
    }


@pytest.fixture
async def app(ids, database_url):
    settings = Settings(
        database_url=database_url,
        seed_on_start=False,
        partners_registered_only=False,  # partners may send any query in these tests
        response_cache=False,  # statement counts here measure execution (api.cache aside)
        _env_file=None,
    )
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application


async def headers_for(engine, scope: dict | None) -> dict[str, str]:
    if scope is None:
        return {}
    spec = key_spec(name="Portal", role="partner", now=utc_now(), **scope)
    _record, secret = await create_key(engine, spec, utc_now())
    return {"Authorization": f"Bearer {secret}"}


def topic_counts(visible: set[str], content_dir: Path) -> list[dict]:
    """Every topic in list order, counting the visible articles of its subtree."""
    topics = yaml.safe_load((content_dir / "topics.yaml").read_text(encoding="utf-8"))
    food_topics = {"ernaehrung", "mangelernaehrung"}
    counts = []
    for topic in topics:
        holds = FOOD if topic["slug"] in food_topics else REAL
        counts.append({"slug": topic["slug"], "articleCount": int(holds in visible)})
    return counts


def expected(visible: set[str], ids: dict[str, str], content_dir: Path) -> dict:
    def article(slug: str) -> dict | None:
        return {"slug": slug} if slug in visible else None

    listed = [{"node": {"slug": slug}} for slug in sorted(visible)]
    return {
        "articles": {"totalCount": len(visible), "edges": listed},
        "real": article(REAL),
        "food": article(FOOD),
        "section": {"anchor": "kernaussage"} if REAL in visible else None,
        "realNode": {"id": ids["real"]} if REAL in visible else None,
        "foodNode": {"id": ids["food"]} if FOOD in visible else None,
        "krebs": {
            "articleCount": int(REAL in visible),
            "articles": {
                "totalCount": int(REAL in visible),
                "edges": [{"node": {"slug": REAL}}] if REAL in visible else [],
            },
        },
        "topics": topic_counts(visible, content_dir),
        "foodReference": {"citedBy": [{"slug": FOOD}]} if FOOD in visible else None,
        "sharedReference": {"citedBy": [{"slug": slug} for slug in sorted(visible)]},
        "search": {"totalCount": int(FOOD in visible)},
    }


@pytest.mark.parametrize("caller", CALLERS)
async def test_each_caller_sees_exactly_its_scope(app, engine, ids, content_dir, caller):
    scope, visible = CALLERS[caller]
    headers = await headers_for(engine, scope)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        answer = await client.post(
            "/graphql", json={"query": QUERY, "variables": ids}, headers=headers
        )
        embed = await client.get(f"/embed/{REAL}/kernaussage", headers=headers)
    assert answer.json() == {"data": expected(visible, ids, content_dir)}
    assert embed.status_code == (200 if REAL in visible else 404)


async def test_a_partner_costs_no_more_statements_than_the_public(
    app, engine, ids, count_statements
):
    headers = await headers_for(engine, {"topics": ["ernaehrung"], "articles": [REAL]})
    transport = httpx.ASGITransport(app=app)
    body = {"query": QUERY, "variables": ids}
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        await client.post("/graphql", json=body, headers=headers)  # the key is cached now
        counts = []
        for caller_headers in ({}, headers):
            with count_statements(app.state.engine) as counter:
                answer = await client.post("/graphql", json=body, headers=caller_headers)
            assert "errors" not in answer.json()
            counts.append(counter.count)
    public, partner = counts
    assert partner == public
