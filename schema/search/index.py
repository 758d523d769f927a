"""Keeping the search index current: `refresh_search_index`, run in the writer's transaction.

PostgreSQL computes its tsvector columns itself (generated columns), so there
is nothing to do. SQLite's `search_fts` is filled here: the rows of the given
articles (or of all) are deleted and written again from the current titles,
leads and sections, whatever the status; searches filter by visibility.
"""

from collections.abc import Iterable

from sqlalchemy import Connection, delete, insert, select
from sqlalchemy.ext.asyncio import AsyncConnection

from schema import tables
from schema.search.sqlite import SEARCH_FTS
from schema.search.words import index_text

A = tables.Article
S = tables.Section


async def refresh_search_index(
    connection: AsyncConnection, article_ids: set[int] | None = None
) -> None:
    """Re-index these articles (all when None) inside the caller's transaction.

    Call it after writing articles or sections, with the ids of those created,
    changed or deleted; ids of deleted articles drop their rows from the index.
    """
    if connection.dialect.name == "sqlite":
        await connection.run_sync(rebuild_sqlite_index, article_ids)


def rebuild_sqlite_index(connection: Connection, article_ids: Iterable[int] | None) -> None:
    """The synchronous core of `refresh_search_index` (migration 0005 fills the index with it)."""
    wanted = None if article_ids is None else sorted(set(article_ids))
    if wanted == []:
        return
    articles = select(A.id, A.title, A.subtitle, A.lead_text)
    sections = select(S.id, S.article_id, S.heading, S.body_text)
    forget = delete(SEARCH_FTS)
    if wanted is not None:
        articles = articles.where(A.id.in_(wanted))
        sections = sections.where(S.article_id.in_(wanted))
        forget = forget.where(SEARCH_FTS.c.article_id.in_(wanted))
    connection.execute(forget)
    documents = [
        _document(row.id, None, row.title, row.subtitle, row.lead_text)
        for row in connection.execute(articles)
    ]
    documents += [
        _document(row.article_id, row.id, "", row.heading, row.body_text)
        for row in connection.execute(sections)
    ]
    if documents:
        connection.execute(insert(SEARCH_FTS), documents)


def _document(
    article_id: int, section_id: int | None, title: str, heading: str | None, body: str | None
) -> dict[str, object]:
    return {
        "article_id": article_id,
        "section_id": section_id,
        "title": index_text(title),
        "heading": index_text(heading),
        "body": index_text(body),
    }
