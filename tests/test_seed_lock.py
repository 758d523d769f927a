"""Two seeds never interleave: the second waits for the write lock up to
GUIDE_SEED_LOCK_TIMEOUT, then fails with a message naming the limit, writing nothing."""

import asyncio

import pytest
from test_seed_resync import ARTICLE, KERNAUSSAGE, edit

from api.cli import main
from schema.revisions.lock import WriteLockTimeout, write_lock
from seed.importer import import_content

MESSAGE = (
    "another seed or admin change is still writing; waited 0.2 s (GUIDE_SEED_LOCK_TIMEOUT) "
    "for it to finish. Nothing was written: try again when it is done, or raise "
    "GUIDE_SEED_LOCK_TIMEOUT"
)


async def test_a_second_seed_gives_up_after_the_limit_and_writes_nothing(
    seeded_engine, content_dir, snapshot
):
    edit(content_dir, ARTICLE, KERNAUSSAGE, "Geändert")
    before = await snapshot(seeded_engine)
    async with seeded_engine.connect() as first:
        await first.begin()
        await write_lock(first)  # another seed is writing

        with pytest.raises(WriteLockTimeout) as caught:
            await import_content(seeded_engine, content_dir, lock_timeout=0.2)

        await first.rollback()
    assert str(caught.value) == MESSAGE
    assert await snapshot(seeded_engine) == before


async def test_a_waiting_seed_goes_ahead_once_the_first_is_done(seeded_engine, content_dir):
    edit(content_dir, ARTICLE, KERNAUSSAGE, "Geändert")
    async with seeded_engine.connect() as first:
        await first.begin()
        await write_lock(first)
        second = asyncio.create_task(import_content(seeded_engine, content_dir, lock_timeout=30))
        await asyncio.sleep(0.2)  # let it start waiting; the outcome does not depend on it
        assert not second.done()
        await first.commit()

    report = await second
    assert report.revision == 2
    assert report.change_lines() == [
        "article knochenmetastasen-verstehen: section kernaussage body changed"
    ]


async def test_the_command_names_the_limit(
    seeded_engine, content_dir, database_url, monkeypatch, capsys
):
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("GUIDE_SEED_LOCK_TIMEOUT", "0.2")
    edit(content_dir, ARTICLE, KERNAUSSAGE, "Geändert")
    async with seeded_engine.connect() as first:
        await first.begin()
        await write_lock(first)
        code = await asyncio.to_thread(main, ["seed", str(content_dir)])
        await first.rollback()

    assert code == 1
    assert capsys.readouterr().err == f"guide-api seed: {content_dir}: {MESSAGE}\n"
