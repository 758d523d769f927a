"""`guide-api seed`: read and validate every file, plan the difference, write it at once.

    report = await import_content(engine, Path("seed/content"))
    print(report.format())

Nothing is written unless every file is valid (otherwise SeedError lists every
problem), and everything is written in one transaction: a failure leaves the
database exactly as it was.
"""

import asyncio
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from seed.content import Content
from seed.diff import make_plan
from seed.errors import Problem, SeedError, sort_problems
from seed.reader import read_content
from seed.report import ImportReport
from seed.validate import check_content
from seed.writer import write_plan

_LOCK_KEY = 0x5EED_C0DE  # any constant; names the seed's PostgreSQL advisory lock


async def import_content(
    engine: AsyncEngine, content_dir: Path, *, dry_run: bool = False
) -> ImportReport:
    """Import `content_dir` into the database of `engine`; return what changed.

    Raises SeedError (nothing written) when any file has a problem. With `dry_run`,
    the report says what would change and the transaction is rolled back.
    """
    # Reading is blocking file work; a thread keeps a serving event loop responsive.
    content, warnings = await asyncio.to_thread(load_content, Path(content_dir))
    async with engine.connect() as connection:
        transaction = await connection.begin()
        try:
            if not dry_run:
                await _one_seed_at_a_time(connection)
            plan = await make_plan(connection, content, datetime.now(UTC))
            if not dry_run and plan.report.changed:
                await write_plan(connection, plan)
        except BaseException:
            await transaction.rollback()
            raise
        if dry_run:
            await transaction.rollback()
        else:
            await transaction.commit()
    report = plan.report
    report.dry_run = dry_run
    report.warnings = sort_problems([*warnings, *report.warnings])
    return report


async def _one_seed_at_a_time(connection: AsyncConnection) -> None:
    """Hold the database's write lock from the first read: a second seed (say, another
    worker seeding on start) waits and then plans against the first one's rows."""
    if connection.dialect.name == "postgresql":
        await connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
    elif connection.dialect.name == "sqlite":
        await connection.exec_driver_sql("BEGIN IMMEDIATE")


def load_content(content_dir: Path) -> tuple[Content, list[Problem]]:
    """Read and check every file; returns the content and the warnings, or raises SeedError."""
    content, problems, warnings = read_content(content_dir)
    if content_dir.is_dir():
        more_problems, more_warnings = check_content(content)
        problems += more_problems
        warnings += more_warnings
    if problems:
        raise SeedError(problems)
    return content, warnings
