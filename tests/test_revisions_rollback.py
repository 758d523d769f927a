"""`seed --rollback N` re-applies revision N's whole content as a new revision."""

import asyncio

from sqlalchemy import select
from test_seed_resync import ARTICLE, ARTICLE_SLUG, KERNAUSSAGE, add_article, article, edit, rows

from api.cli import main
from schema.revisions.history import list_revisions, rows_of, state_at
from schema.tables import Reference, Section, Topic
from seed.importer import import_content
from seed.rollback import rollback

CHANGED = "Knochenmetastasen sind sekundäre (!) Herde"
COLEMAN_URL = "https://www.esmo.org/guidelines/esmo-clinical-practice-guideline-bone-health-in-cancer-patients"


async def content_rows(engine) -> dict[str, list[tuple]]:
    """What readers see of the content: sections, references and topics, without ids."""
    section, reference, topic = Section.__table__, Reference.__table__, Topic.__table__
    return {
        "sections": [
            tuple(row)
            for row in await rows(
                engine,
                select(
                    section.c.anchor, section.c.position, section.c.heading, section.c.body_html
                ).order_by(section.c.article_id, section.c.position),
            )
        ],
        "references": [
            tuple(row)
            for row in await rows(
                engine, select(reference.c.key, reference.c.url, reference.c.csl).order_by("key")
            )
        ],
        "topics": [
            tuple(row)
            for row in await rows(engine, select(topic.c.slug, topic.c.name).order_by("slug"))
        ],
    }


def change_everything(content_dir) -> None:
    edit(content_dir, ARTICLE, KERNAUSSAGE, CHANGED)
    edit(content_dir, ARTICLE, "## Kernaussage", "## Zum Mitnehmen\n\nNeu.\n\n## Kernaussage")
    edit(content_dir, "references.yaml", f"URL: {COLEMAN_URL}", "URL: https://example.org/neu")
    edit(content_dir, "topics.yaml", "name: Brustkrebs", "name: Mammakarzinom")
    add_article(content_dir, "zweiter-artikel")


async def test_rollback_restores_the_content_of_revision_n_as_a_new_revision(engine, content_dir):
    first = await import_content(engine, content_dir, author="alice")
    then = await content_rows(engine)
    change_everything(content_dir)
    await import_content(engine, content_dir, author="bob")
    assert await content_rows(engine) != then

    report = await rollback(engine, first.revision, media=content_dir / "media", author="carol")

    assert report.revision == 3
    now = await content_rows(engine)
    # The new article did not exist at revision 1: archived, its sections kept.
    assert (await article(engine, "zweiter-artikel")).status == "archived"
    assert now["sections"][: len(then["sections"])] == then["sections"]
    assert now["sections"][len(then["sections"]) :] == [("eins", 1, "Eins", "<p>Text.</p>")]
    assert (now["references"], now["topics"]) == (then["references"], then["topics"])
    async with engine.connect() as connection:
        newest, _, oldest = await list_revisions(rows_of(connection), limit=3)
    assert (newest.author, newest.source) == ("carol", "rollback to revision 1")
    assert newest.articles[ARTICLE_SLUG] == oldest.articles[ARTICLE_SLUG]
    assert (await article(engine)).content_hash == oldest.articles[ARTICLE_SLUG]


async def test_rolling_back_to_the_current_state_changes_nothing(engine, content_dir, snapshot):
    await import_content(engine, content_dir)
    before = await snapshot(engine)

    report = await rollback(engine, 1, media=content_dir / "media")

    assert report.revision is None
    assert not report.changed
    assert await snapshot(engine) == before


async def test_rollback_dry_run_shows_the_diff_and_writes_nothing(engine, content_dir, snapshot):
    await import_content(engine, content_dir)
    edit(content_dir, ARTICLE, KERNAUSSAGE, CHANGED)
    await import_content(engine, content_dir)
    before = await snapshot(engine)

    report = await rollback(engine, 1, media=content_dir / "media", dry_run=True)

    assert report.change_lines() == [f"article {ARTICLE_SLUG}: section kernaussage body changed"]
    assert await snapshot(engine) == before


async def test_cli_rollback_and_its_errors(engine, content_dir, database_url, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", database_url)
    await import_content(engine, content_dir)
    edit(content_dir, ARTICLE, KERNAUSSAGE, CHANGED)
    await import_content(engine, content_dir)

    code = await asyncio.to_thread(
        main, ["seed", str(content_dir), "--rollback", "1", "--author", "carol"]
    )

    assert code == 0
    output = capsys.readouterr().out.splitlines()
    assert f"  article {ARTICLE_SLUG}: section kernaussage body changed" in output
    assert "revision 3" in output
    assert await asyncio.to_thread(main, ["seed", "--rollback", "8"]) == 1
    assert capsys.readouterr().err == (
        "guide-api seed: --rollback 8: revision 8 does not exist; revisions are numbered 1 to 3\n"
    )


async def test_a_database_seeded_before_revisions_gets_a_complete_first_revision(
    engine, content_dir
):
    await import_content(engine, content_dir)
    async with engine.begin() as connection:  # as if seeded before migration 0002
        for table in ("content_change", "revision_document", "content_revision"):
            await connection.exec_driver_sql(f"DELETE FROM {table}")
    edit(content_dir, ARTICLE, KERNAUSSAGE, CHANGED)
    first = await import_content(engine, content_dir)
    then = await content_rows(engine)
    edit(content_dir, "topics.yaml", "name: Brustkrebs", "name: Mammakarzinom")
    edit(content_dir, "references.yaml", f"URL: {COLEMAN_URL}", "URL: https://example.org/neu")
    await import_content(engine, content_dir)

    async with engine.connect() as connection:
        state = await state_at(rows_of(connection), first.revision)
    # The first revision stores what it did not change too: topics, references, articles.
    assert (len(state.topics), len(state.references), list(state.articles)) == (
        14,
        12,
        [ARTICLE_SLUG],
    )
    await rollback(engine, first.revision, media=content_dir / "media")
    assert await content_rows(engine) == then
