"""Keeping the search index current: `refresh_search_index`, run in the writer's transaction.

Both databases keep one `search_fts` row per search document (migration 0008),
with a digest of the text it was built from; a refresh re-indexes only the
documents of the given articles whose text changed, and drops those that are
gone (`sqlite_index`, `postgresql_index`). The index holds drafts too: searches
filter by visibility.
"""

from sqlalchemy.ext.asyncio import AsyncConnection

from schema.search.postgresql_index import refresh_postgres_index
from schema.search.sqlite_index import refresh_sqlite_index


async def refresh_search_index(
    connection: AsyncConnection, article_ids: set[int] | None = None
) -> None:
    """Re-index these articles (all when None) inside the caller's transaction.

    Call it after writing articles or sections, with the ids of those created,
    changed or deleted; ids of deleted articles drop their rows from the index.
    Articles whose title, subtitle, lead and sections did not change cost a
    digest comparison, nothing more.
    """
    if connection.dialect.name == "sqlite":
        await connection.run_sync(refresh_sqlite_index, article_ids)
    else:
        await refresh_postgres_index(connection, article_ids)
