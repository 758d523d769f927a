"""Drafts never leak: through no entry point may a public or partner client see a draft.

The content is the bundled guide plus a draft article with its own topic
(`entwurfsthema`, below `knochenmetastasen`), two sections and two
references: one only the draft cites, one it shares with the guide. The
partner keys' scope covers the draft (by topic, and by slug), so the draft's
status is the only reason they must not see it.

Every way into the data is one row: `ENTRY_POINTS` for GraphQL root fields,
`HTTP_ENTRY_POINTS` for other routes. Each row gives what a client that must
not see the draft gets (`hidden`) and what a preview or admin key gets
(`shown`); both are whole answers. `test_every_entry_point_has_a_row` fails
when a root field or route appears without a row: add one (entry points still
being built are listed in `PENDING_ENTRY_POINTS`).
"""

import base64
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from sqlalchemy import select
from starlette.routing import BaseRoute

from api.app import create_app
from api.auth.resolver import utc_now
from api.auth.spec import key_spec
from api.auth.store import create_key
from api.settings import Settings
from schema import build_schema, tables
from schema.mutations.permissions import IsAdmin
from schema.search import refresh_search_index

REAL = "knochenmetastasen-verstehen"
DRAFT = "entwurf-knochenschmerz"
TOPIC = "entwurfsthema"
SHARED_REFERENCE = "coleman-2020-esmo-bone-health"
OWN_REFERENCE = "entwurf-quelle-2026"
SECRET_WORD = "Entwurfsgeheimnis"

DRAFT_FILE = f"""---
slug: {DRAFT}
status: draft
title: Knochenschmerzen lindern
topics:
  - {TOPIC}
  - schmerztherapie
references:
  - {OWN_REFERENCE}
  - {SHARED_REFERENCE}
---
Ein {SECRET_WORD}: dieser Text ist noch nicht freigegeben.

## Erster Abschnitt

Das {SECRET_WORD} des ersten Abschnitts.

## Zweiter Abschnitt

Noch ein Abschnitt, der nicht öffentlich ist.
"""
DRAFT_TOPIC = f"""
- slug: {TOPIC}
  name: Entwurfsthema
  parent: knochenmetastasen
"""
DRAFT_REFERENCE = f"""
- id: {OWN_REFERENCE}
  citation: "Entwurf A (2026) Nur im Entwurf zitiert. Berlin: Verlag."
  type: report
  author:
    - {{family: Entwurf, given: A}}
  issued: {{date-parts: [[2026]]}}
  title: Nur im Entwurf zitiert
"""

# (role, key options): who must not see the draft, then who must.
HIDDEN_FROM = {
    "public": None,
    "partner by topic": {"topics": ["knochenmetastasen", TOPIC, "schmerztherapie"]},
    "partner by article": {"articles": [DRAFT, REAL]},
}
SHOWN_TO = {"preview": {}, "admin": {}}


@dataclass(frozen=True)
class Draft:
    """Global IDs of the draft's rows, and of the rows it shares with the guide."""

    article: str
    sections: tuple[str, ...]
    own_reference: str
    shared_reference: str
    topic: str


@dataclass(frozen=True)
class EntryPoint:
    """One GraphQL way into the data, and the whole answers it must give."""

    root_field: str
    query: str
    hidden: Callable[[Draft], Any]
    shown: Callable[[Draft], Any]
    variables: Callable[[Draft], dict] = lambda draft: {}
    # Applied to `data` before comparing: where order is not part of the contract, or where
    # only the draft's part of a long answer matters.
    shape: Callable[[Any, Draft], Any] = lambda data, draft: data
    # The roles that get `shown`; every other role gets `hidden`.
    shown_to: frozenset[str] = frozenset({"preview", "admin"})


@dataclass(frozen=True)
class HttpEntryPoint:
    """One plain-HTTP way into the data: the status it answers, and whether the secret shows."""

    route: str
    path: Callable[[Draft], str]
    hidden_status: int
    shown_status: int
    # Whether the answer to preview and admin keys holds the draft's text (not just a link to it).
    shows_text: bool = True


def slugs(*names: str) -> list[dict]:
    return [{"node": {"slug": name}} for name in names]


def topic_counts(data: dict, draft: Draft) -> dict[str, int]:
    return {topic["slug"]: topic["articleCount"] for topic in data["topics"]}


def hit_set(data: dict, draft: Draft) -> tuple[int, list]:
    """Search hits as a sorted list (their order is a matter of rank, not of visibility)."""
    hits = sorted(edge["node"]["node"]["id"] for edge in data["search"]["edges"])
    return data["search"]["totalCount"], hits


def draft_changes(data: dict, draft: Draft) -> list[tuple[str, str]]:
    """The change feed's edges about the draft's article, sections and own reference."""
    ids = {draft.article, *draft.sections, draft.own_reference}
    edges = data["changes"]["edges"]
    return sorted((edge["globalId"], edge["action"]) for edge in edges if edge["globalId"] in ids)


def bundled_topic_counts(**changes: int) -> dict[str, int]:
    """Every topic holds the guide; `changes` overrides some counts."""
    topics = yaml.safe_load((Path(Settings().content_dir) / "topics.yaml").read_text("utf-8"))
    return {topic["slug"]: 1 for topic in topics} | {TOPIC: 0} | changes


SECTION = (
    "query($article: String!, $anchor: String!) { section(article: $article, anchor: $anchor) "
    "{ anchor heading body { text } article { slug } } }"
)
NODE = (
    "query($id: ID!) { node(id: $id) { id __typename "
    "... on Article { slug sections { anchor } } ... on Section { anchor article { slug } } "
    "... on Reference { citation citedBy { slug } } ... on Topic { slug articleCount } } }"
)
TOPIC_ARTICLES = (
    "query($slug: String!) { topic(slug: $slug) "
    "{ articleCount articles { totalCount edges { node { slug } } } } }"
)
REFERENCE = "query($id: ID!) { reference(id: $id) { citation citedBy { slug } } }"
CONNECTION = "{ totalCount edges { node { slug } } }"

ENTRY_POINTS: list[EntryPoint] = [
    EntryPoint(
        "article",
        "query($slug: String!) { article(slug: $slug) { slug title } }",
        variables=lambda d: {"slug": DRAFT},
        hidden=lambda d: {"article": None},
        shown=lambda d: {"article": {"slug": DRAFT, "title": "Knochenschmerzen lindern"}},
    ),
    EntryPoint(
        "articles",
        "{ articles " + CONNECTION + " }",
        hidden=lambda d: {"articles": {"totalCount": 1, "edges": slugs(REAL)}},
        shown=lambda d: {"articles": {"totalCount": 2, "edges": slugs(DRAFT, REAL)}},
    ),
    EntryPoint(
        "articles",
        "query($topic: String) { articles(topic: $topic) " + CONNECTION + " }",
        variables=lambda d: {"topic": TOPIC},
        hidden=lambda d: {"articles": {"totalCount": 0, "edges": []}},
        shown=lambda d: {"articles": {"totalCount": 1, "edges": slugs(DRAFT)}},
    ),
    EntryPoint(
        "articles",
        "query($search: String) { articles(search: $search) " + CONNECTION + " }",
        variables=lambda d: {"search": SECRET_WORD},
        hidden=lambda d: {"articles": {"totalCount": 0, "edges": []}},
        shown=lambda d: {"articles": {"totalCount": 1, "edges": slugs(DRAFT)}},
    ),
    EntryPoint(
        "node",
        NODE,
        variables=lambda d: {"id": d.article},
        hidden=lambda d: {"node": None},
        shown=lambda d: {
            "node": {
                "id": d.article,
                "__typename": "Article",
                "slug": DRAFT,
                "sections": [{"anchor": "erster-abschnitt"}, {"anchor": "zweiter-abschnitt"}],
            }
        },
    ),
    EntryPoint(
        "node",
        NODE,
        variables=lambda d: {"id": d.sections[0]},
        hidden=lambda d: {"node": None},
        shown=lambda d: {
            "node": {
                "id": d.sections[0],
                "__typename": "Section",
                "anchor": "erster-abschnitt",
                "article": {"slug": DRAFT},
            }
        },
    ),
    EntryPoint(
        "node",
        NODE,
        variables=lambda d: {"id": d.own_reference},
        hidden=lambda d: {"node": None},
        shown=lambda d: {
            "node": {
                "id": d.own_reference,
                "__typename": "Reference",
                "citation": "Entwurf A (2026) Nur im Entwurf zitiert. Berlin: Verlag.",
                "citedBy": [{"slug": DRAFT}],
            }
        },
    ),
    EntryPoint(
        "node",
        NODE,
        variables=lambda d: {"id": d.topic},
        hidden=lambda d: {
            "node": {"id": d.topic, "__typename": "Topic", "slug": TOPIC, "articleCount": 0}
        },
        shown=lambda d: {
            "node": {"id": d.topic, "__typename": "Topic", "slug": TOPIC, "articleCount": 1}
        },
    ),
    EntryPoint(
        "section",
        SECTION,
        variables=lambda d: {"article": DRAFT, "anchor": "erster-abschnitt"},
        hidden=lambda d: {"section": None},
        shown=lambda d: {
            "section": {
                "anchor": "erster-abschnitt",
                "heading": "Erster Abschnitt",
                "body": {"text": f"Das {SECRET_WORD} des ersten Abschnitts."},
                "article": {"slug": DRAFT},
            }
        },
    ),
    EntryPoint(
        "topic",
        TOPIC_ARTICLES,
        variables=lambda d: {"slug": TOPIC},
        hidden=lambda d: {"topic": {"articleCount": 0, "articles": {"totalCount": 0, "edges": []}}},
        shown=lambda d: {
            "topic": {"articleCount": 1, "articles": {"totalCount": 1, "edges": slugs(DRAFT)}}
        },
    ),
    EntryPoint(
        "topic",
        TOPIC_ARTICLES,
        variables=lambda d: {"slug": "krebs"},  # the draft's topic is two levels below
        hidden=lambda d: {
            "topic": {"articleCount": 1, "articles": {"totalCount": 1, "edges": slugs(REAL)}}
        },
        shown=lambda d: {
            "topic": {
                "articleCount": 2,
                "articles": {"totalCount": 2, "edges": slugs(DRAFT, REAL)},
            }
        },
    ),
    EntryPoint(
        "topics",
        "{ topics { slug articleCount } }",
        shape=topic_counts,
        hidden=lambda d: bundled_topic_counts(),
        shown=lambda d: bundled_topic_counts(
            **{slug: 2 for slug in ("krebs", "metastasen", "knochenmetastasen")},
            **{"behandlung": 2, "schmerztherapie": 2, TOPIC: 1},
        ),
    ),
    EntryPoint(
        "reference",
        REFERENCE,
        variables=lambda d: {"id": d.own_reference},
        hidden=lambda d: {"reference": None},
        shown=lambda d: {
            "reference": {
                "citation": "Entwurf A (2026) Nur im Entwurf zitiert. Berlin: Verlag.",
                "citedBy": [{"slug": DRAFT}],
            }
        },
    ),
    EntryPoint(
        "reference",
        "query($id: ID!) { reference(id: $id) { citedBy { slug } } }",
        variables=lambda d: {"id": d.shared_reference},
        hidden=lambda d: {"reference": {"citedBy": [{"slug": REAL}]}},
        shown=lambda d: {"reference": {"citedBy": [{"slug": DRAFT}, {"slug": REAL}]}},
    ),
    EntryPoint(
        "search",
        "query($query: String!) { search(query: $query) { totalCount edges { node { node { "
        "... on Article { id } ... on Section { id } } } } } }",
        variables=lambda d: {"query": SECRET_WORD},
        shape=hit_set,
        hidden=lambda d: (0, []),
        shown=lambda d: (2, sorted([d.article, d.sections[0]])),
    ),
]

ADMIN_ONLY = {"errors": [IsAdmin.message]}
ENTRY_POINTS += [
    EntryPoint(
        "changes",
        "{ changes(first: 100) { edges { globalId action } } }",
        shape=draft_changes,
        hidden=lambda d: [],
        shown=lambda d: sorted(
            (node, "CREATED") for node in (d.article, *d.sections, d.own_reference)
        ),
    ),
    EntryPoint(
        "revisions",
        "{ revisions { edges { node { number articles { slug } } } } }",
        hidden=lambda d: ADMIN_ONLY,
        shown=lambda d: {
            "revisions": {
                "edges": [{"node": {"number": 1, "articles": [{"slug": DRAFT}, {"slug": REAL}]}}]
            }
        },
        shown_to=frozenset({"admin"}),
    ),
    EntryPoint(
        "articleRevision",
        "query($slug: String!) { articleRevision(slug: $slug, revision: 1) { slug status } }",
        variables=lambda d: {"slug": DRAFT},
        hidden=lambda d: ADMIN_ONLY,
        shown=lambda d: {"articleRevision": {"slug": DRAFT, "status": "draft"}},
        shown_to=frozenset({"admin"}),
    ),
]

HTTP_ENTRY_POINTS: list[HttpEntryPoint] = [
    HttpEntryPoint(
        "/embed/{article}/{anchor}",
        lambda d: f"/embed/{DRAFT}/erster-abschnitt?page=1",
        hidden_status=404,
        shown_status=200,
    ),
    HttpEntryPoint(
        "/oembed",
        lambda d: f"/oembed?format=json&url=http://testserver/embed/{DRAFT}/erster-abschnitt",
        hidden_status=404,
        shown_status=200,
        shows_text=False,
    ),
]

# Entry points other helpers are building; each becomes one row above when it lands.
PENDING_ENTRY_POINTS: dict[str, str] = {}
# Routes that serve no article rows.
ROUTES_WITHOUT_CONTENT = {"/graphql", "/healthz", "/readyz", "/metrics"}
# Files, not rows: a draft's hero image is served to whoever knows its path (docs/access.md).
STATIC_ROUTES = {"/media"}


def global_id(type_name: str, key: int) -> str:
    return base64.b64encode(f"{type_name}:{key}".encode()).decode()


@pytest.fixture
async def draft(engine, content_dir: Path) -> Draft:
    """The bundled guide and the draft, imported from files like any seed."""
    from seed.importer import import_content

    (content_dir / "articles" / f"{DRAFT}.md").write_text(DRAFT_FILE, encoding="utf-8")
    with (content_dir / "topics.yaml").open("a", encoding="utf-8") as topics:
        topics.write(DRAFT_TOPIC)
    with (content_dir / "references.yaml").open("a", encoding="utf-8") as references:
        references.write(DRAFT_REFERENCE)
    await import_content(engine, content_dir)
    # The seed writer does not refresh SQLite's search index yet (the search and seed
    # owners wire that up); until it does, refresh it here. A no-op on PostgreSQL.
    async with engine.begin() as connection:
        await refresh_search_index(connection)
    async with engine.connect() as db:
        article = await db.scalar(select(tables.Article.id).where(tables.Article.slug == DRAFT))
        sections = await db.scalars(
            select(tables.Section.id)
            .where(tables.Section.article_id == article)
            .order_by(tables.Section.position)
        )
        references = dict(
            (await db.execute(select(tables.Reference.key, tables.Reference.id))).all()
        )
        topic = await db.scalar(select(tables.Topic.id).where(tables.Topic.slug == TOPIC))
    return Draft(
        article=global_id("Article", article),
        sections=tuple(global_id("Section", section) for section in sections),
        own_reference=global_id("Reference", references[OWN_REFERENCE]),
        shared_reference=global_id("Reference", references[SHARED_REFERENCE]),
        topic=global_id("Topic", topic),
    )


@pytest.fixture
async def serve(draft, engine, database_url):
    """An HTTP client of the real app over the draft's database; partners may send any query."""
    settings = Settings(
        database_url=database_url,
        seed_on_start=False,
        partners_registered_only=False,
        _env_file=None,
    )
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            yield client


async def headers_for(engine, role: str, scope: dict | None) -> dict[str, str]:
    if scope is None:
        return {}
    kind = role.split()[0]
    spec = key_spec(name=role, role=kind, expires="never", now=utc_now(), **scope)
    _record, secret = await create_key(engine, spec, utc_now())
    return {"Authorization": f"Bearer {secret}"}


async def observe(client: httpx.AsyncClient, headers: dict, draft: Draft) -> dict[str, Any]:
    """What this client gets from every entry point, by row (errors as their messages)."""
    seen: dict[str, Any] = {}
    for number, entry in enumerate(ENTRY_POINTS):
        body = {"query": entry.query, "variables": entry.variables(draft)}
        answer = (await client.post("/graphql", json=body, headers=headers)).json()
        if "errors" in answer:
            seen[f"{number}: {entry.root_field}"] = {
                "errors": [error["message"] for error in answer["errors"]]
            }
        else:
            seen[f"{number}: {entry.root_field}"] = entry.shape(answer["data"], draft)
    for entry in HTTP_ENTRY_POINTS:
        answer = await client.get(entry.path(draft), headers=headers)
        seen[entry.route] = (answer.status_code, SECRET_WORD in answer.text)
    return seen


def expected(draft: Draft, role: str) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for number, entry in enumerate(ENTRY_POINTS):
        answer = entry.shown if role in entry.shown_to else entry.hidden
        answers[f"{number}: {entry.root_field}"] = answer(draft)
    for entry in HTTP_ENTRY_POINTS:
        if role in SHOWN_TO:
            answers[entry.route] = (entry.shown_status, entry.shows_text)
        else:
            answers[entry.route] = (entry.hidden_status, False)
    return answers


@pytest.mark.parametrize("role", HIDDEN_FROM)
async def test_no_public_or_partner_client_sees_the_draft(serve, engine, draft, role):
    headers = await headers_for(engine, role, HIDDEN_FROM[role])
    assert await observe(serve, headers, draft) == expected(draft, role)


@pytest.mark.parametrize("role", SHOWN_TO)
async def test_preview_and_admin_keys_see_the_draft(serve, engine, draft, role):
    headers = await headers_for(engine, role, SHOWN_TO[role])
    assert await observe(serve, headers, draft) == expected(draft, role)


def _route_paths(routes: list[BaseRoute]) -> set[str]:
    return {route.path for route in routes}


def test_every_entry_point_has_a_row():
    """A new root field or route must get a row here before it can ship."""
    fields = set(build_schema()._schema.query_type.fields)
    covered = {entry.root_field for entry in ENTRY_POINTS}
    assert fields - covered == set(), (
        "root fields without a row in ENTRY_POINTS (a field listed in PENDING_ENTRY_POINTS "
        "has landed: replace its entry with a row)"
    )
    app = create_app(Settings(database_url="sqlite:///unused.db", _env_file=None))
    routes = _route_paths(app.routes)
    known = {entry.route for entry in HTTP_ENTRY_POINTS} | ROUTES_WITHOUT_CONTENT | STATIC_ROUTES
    assert routes - known == set(), "routes without a row in HTTP_ENTRY_POINTS"
