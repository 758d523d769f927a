"""Reading the history: revisions newest first, and the content as it was at revision N."""

from collections import defaultdict
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Executable, Row, and_, func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from schema.tables import ContentRevision, RevisionDocument
from schema.types.article import utc

REVISION = ContentRevision.__table__
DOCUMENT = RevisionDocument.__table__


# Runs a statement and returns its rows: a request's `Reader.all`, or `rows_of(connection)`.
Rows = Callable[[Executable], Awaitable[Sequence[Row[Any]]]]


def rows_of(connection: AsyncConnection) -> Rows:
    async def rows(statement: Executable) -> Sequence[Row[Any]]:
        return (await connection.execute(statement)).all()

    return rows


class UnknownRevisionError(LookupError):
    """No revision with this number."""


@dataclass
class RevisionInfo:
    number: int
    created_at: datetime
    author: str
    source: str
    summary: str
    # Articles whose document this revision stores: slug -> content hash (None: deleted).
    articles: dict[str, str | None] = field(default_factory=dict)


@dataclass
class ContentState:
    """Every entity's newest document at or before one revision, by kind and key."""

    revision: int
    topics: dict[str, dict[str, Any]]
    references: dict[str, dict[str, Any]]
    articles: dict[str, dict[str, Any]]
    hashes: dict[str, str | None]  # article slug -> content hash


async def latest_revision(rows: Rows) -> int | None:
    [(latest,)] = await rows(select(func.max(REVISION.c.id)))
    return latest


async def list_revisions(
    rows: Rows, *, limit: int, before: int | None = None
) -> list[RevisionInfo]:
    """Up to `limit` revisions, newest first, older than `before` if given."""
    statement = select(REVISION).order_by(REVISION.c.id.desc()).limit(limit)
    if before is not None:
        statement = statement.where(REVISION.c.id < before)
    revisions = [_info(row) for row in await rows(statement)]
    await _add_articles(rows, revisions)
    return revisions


async def get_revision(rows: Rows, number: int) -> RevisionInfo:
    found = await rows(select(REVISION).where(REVISION.c.id == number))
    if not found:
        raise UnknownRevisionError(await _unknown(rows, number))
    revision = _info(found[0])
    await _add_articles(rows, [revision])
    return revision


async def state_at(rows: Rows, number: int) -> ContentState:
    """The whole content as it was right after revision `number`."""
    await get_revision(rows, number)
    newest = (
        select(DOCUMENT.c.kind, DOCUMENT.c.key, func.max(DOCUMENT.c.revision_id).label("rev"))
        .where(DOCUMENT.c.revision_id <= number)
        .group_by(DOCUMENT.c.kind, DOCUMENT.c.key)
        .subquery()
    )
    statement = select(DOCUMENT).join(
        newest,
        and_(
            DOCUMENT.c.kind == newest.c.kind,
            DOCUMENT.c.key == newest.c.key,
            DOCUMENT.c.revision_id == newest.c.rev,
        ),
    )
    found: defaultdict[str, dict[str, Any]] = defaultdict(dict)
    hashes: dict[str, str | None] = {}
    for row in await rows(statement):
        if row.document is not None:
            found[row.kind][row.key] = row.document
            if row.kind == "article":
                hashes[row.key] = row.content_hash
    return ContentState(
        number, dict(found["topic"]), dict(found["reference"]), dict(found["article"]), hashes
    )


async def article_at(
    rows: Rows, slug: str, number: int
) -> tuple[dict[str, Any], str | None] | None:
    """(document, content hash) of one article at revision `number`; None if it did not exist."""
    await get_revision(rows, number)
    found = await rows(
        select(DOCUMENT.c.document, DOCUMENT.c.content_hash)
        .where(DOCUMENT.c.kind == "article", DOCUMENT.c.key == slug)
        .where(DOCUMENT.c.revision_id <= number)
        .order_by(DOCUMENT.c.revision_id.desc())
        .limit(1)
    )
    if not found or found[0].document is None:
        return None
    return found[0].document, found[0].content_hash


def _info(row: Any) -> RevisionInfo:
    return RevisionInfo(row.id, utc(row.created_at), row.author, row.source, row.summary)


async def _add_articles(rows: Rows, revisions: Sequence[RevisionInfo]) -> None:
    by_number = {revision.number: revision for revision in revisions}
    if not by_number:
        return
    statement = (
        select(DOCUMENT.c.revision_id, DOCUMENT.c.key, DOCUMENT.c.content_hash)
        .where(DOCUMENT.c.kind == "article", DOCUMENT.c.revision_id.in_(list(by_number)))
        .order_by(DOCUMENT.c.revision_id, DOCUMENT.c.key)
    )
    for row in await rows(statement):
        by_number[row.revision_id].articles[row.key] = row.content_hash


async def _unknown(rows: Rows, number: int) -> str:
    latest = await latest_revision(rows)
    if latest is None:
        return f"revision {number} does not exist: nothing has been seeded with revisions yet"
    return f"revision {number} does not exist; revisions are numbered 1 to {latest}"
