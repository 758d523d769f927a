"""Seeding in batches: memory bounded by the batch size, every guarantee of one transaction.

The content is the bundled guide plus six copies of its article (seven articles, file
order: the guide, kopie-01 … kopie-06), written two at a time: batch 1 is the guide and
kopie-01, batch 3 is kopie-04 and kopie-05, batch 4 is kopie-06 alone.
"""

import shutil
from datetime import datetime
from pathlib import Path

import pytest
from conftest import empty_database
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine
from test_seed_many import add_copies

from api.migrate import migrate
from schema.tables import ContentChange, WebhookEvent
from seed import importer, record, report
from seed.errors import SeedError
from seed.importer import import_content

BATCH = 2
COPIES = 6


def comparable(rows: dict[str, list[tuple]]) -> dict[str, list[tuple]]:
    """The rows with every timestamp blanked (two imports differ in when they ran), and the
    change rows without their ids, sorted: in batches, the changes of one revision are
    recorded batch by batch, in another order (each names another entity, so the change
    feed's clients may apply them in any order)."""
    blanked = {
        table: [tuple(None if isinstance(v, datetime) else v for v in row) for row in found]
        for table, found in rows.items()
    }
    blanked["content_change"] = sorted((row[1:] for row in blanked["content_change"]), key=repr)
    return blanked


async def empty_again(engine: AsyncEngine) -> None:
    """An empty database again (SQLite: a new file), migrated."""
    if engine.dialect.name == "postgresql":
        await empty_database(engine)
    else:
        await engine.dispose()
        remove_sqlite_files(engine.url.database)
    await migrate(engine)


def remove_sqlite_files(database: str) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)


@pytest.mark.parametrize("prune", [False, True])
async def test_batches_of_two_write_what_one_batch_writes(
    engine: AsyncEngine, content_dir: Path, tmp_path: Path, snapshot, prune: bool
):
    add_copies(content_dir, COPIES)
    edited = Path(shutil.copytree(content_dir, tmp_path / "edited"))
    edit_two_and_drop_three(edited)

    await import_content(engine, content_dir, workers=0)
    whole = await import_content(engine, edited, workers=0, prune=prune)
    in_one_batch = comparable(await snapshot(engine))
    await empty_again(engine)
    await import_content(engine, content_dir, workers=0, batch_size=BATCH)
    batched = await import_content(engine, edited, workers=0, batch_size=BATCH, prune=prune)

    assert comparable(await snapshot(engine)) == in_one_batch
    assert batched.as_dict() == whole.as_dict()
    gone = "3 deleted" if prune else "3 archived"
    assert batched.summary().startswith(
        f"articles: 2 updated, {gone}; sections: 1 created, 1 updated"
    )


async def test_a_dry_run_in_batches_reports_what_the_import_writes(
    engine: AsyncEngine, content_dir: Path, snapshot
):
    add_copies(content_dir, COPIES)
    before = await snapshot(engine)

    dry = await import_content(engine, content_dir, workers=0, batch_size=BATCH, dry_run=True)
    unchanged = await snapshot(engine)
    real = await import_content(engine, content_dir, workers=0, batch_size=BATCH)

    assert unchanged == before
    unwritten = [{**change, "global_id": None} for change in real.as_dict()["changes"]]
    expected = {**real.as_dict(), "dry_run": True, "revision": None, "changes": unwritten}
    assert dry.as_dict() == expected


def edit_two_and_drop_three(content_dir: Path) -> None:
    """kopie-02 gets a new section, kopie-05 a changed one; kopie-03, -04 and -06 are gone."""
    articles = content_dir / "articles"
    path = articles / "kopie-02.md"
    path.write_text(path.read_text("utf-8") + "\n## Neu\n\nEin neuer Abschnitt.\n", "utf-8")
    path = articles / "kopie-05.md"
    text = path.read_text("utf-8")
    path.write_text(text.replace("## Kernaussage\n\n", "## Kernaussage\n\nGeändert. ", 1), "utf-8")
    for number in (3, 4, 6):
        (articles / f"kopie-{number:02d}.md").unlink()


async def test_an_invalid_file_in_the_last_batch_writes_nothing(
    seeded_engine: AsyncEngine, content_dir: Path, snapshot
):
    add_copies(content_dir, COPIES)
    path = content_dir / "articles" / "kopie-06.md"
    path.write_text(path.read_text("utf-8").replace("topics:\n", "topics:\n  - gibt-es-nicht\n"))
    before = await snapshot(seeded_engine)

    with pytest.raises(SeedError) as raised:
        await import_content(seeded_engine, content_dir, workers=0, batch_size=BATCH)

    [problem] = raised.value.problems
    assert problem.file == "articles/kopie-06.md"
    assert "unknown topic 'gibt-es-nicht'" in problem.message
    assert await snapshot(seeded_engine) == before


async def test_a_file_changed_after_checking_stops_the_import_before_commit(
    seeded_engine: AsyncEngine, content_dir: Path, snapshot, monkeypatch
):
    add_copies(content_dir, COPIES)
    before = await snapshot(seeded_engine)
    path = content_dir / "articles" / "kopie-05.md"

    def load_then_edit(directory: Path):
        loaded = load_content(directory)
        path.write_text(path.read_text("utf-8") + "\nNachträglich.\n", "utf-8")
        return loaded

    load_content = importer.load_content
    monkeypatch.setattr(importer, "load_content", load_then_edit)
    with pytest.raises(SeedError) as raised:
        await import_content(seeded_engine, content_dir, workers=0, batch_size=BATCH)

    assert [str(problem) for problem in raised.value.problems] == [
        "articles/kopie-05.md: changed while the seed was reading the files; seed again"
    ]
    assert await snapshot(seeded_engine) == before


async def test_a_failure_while_writing_batch_three_rolls_back_every_batch(
    seeded_engine: AsyncEngine, content_dir: Path, snapshot
):
    add_copies(content_dir, COPIES)
    await refuse_article(seeded_engine, "kopie-05")
    before = await snapshot(seeded_engine)

    with pytest.raises(Exception, match="kopie-05 refused"):
        await import_content(seeded_engine, content_dir, workers=0, batch_size=BATCH)

    assert await snapshot(seeded_engine) == before


async def refuse_article(engine: AsyncEngine, slug: str) -> None:
    """A trigger that makes the database refuse to insert the article `slug`."""
    async with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            await connection.exec_driver_sql(
                "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                f"IF NEW.slug = '{slug}' THEN RAISE EXCEPTION '{slug} refused'; END IF; "
                "RETURN NEW; END $$"
            )
            await connection.exec_driver_sql(
                "CREATE TRIGGER refuse BEFORE INSERT ON article "
                "FOR EACH ROW EXECUTE FUNCTION refuse()"
            )
        else:
            await connection.exec_driver_sql(
                f"CREATE TRIGGER refuse BEFORE INSERT ON article WHEN NEW.slug = '{slug}' "
                f"BEGIN SELECT RAISE(ABORT, '{slug} refused'); END"
            )


async def test_a_large_import_keeps_the_first_changes_and_records_them_all(
    engine: AsyncEngine, content_dir: Path, monkeypatch
):
    monkeypatch.setattr(report, "KEPT_CHANGES", 10)
    monkeypatch.setattr(record, "EVENT_CHANGES", 4)
    add_copies(content_dir, COPIES)

    result = await import_content(engine, content_dir, workers=0, batch_size=BATCH)

    # 14 topics, 12 references, 7 articles of 7 sections each.
    listed = 14 + 12 + 7 * 8
    assert (len(result.changes), result.more_changes) == (10, listed - 10)
    assert [change.kind for change in result.changes] == ["topic"] * 10
    assert f"… and {listed - 10} more (--json lists the first 10" in result.format()
    async with engine.connect() as connection:
        rows = await connection.scalar(select(func.count()).select_from(ContentChange))
        payload = await connection.scalar(select(WebhookEvent.payload))
    assert rows == listed
    assert len(payload["changes"]) == 4
    assert payload["more_changes"] == listed - 4
