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
from functools import partial
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from schema.revisions.lock import DEFAULT_TIMEOUT, write_lock
from schema.revisions.record import default_author
from seed.content import ArticleDoc, Content
from seed.diff import make_plan
from seed.errors import Problem, SeedError, sort_problems
from seed.existing import ARTICLE
from seed.reader import OnArticle, read_content
from seed.record import record_import
from seed.renderpool import RenderPool
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
    workers: int | None = None,
) -> ImportReport:
    """Import `content_dir` into the database of `engine`; return what changed.

    Raises SeedError (nothing written) when any file has a problem. With `dry_run`,
    the report says what would change and the transaction is rolled back. Articles
    gone from the files are archived, or deleted with `prune`. An import that changes
    something records a revision by `author` (default: $GUIDE_AUTHOR, else the OS user).
    The rich text of changed articles is rendered by `workers` worker processes (None:
    one per core; 0: none; seed.renderpool).
    """
    known = await _known_digests(engine)
    # Reading is blocking file work; a thread keeps a serving event loop responsive.
    content, warnings = await asyncio.to_thread(_read, Path(content_dir), known, workers)
    async with engine.connect() as connection:
        transaction = await connection.begin()
        try:
            if not dry_run:
                await write_lock(connection, lock_timeout)
            now = datetime.now(UTC)
            plan = await make_plan(connection, content, now, prune=prune, workers=workers)
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


async def _known_digests(engine: AsyncEngine) -> dict[str, str]:
    """slug -> content hash of each article in the database: what need not be rendered.
    A hint only, read before the write lock: the plan renders whatever it still needs."""
    async with engine.connect() as connection:
        rows = await connection.execute(select(ARTICLE.c.slug, ARTICLE.c.content_hash))
        return {slug: digest for slug, digest in rows}


def _read(
    content_dir: Path, known: dict[str, str], workers: int | None
) -> tuple[Content, list[Problem]]:
    """`load_content`; the articles whose text the database lacks are rendered meanwhile."""
    with RenderPool(workers) as pool:
        content, warnings = load_content(content_dir, partial(_render_if_new, pool, known))
        pool.finish()
    return content, warnings


def _render_if_new(pool: RenderPool, known: dict[str, str], article: ArticleDoc) -> None:
    if known.get(article.meta.slug) != article.digest:
        pool.add(article)


def load_content(
    content_dir: Path, on_article: OnArticle | None = None
) -> tuple[Content, list[Problem]]:
    """Read and check every file; returns the content and the warnings, or raises SeedError."""
    content, problems, warnings = read_content(content_dir, on_article)
    if content_dir.is_dir():
        more_problems, more_warnings = check_content(content)
        problems += more_problems
        warnings += more_warnings
    if problems:
        raise SeedError(problems)
    return content, warnings
