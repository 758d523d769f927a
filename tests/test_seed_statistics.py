"""After a seed that changed content, PostgreSQL has statistics for the tables the public reads."""

import pytest
from sqlalchemy import text

from seed.importer import import_content
from seed.statistics import READ_TABLES

# What the planner believes each table holds: ANALYZE sets it, a bulk write does not.
ESTIMATED_ROWS = text("SELECT reltuples FROM pg_class WHERE oid = to_regclass(:table)")


async def estimates(engine) -> dict[str, tuple[float, int]]:
    found = {}
    async with engine.connect() as connection:
        for table in READ_TABLES:
            estimated = await connection.scalar(ESTIMATED_ROWS, {"table": table})
            counted = await connection.scalar(text(f"SELECT count(*) FROM {table}"))
            found[table] = (estimated, counted)
    return found


async def test_a_seed_leaves_the_read_tables_analyzed(engine, content_dir):
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite plans by its indexes; there is nothing to analyze")
    async with engine.begin() as connection:  # the empty tables' statistics: no rows
        await connection.execute(text(f"ANALYZE {', '.join(READ_TABLES)}"))
    assert all(estimated == 0 for estimated, _ in (await estimates(engine)).values())
    report = await import_content(engine, content_dir)
    assert report.changed
    after = await estimates(engine)
    assert all(counted > 0 for _, counted in after.values()), after
    assert all(estimated == counted for estimated, counted in after.values()), after
