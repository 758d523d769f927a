"""`guide-api seed`: read and validate every file, plan the difference, write it at once.

    report = await import_content(engine, Path("seed/content"), author="editor")
    print(report.format())

Nothing is written unless every file is valid (otherwise SeedError lists every
problem), and everything is written in one transaction, together with the revision
that records it and the content version bump: a failure leaves the database exactly
as it was. Two imports never interleave: the second waits for the write lock up to
`lock_timeout` seconds, then raises WriteLockTimeout.
"""

import asyncio
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncEngine

from schema.revisions.lock import DEFAULT_TIMEOUT, write_lock
from schema.revisions.record import default_author
from seed.content import Content
from seed.diff import make_plan
from seed.errors import Problem, SeedError, sort_problems
from seed.reader import read_content
from seed.record import record_import
from seed.report import ImportReport
from seed.validate import check_content
from seed.writer import write_plan


async def import_content(
    engine: AsyncEngine,
    content_dir: Path,
    *,
    dry_run: bool = False,
    prune: bool = False,
    author: str | None = None,
    source: str = "seed",
    lock_timeout: float = DEFAULT_TIMEOUT,
) -> ImportReport:
    """Import `content_dir` into the database of `engine`; return what changed.

    Raises SeedError (nothing written) when any file has a problem. With `dry_run`,
    the report says what would change and the transaction is rolled back. Articles
    gone from the files are archived, or deleted with `prune`. An import that changes
    something records a revision by `author` (default: $GUIDE_AUTHOR, else the OS user).
    """
    # Reading is blocking file work; a thread keeps a serving event loop responsive.
    content, warnings = await asyncio.to_thread(load_content, Path(content_dir))
    async with engine.connect() as connection:
        transaction = await connection.begin()
        try:
            if not dry_run:
                await write_lock(connection, lock_timeout)
            plan = await make_plan(connection, content, datetime.now(UTC), prune=prune)
            if not dry_run and plan.report.changed:
                await write_plan(connection, plan)
                plan.report.revision = await record_import(
                    connection, plan, content, author=default_author(author), source=source
                )
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
