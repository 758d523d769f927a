"""`guide-api seed`: read and validate every file, plan the difference, write it at once.

    report = await import_content(engine, Path("seed/content"), author="editor")
    print(report.format())

Nothing is written unless every file is valid (otherwise SeedError lists every
problem), and everything is written in one transaction, together with the revision
that records it and the content version bump: a failure leaves the database exactly
as it was. Two imports never interleave: the second waits for the write lock up to
`lock_timeout` seconds, then raises WriteLockTimeout.

Memory is bounded by `batch_size`, not by the corpus: the first pass keeps only small
facts of each article (seed.content.ArticleFacts); in the transaction, the articles to
write are read again, rendered, planned, written and recorded one batch at a time
(seed.batches), and the report keeps at most KEPT_CHANGES changes (seed.report).
"""

import asyncio
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Row
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from schema.revisions.lock import DEFAULT_TIMEOUT, write_lock
from schema.revisions.record import default_author, has_revisions
from seed.articlediff import gone, is_unchanged, plan_articles, plan_gone
from seed.batches import BATCH_ARTICLES, ahead, read_batches
from seed.childdiff import count_children
from seed.content import ArticleDoc, ArticleFacts, Content
from seed.diff import plan_files, reference_followers, settle_changes
from seed.errors import Problem, SeedError, sort_problems
from seed.existing import chunks, load_existing
from seed.plan import Plan
from seed.reader import read_content
from seed.record import Revision
from seed.renderpool import PARALLEL_FROM, RenderPool
from seed.report import ImportReport
from seed.statistics import analyze_read_tables
from seed.validate import check_content
from seed.writer import write_plan, write_removals


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
    batch_size: int = BATCH_ARTICLES,
) -> ImportReport:
    """Import `content_dir` into the database of `engine`; return what changed.

    Raises SeedError (nothing written) when any file has a problem. With `dry_run`,
    the report says what would change and the transaction is rolled back. Articles
    gone from the files are archived, or deleted with `prune`. An import that changes
    something records a revision by `author` (default: $GUIDE_AUTHOR, else the OS user).
    The rich text of changed articles is rendered by `workers` worker processes (None:
    one per core; 0: none; seed.renderpool), `batch_size` articles at a time.
    """
    content_dir = Path(content_dir)
    # Reading is blocking file work; a thread keeps a serving event loop responsive.
    content, warnings = await asyncio.to_thread(load_content, content_dir)
    async with engine.connect() as connection:
        transaction = await connection.begin()
        try:
            if not dry_run:
                await write_lock(connection, lock_timeout)
            job = _Import(connection, content_dir, dry_run=dry_run, workers=workers)
            report = await job.run(
                content, prune=prune, author=author, source=source, size=batch_size
            )
        except BaseException:
            await transaction.rollback()
            raise
        if dry_run:
            await transaction.rollback()
        else:
            await transaction.commit()
    # The planner's statistics, for the new content.
    failed = await analyze_read_tables(engine) if report.changed and not dry_run else None
    if failed is not None:
        warnings.append(Problem("(database)", "", failed))
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


class _Import:
    """One import in its transaction: the topics and references, the articles to write
    batch by batch, the articles gone from the files, then the removals; each part is
    planned, written (unless a dry run), recorded and counted into the report."""

    def __init__(
        self, connection: AsyncConnection, content_dir: Path, *, dry_run: bool, workers: int | None
    ) -> None:
        self.connection, self.content_dir = connection, content_dir
        self.dry_run, self.workers = dry_run, workers
        self.report = ImportReport()
        self.revision: Revision | None = None
        self.touched: set[str] = set()  # references whose citing articles moved

    async def run(
        self, content: Content, *, prune: bool, author: str | None, source: str, size: int
    ) -> ImportReport:
        connection, now = self.connection, datetime.now(UTC)
        existing = await load_existing(connection)
        files = await plan_files(connection, content, existing, prune=prune)
        to_write = self._to_write(content.articles, existing.articles)
        gone_rows = gone({a.slug for a in content.articles}, existing.articles, prune)
        first = not await has_revisions(connection)
        if not self.dry_run and (files.report.changed or to_write or gone_rows):
            self.revision = await Revision.start(
                connection, author=default_author(author), source=source
            )
        await self._part(files, content=content)
        await self._write_articles(files, to_write, existing.articles, now, size)
        for rows in chunks(gone_rows, size):
            plan = files.part()
            await plan_gone(connection, plan, rows, prune)
            await self._part(plan)
        await self._finish(files, first, [a.slug for a in to_write] + [r.slug for r in gone_rows])
        return self.report

    async def _write_articles(self, files: Plan, to_write, existing, now, size: int) -> None:
        workers = self.workers if len(to_write) >= PARALLEL_FROM else 0
        with RenderPool(workers) as pool:
            async with ahead(read_batches(self.content_dir, to_write, size, pool)) as batches:
                async for batch in batches:
                    plan = files.part()
                    await plan_articles(self.connection, plan, batch, existing, now)
                    await self._part(plan, articles=batch)

    async def _part(
        self, plan: Plan, *, content: Content | None = None, articles: list[ArticleDoc] = ()
    ) -> None:
        settle_changes(plan.report)
        if self.revision is not None:
            await write_plan(self.connection, plan)
            await self.revision.add(plan.report, content=content, articles=articles)
        self.touched |= plan.touched_references
        self.report.add(plan.report)

    async def _finish(self, files: Plan, first: bool, written: list[str]) -> None:
        """Feed-only changes of the references whose citing articles moved, the removals of
        references and topics, the revision's summary and webhook event."""
        if self.revision is None:
            return
        named = {change.key for change in files.report.changes if change.kind == "reference"}
        followers = reference_followers(self.touched, files.reference_ids, named)
        await self.revision.add(ImportReport(followers=followers))
        await write_removals(self.connection, files)
        stored = {(change.kind, change.key) for change in files.report.changes}
        stored |= {("article", slug) for slug in written}
        await self.revision.finish(
            self.report, first=first, stored=stored, articles=list(files.article_ids)
        )
        self.report.revision = self.revision.number

    def _to_write(self, articles: list[ArticleFacts], existing: dict[str, Row]) -> list:
        """The articles the database does not hold as their files say; counts the others."""
        to_write = []
        for article in articles:
            if is_unchanged(article.digest, article.status, existing.get(article.slug)):
                self.report.articles.unchanged += 1
                count_children(self.report, article.sections, len(article.references))
            else:
                to_write.append(article)
        return to_write
