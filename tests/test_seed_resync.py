"""Seeding again: unchanged files write nothing; changes update rows in place by natural key."""

import asyncio
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from schema.tables import Article, Citation, Reference, Section, Topic
from seed.importer import import_content

ARTICLE = "articles/knochenmetastasen-verstehen.md"
ARTICLE_SLUG = "knochenmetastasen-verstehen"
KERNAUSSAGE = "Knochenmetastasen sind sekundäre Herde"


def edit(content_dir: Path, file: str, old: str, new: str) -> None:
    """Replace the first `old` in a copied content file by `new`."""
    path = content_dir / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def add_article(content_dir: Path, slug: str, status: str = "published") -> None:
    text = f"---\nslug: {slug}\ntitle: Neu\nstatus: {status}\n---\nLead.\n\n## Eins\n\nText.\n"
    (content_dir / "articles" / f"{slug}.md").write_text(text, encoding="utf-8")


async def rows(engine: AsyncEngine, statement) -> list:
    async with engine.connect() as connection:
        return list(await connection.execute(statement))


async def sections(engine: AsyncEngine) -> dict[str, tuple]:
    """anchor -> (id, position, body_markdown)."""
    table = Section.__table__
    found = await rows(
        engine, select(table.c.anchor, table.c.id, table.c.position, table.c.body_markdown)
    )
    return {anchor: (row_id, position, body) for anchor, row_id, position, body in found}


async def article(engine: AsyncEngine, slug: str = ARTICLE_SLUG):
    [row] = await rows(engine, select(Article.__table__).where(Article.slug == slug))
    return row


def counts(report, kind: str) -> tuple[int, ...]:
    """(created, updated, unchanged, removed or archived) of one kind."""
    found = report.counts(kind)
    last = found.archived if kind == "articles" else found.removed
    return found.created, found.updated, found.unchanged, last


async def test_second_run_changes_nothing_and_writes_nothing(
    engine, content_dir, snapshot, count_statements
):
    await import_content(engine, content_dir)
    before = await snapshot(engine)

    with count_statements(engine) as counter:
        report = await import_content(engine, content_dir)

    assert await snapshot(engine) == before  # ids included
    # Only bulk reads (after taking the seed lock with its time limit), never one per row.
    statements = [statement.split()[0].upper() for statement in counter.statements]
    assert set(statements) <= {"SELECT", "BEGIN", "PRAGMA", "SET"}
    reads = [statement for statement in statements if statement == "SELECT"]
    assert len(reads) <= 5
    assert [counts(report, kind) for kind in ("topics", "articles", "sections")] == [
        (0, 0, 14, 0),
        (0, 0, 1, 0),
        (0, 0, 7, 0),
    ]
    assert counts(report, "references") == (0, 0, 12, 0)
    assert counts(report, "citations") == (0, 0, 12, 0)
    assert not report.changed
    assert len(report.warnings) == 3


async def test_edited_section_body_is_updated_in_place(engine, content_dir):
    await import_content(engine, content_dir)
    old_sections = await sections(engine)
    old_article = await article(engine)

    edit(content_dir, ARTICLE, KERNAUSSAGE, "Kurz gesagt: " + KERNAUSSAGE)
    report = await import_content(engine, content_dir)

    assert counts(report, "articles") == (0, 1, 0, 0)
    assert counts(report, "sections") == (0, 1, 6, 0)
    assert counts(report, "citations") == (0, 0, 12, 0)
    new_sections = await sections(engine)
    assert {anchor: row[0] for anchor, row in new_sections.items()} == {
        anchor: row[0] for anchor, row in old_sections.items()
    }
    assert new_sections["kernaussage"][2].startswith("Kurz gesagt: Knochenmetastasen")
    new_article = await article(engine)
    assert new_article.id == old_article.id
    assert new_article.content_hash != old_article.content_hash
    assert new_article.published_at == old_article.published_at
    assert new_article.updated_at > old_article.updated_at


async def test_new_heading_gives_a_new_section_and_drops_the_old(engine, content_dir):
    await import_content(engine, content_dir)
    old_sections = await sections(engine)

    edit(content_dir, ARTICLE, "## Kernaussage", "## Das Wichtigste")
    report = await import_content(engine, content_dir)

    assert counts(report, "sections") == (1, 0, 6, 1)
    new_sections = await sections(engine)
    assert "kernaussage" not in new_sections
    assert new_sections["das-wichtigste"][1] == 7
    kept = set(old_sections) - {"kernaussage"}
    assert {anchor: new_sections[anchor][0] for anchor in kept} == {
        anchor: old_sections[anchor][0] for anchor in kept
    }


async def test_removed_section_is_deleted_and_later_ones_move_up(engine, content_dir):
    await import_content(engine, content_dir)
    text = (content_dir / ARTICLE).read_text(encoding="utf-8")
    start = text.index("## Alltag und Selbstfürsorge")
    end = text.index("## Kernaussage")
    (content_dir / ARTICLE).write_text(text[:start] + text[end:], encoding="utf-8")

    report = await import_content(engine, content_dir)

    assert counts(report, "sections") == (0, 1, 5, 1)  # Kernaussage: position 7 -> 6
    assert (await sections(engine))["kernaussage"][1] == 6


async def test_article_gone_from_the_files_is_archived_not_deleted(engine, content_dir):
    add_article(content_dir, "zweiter-artikel")
    await import_content(engine, content_dir)
    before = await article(engine, "zweiter-artikel")

    (content_dir / "articles" / "zweiter-artikel.md").unlink()
    report = await import_content(engine, content_dir)

    assert counts(report, "articles") == (0, 0, 1, 1)
    archived = await article(engine, "zweiter-artikel")
    assert archived.status == "archived"
    assert archived.id == before.id
    assert len(await rows(engine, select(Section.id).where(Section.article_id == before.id))) == 1
    again = await import_content(engine, content_dir)
    assert counts(again, "articles") == (0, 0, 1, 0)
    assert not again.changed


async def test_archived_article_comes_back_with_its_status_and_ids(engine, content_dir):
    await import_content(engine, content_dir)
    saved_article = (content_dir / ARTICLE).read_text(encoding="utf-8")
    saved_references = (content_dir / "references.yaml").read_text(encoding="utf-8")
    before = await article(engine)
    old_sections = await sections(engine)
    (content_dir / ARTICLE).unlink()
    (content_dir / "references.yaml").write_text("[]\n", encoding="utf-8")
    removed = await import_content(engine, content_dir)
    assert (await article(engine)).status == "archived"
    # Its references are gone from the files, but the archived article still cites them.
    assert counts(removed, "references") == (0, 0, 0, 0)
    assert [warning.message.split(" is no longer")[1] for warning in removed.warnings] == [
        f" defined, but archived article(s) {ARTICLE_SLUG} still cite it; kept in the database"
    ] * 12

    (content_dir / ARTICLE).write_text(saved_article, encoding="utf-8")
    (content_dir / "references.yaml").write_text(saved_references, encoding="utf-8")
    report = await import_content(engine, content_dir)

    assert counts(report, "articles") == (0, 1, 0, 0)
    assert counts(report, "references") == (0, 0, 12, 0)
    after = await article(engine)
    assert (after.id, after.status, after.updated_at) == (before.id, "published", before.updated_at)
    assert await sections(engine) == old_sections


async def test_reordered_references_renumber_the_citations(engine, content_dir):
    await import_content(engine, content_dir)
    [[first_ref]] = await rows(engine, select(Citation.reference_id).where(Citation.number == 1))
    edit(
        content_dir,
        ARTICLE,
        "  - coleman-2020-esmo-bone-health   # 1\n  - nice-2023-ng234-spinal-metastases   # 2",
        "  - nice-2023-ng234-spinal-metastases\n  - coleman-2020-esmo-bone-health",
    )

    report = await import_content(engine, content_dir)

    assert counts(report, "citations") == (0, 2, 10, 0)
    assert counts(report, "sections") == (0, 0, 7, 0)
    [[second_ref]] = await rows(engine, select(Citation.reference_id).where(Citation.number == 2))
    assert second_ref == first_ref


async def test_uncited_reference_removed_from_the_files_is_deleted(engine, content_dir):
    await import_content(engine, content_dir)
    edit(content_dir, ARTICLE, "  - cleveland-clinic-2024-bone-metastasis   # 12\n", "")
    edit(content_dir, "references.yaml", "- id: cleveland-clinic-2024-bone-metastasis", "- id: x")
    text = (content_dir / "references.yaml").read_text(encoding="utf-8")
    (content_dir / "references.yaml").write_text(text.split("\n- id: x")[0], encoding="utf-8")

    report = await import_content(engine, content_dir)

    assert counts(report, "references") == (0, 0, 11, 1)
    assert counts(report, "citations") == (0, 0, 11, 1)
    keys = {key for (key,) in await rows(engine, select(Reference.key))}
    assert "cleveland-clinic-2024-bone-metastasis" not in keys
    assert len(keys) == 11


async def test_edited_reference_keeps_its_id(engine, content_dir):
    await import_content(engine, content_dir)
    before = dict(await rows(engine, select(Reference.key, Reference.id)))

    edit(content_dir, "references.yaml", "  URL: PDF", "  URL: https://uroweb.org/guidelines")
    report = await import_content(engine, content_dir)

    assert counts(report, "references") == (0, 1, 11, 0)
    assert counts(report, "articles") == (0, 0, 1, 0)
    assert dict(await rows(engine, select(Reference.key, Reference.id))) == before
    [[url]] = await rows(
        engine, select(Reference.url).where(Reference.key == "eau-2025-prostate-cancer-guidelines")
    )
    assert url == "https://uroweb.org/guidelines"
    assert len(report.warnings) == 2


async def test_topic_changes_update_in_place_and_removed_topics_go(engine, content_dir):
    await import_content(engine, content_dir)
    before = dict(await rows(engine, select(Topic.slug, Topic.id)))
    edit(
        content_dir, "topics.yaml", "  name: Diagnostik\n", "  name: Diagnostik\n  parent: krebs\n"
    )
    edit(content_dir, "topics.yaml", "- slug: knochengesundheit", "- slug: knochen-gesund")
    edit(content_dir, ARTICLE, "  - knochengesundheit", "  - knochen-gesund")

    report = await import_content(engine, content_dir)

    assert counts(report, "topics") == (1, 1, 12, 1)
    after = dict(await rows(engine, select(Topic.slug, Topic.id)))
    assert set(after) == set(before) - {"knochengesundheit"} | {"knochen-gesund"}
    assert all(after[slug] == before[slug] for slug in after if slug in before)
    [[parent_id]] = await rows(engine, select(Topic.parent_id).where(Topic.slug == "diagnostik"))
    assert parent_id == before["krebs"]


async def test_draft_gets_published_at_when_first_published(engine, content_dir):
    add_article(content_dir, "entwurf", status="draft")
    await import_content(engine, content_dir)
    assert (await article(engine, "entwurf")).published_at is None

    edit(content_dir, "articles/entwurf.md", "status: draft", "status: published")
    before = datetime.now(UTC)
    await import_content(engine, content_dir)

    published_at = (await article(engine, "entwurf")).published_at
    assert published_at.replace(tzinfo=published_at.tzinfo or UTC) >= before


async def test_dry_run_after_an_edit_reports_but_writes_nothing(engine, content_dir, snapshot):
    await import_content(engine, content_dir)
    before = await snapshot(engine)
    edit(content_dir, ARTICLE, KERNAUSSAGE, "Kurz: " + KERNAUSSAGE)
    add_article(content_dir, "neu")

    report = await import_content(engine, content_dir, dry_run=True)

    assert counts(report, "articles") == (1, 1, 0, 0)
    assert counts(report, "sections") == (1, 1, 6, 0)
    assert await snapshot(engine) == before


async def test_two_seeds_at_once_run_one_after_the_other(engine, content_dir, snapshot):
    first, second = await asyncio.gather(
        import_content(engine, content_dir), import_content(engine, content_dir)
    )

    assert sorted([counts(first, "articles"), counts(second, "articles")]) == [
        (0, 0, 1, 0),
        (1, 0, 0, 0),
    ]
    assert len((await snapshot(engine))["section"]) == 7
