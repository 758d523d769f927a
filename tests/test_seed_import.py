"""Importing the bundled guide into an empty database: rows, report, warnings, dry run."""

import base64
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import yaml
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from schema.tables import Article, ArticleTopic, Citation, Reference, Section, Topic
from seed.importer import import_content

ARTICLE_SLUG = "knochenmetastasen-verstehen"
ANCHORS = [
    "was-knochenmetastasen-sind-und-was-sie-nicht-sind",
    "metastasen-streuen-nicht-was-damit-gemeint-ist",
    "warum-knochenmetastasen-beschwerden-verursachen",
    "wie-die-situation-sicher-abgeklaert-und-ueberwacht-wird",
    "was-moderne-therapien-leisten-systemisch-und-lokal",
    "alltag-und-selbstfuersorge-sicherheit-zurueckgewinnen",
    "kernaussage",
]
TOPIC_TREE = {
    "krebs": None,
    "metastasen": "krebs",
    "knochenmetastasen": "metastasen",
    "brustkrebs": "krebs",
    "prostatakrebs": "krebs",
    "diagnostik": None,
    "behandlung": None,
    "systemische-therapie": "behandlung",
    "strahlentherapie": "behandlung",
    "knochenstabilisierende-therapie": "behandlung",
    "schmerztherapie": "behandlung",
    "supportivtherapie": "behandlung",
    "psychoonkologie": "behandlung",
    "knochengesundheit": None,
}
KEPT = "stored as printed; if it becomes known, add"


def line_of(path: Path, needle: str) -> int:
    """The number of the first line of `path` that contains `needle`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if needle in line)


def expected_warnings(content_dir: Path) -> list[dict[str, str]]:
    references = content_dir / "references.yaml"

    def warning(needle: str, field: str, message: str) -> dict[str, str]:
        location = f"line {line_of(references, needle)}, field {field}"
        return {"file": "references.yaml", "location": location, "message": message}

    return [
        warning(
            "URL: PDF",
            "[3].URL",
            "reference 'eau-2025-prostate-cancer-guidelines': URL 'PDF' is not an absolute "
            f"http(s) URL; {KEPT} the full address",
        ),
        warning(
            "URL: https://www.leitlinienprogramm-onkologie.de/.../",
            "[7].URL",
            "reference 'leitlinienprogramm-onkologie-2022-s3-supportivtherapie': URL "
            "'https://www.leitlinienprogramm-onkologie.de/.../LL_Supportiv_Langversion_1.3.pdf' "
            f"is shortened with '...'; {KEPT} the full address",
        ),
        warning(
            "- id: cruk-oj-secondary-bone-cancer",
            "[9].issued",
            "reference 'cruk-oj-secondary-bone-cancer' has no year (shown as 'o. J.'); "
            f"{KEPT} issued: {{date-parts: [[YYYY]]}}",
        ),
    ]


async def rows(engine: AsyncEngine, statement) -> list:
    async with engine.connect() as connection:
        return list(await connection.execute(statement))


def utc(value: datetime) -> datetime:
    # SQLite gives timestamps back without a zone; they are stored in UTC.
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


async def test_report_counts_every_row_and_the_gaps_of_the_source(engine, content_dir):
    report = await import_content(engine, content_dir)

    counts = {"created": 0, "updated": 0, "unchanged": 0, "removed": 0}
    assert report.as_dict() == {
        "dry_run": False,
        "revision": 1,
        "topics": {**counts, "created": 14},
        "articles": {**counts, "created": 1, "archived": 0},
        "sections": {**counts, "created": 7},
        "references": {**counts, "created": 12},
        "citations": {**counts, "created": 12},
        "changes": expected_changes(content_dir),
        "more_changes": 0,
        "warnings": expected_warnings(content_dir),
    }


def expected_changes(content_dir: Path) -> list[dict]:
    """Every entity of the bundled guide, created, with the ids a new database gives it."""
    references = yaml.safe_load((content_dir / "references.yaml").read_text(encoding="utf-8"))

    def created(kind: str, key: str, number: int, **more: str) -> dict:
        type_name = kind.capitalize()
        global_id = base64.b64encode(f"{type_name}:{number}".encode()).decode()
        return {
            "kind": kind,
            "key": key,
            "action": "created",
            "fields": [],
            **more,
            "global_id": global_id,
        }

    return [
        *(created("topic", slug, n) for n, slug in enumerate(TOPIC_TREE, start=1)),
        *(created("reference", item["id"], n) for n, item in enumerate(references, start=1)),
        created("article", ARTICLE_SLUG, 1),
        *(
            created("section", anchor, n, article=ARTICLE_SLUG)
            for n, anchor in enumerate(ANCHORS, start=1)
        ),
    ]


async def test_report_text_lists_counts_then_warnings(engine, content_dir):
    report = await import_content(engine, content_dir)

    warnings = [
        f"  references.yaml: {warning['location']}: {warning['message']}"
        for warning in expected_warnings(content_dir)
    ]
    assert report.format().splitlines() == [
        "topics: 14 created, 0 updated, 0 unchanged, 0 removed",
        "articles: 1 created, 0 updated, 0 unchanged, 0 archived",
        "sections: 7 created, 0 updated, 0 unchanged, 0 removed",
        "references: 12 created, 0 updated, 0 unchanged, 0 removed",
        "citations: 12 created, 0 updated, 0 unchanged, 0 removed",
        "changes:",
        *(f"  topic {slug} added" for slug in TOPIC_TREE),
        *(f"  reference {change['key']} added" for change in expected_changes(content_dir)[14:26]),
        f"  article {ARTICLE_SLUG} added",
        *(f"  article {ARTICLE_SLUG}: section {anchor} added" for anchor in ANCHORS),
        "revision 1",
        "3 warnings:",
        *warnings,
    ]


async def test_article_row_holds_front_matter_and_rendered_lead(engine, content_dir):
    before = datetime.now(UTC)
    await import_content(engine, content_dir)

    [article] = await rows(engine, select(Article.__table__))
    assert article.slug == ARTICLE_SLUG
    assert (article.locale, article.status) == ("de", "published")
    assert article.title == "Knochenmetastasen verstehen"
    assert article.subtitle.startswith("was sie bedeuten")
    assert article.publisher == "visite-medizin.de"
    assert article.hero_url == "media/knochenmetastasen-verstehen.svg"
    assert article.hero_alt.startswith("Knochenmetastasen verstehen: links")
    assert (article.hero_width, article.hero_height) == (1200, 630)
    assert article.lead_markdown.startswith("Die Diagnose „Knochenmetastasen“")
    assert article.lead_html.startswith("<p>Die Diagnose „Knochenmetastasen“")
    assert article.lead_text.startswith("Die Diagnose „Knochenmetastasen“")
    # Not in the source, so the import time stands in; reviewed_at only from the file.
    assert before <= utc(article.published_at) <= datetime.now(UTC)
    assert article.updated_at == article.published_at
    assert article.reviewed_at is None
    assert article.url is None
    assert len(article.content_hash) == 64


async def test_sections_follow_the_headings_in_order(engine, content_dir):
    await import_content(engine, content_dir)

    sections = await rows(engine, select(Section.__table__).order_by(Section.position))
    assert [(row.position, row.anchor) for row in sections] == list(enumerate(ANCHORS, 1))
    therapies = sections[4]
    assert therapies.heading == "Was moderne Therapien leisten – systemisch und lokal"
    assert therapies.body_html.count("<p>") == 2
    assert therapies.body_text.count("\n\n") == 1
    assert "## " not in therapies.body_markdown


async def test_citations_are_numbered_in_front_matter_order(engine, content_dir):
    await import_content(engine, content_dir)

    cited = await rows(
        engine,
        select(Citation.number, Reference.key)
        .join(Reference, Reference.id == Citation.reference_id)
        .order_by(Citation.number),
    )
    items = yaml.safe_load((content_dir / "references.yaml").read_text(encoding="utf-8"))
    assert cited == [(number, item["id"]) for number, item in enumerate(items, 1)]


async def test_reference_rows_keep_the_csl_item_and_display_names(engine, content_dir):
    await import_content(engine, content_dir)

    references = {row.key: row for row in await rows(engine, select(Reference.__table__))}
    items = yaml.safe_load((content_dir / "references.yaml").read_text(encoding="utf-8"))
    assert {key: row.csl for key, row in references.items()} == {i["id"]: i for i in items}

    coleman = references["coleman-2020-esmo-bone-health"]
    assert coleman.authors == ["Coleman R", "Hadji P", "Body JJ"]
    assert (coleman.type, coleman.year) == ("article-journal", 2020)
    assert coleman.title == "Bone health in cancer: ESMO Clinical Practice Guidelines"
    assert coleman.container_title == "Annals of Oncology"
    assert coleman.doi == "10.1016/j.annonc.2020.07.019"
    assert coleman.accessed == date(2025, 10, 28)
    assert coleman.citation == items[0]["citation"]
    nice = references["nice-2023-ng234-spinal-metastases"]
    assert nice.authors == ["National Institute for Health and Care Excellence (NICE)"]
    assert references["cruk-oj-secondary-bone-cancer"].year is None
    assert references["eau-2025-prostate-cancer-guidelines"].url == "PDF"


async def test_topics_form_the_tree_and_link_the_article(engine, content_dir):
    await import_content(engine, content_dir)

    topics = await rows(engine, select(Topic.__table__).order_by(Topic.position))
    slug_of = {row.id: row.slug for row in topics}
    assert {row.slug: slug_of.get(row.parent_id) for row in topics} == TOPIC_TREE
    assert [row.slug for row in topics] == list(TOPIC_TREE)
    linked = await rows(
        engine, select(Topic.slug).join(ArticleTopic, ArticleTopic.topic_id == Topic.id)
    )
    front_matter = (content_dir / "articles" / f"{ARTICLE_SLUG}.md").read_text(encoding="utf-8")
    listed = yaml.safe_load(front_matter.split("---")[1])["topics"]
    assert sorted(slug for (slug,) in linked) == sorted(listed)


async def test_children_may_come_before_their_parents_in_topics_yaml(engine, content_dir):
    path = content_dir / "topics.yaml"
    header, *entries = path.read_text(encoding="utf-8").split("\n- ")
    path.write_text("\n- ".join([header, *reversed(entries)]), encoding="utf-8")

    await import_content(engine, content_dir)

    topics = await rows(engine, select(Topic.__table__).order_by(Topic.position))
    slug_of = {row.id: row.slug for row in topics}
    assert {row.slug: slug_of.get(row.parent_id) for row in topics} == TOPIC_TREE
    assert [row.slug for row in topics] == list(reversed(TOPIC_TREE))


async def test_dry_run_reports_the_same_and_writes_nothing(engine, content_dir, snapshot):
    empty = await snapshot(engine)

    dry = await import_content(engine, content_dir, dry_run=True)

    assert await snapshot(engine) == empty
    assert dry.dry_run is True
    assert dry.format().splitlines()[0] == "dry run: nothing was written"
    real = await import_content(engine, content_dir)
    assert (dry.revision, real.revision) == (None, 1)
    # The same report, but the dry run knows no ids of rows it did not write.
    unwritten = [{**change, "global_id": None} for change in real.as_dict()["changes"]]
    assert dry.as_dict() == {
        **real.as_dict(),
        "dry_run": True,
        "revision": None,
        "changes": unwritten,
    }


async def test_timestamps_from_front_matter_are_stored_in_utc(engine, content_dir):
    path = content_dir / "articles" / f"{ARTICLE_SLUG}.md"
    text = path.read_text(encoding="utf-8")
    dates = (
        "published_at: 2025-10-28T09:00:00+01:00\nupdated_at: 2025-11-02\nreviewed_at: 2025-11-03"
    )
    path.write_text(text.replace("publisher:", f"{dates}\npublisher:", 1), encoding="utf-8")

    await import_content(engine, content_dir)

    [article] = await rows(engine, select(Article.__table__))
    assert utc(article.published_at) == datetime(2025, 10, 28, 8, tzinfo=UTC)
    assert utc(article.updated_at) == datetime(2025, 11, 2, tzinfo=UTC)
    assert utc(article.reviewed_at) - utc(article.updated_at) == timedelta(days=1)
