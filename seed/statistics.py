"""Planner statistics, gathered after a seed that changed content (PostgreSQL).

PostgreSQL plans each statement by per-table statistics, which a bulk import
leaves out of date until autovacuum's next analyze (and never, where autovacuum
is off). Without them the compiled path's statements read citations by a
sequential scan and a hash join: the portal section's statement took 0.34 ms
before `ANALYZE` and 0.07 ms after (2,000-article corpus, `EXPLAIN ANALYZE`).
So a seed that changed something analyzes the tables the public reads from,
after its commit, as the last step. SQLite plans by its indexes alone here.
"""

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine

from schema import tables
from schema.search.postgresql import SEARCH_FTS

# What public answers read: content, its links, and the search index.
READ_TABLES = tuple(
    table.name
    for table in (
        tables.Article.__table__,
        tables.ArticleTopic.__table__,
        tables.Section.__table__,
        tables.Citation.__table__,
        tables.Reference.__table__,
        tables.Topic.__table__,
        SEARCH_FTS,
    )
)


async def analyze_read_tables(engine: AsyncEngine) -> str | None:
    """None when done (or nothing to do); else why not, for the seed's warnings: the
    content is committed by then, so a failure here must not read as a failed seed."""
    if engine.dialect.name != "postgresql":
        return None
    try:
        async with engine.begin() as connection:
            await connection.execute(text(f"ANALYZE {', '.join(READ_TABLES)}"))
    except SQLAlchemyError as error:
        return (
            f"the content is written, but ANALYZE failed ({error}); "
            "public reads may be slow until it runs: "
            f"ANALYZE {', '.join(READ_TABLES)}"
        )
    return None
