"""Migrations create exactly the schema the models describe, on both databases."""

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from conftest import empty_database
from sqlalchemy import MetaData, select
from sqlmodel import SQLModel

from api.database import create_engine
from api.migrate import is_current, migrate
from api.migrations.unmodelled import include_name
from api.settings import BUNDLED_CONTENT
from seed.importer import import_content


def _differences(connection) -> list:
    # Full-text objects are hand-written in migrations, not modelled: leave them out.
    options = {"compare_type": True, "include_name": include_name}
    context = MigrationContext.configure(connection, opts=options)
    return compare_metadata(context, SQLModel.metadata)


async def test_migrated_schema_matches_the_models(engine):
    async with engine.connect() as connection:
        assert await connection.run_sync(_differences) == []


async def test_a_new_database_is_not_current_until_migrated(bare_engine):
    assert not await is_current(bare_engine)
    await migrate(bare_engine)
    assert await is_current(bare_engine)


async def test_migrating_twice_changes_nothing(engine, snapshot):
    before = await snapshot(engine)
    await migrate(engine)
    assert await snapshot(engine) == before


# --- Content seeded under the first migration survives every later one ---------------

CONTENT_TABLES = ("topic", "reference", "article", "section", "citation", "article_topic")


async def _rows(engine, tables) -> dict[str, list[dict]]:
    rows = {}
    async with engine.connect() as connection:
        for name in tables:
            table = SQLModel.metadata.tables[name]
            result = await connection.execute(select(table).order_by(*table.primary_key))
            rows[name] = [dict(row._mapping) for row in result]
    return rows


async def _insert_at_first_migration(engine, rows: dict[str, list[dict]]) -> None:
    """Write rows as the schema of migration 0001 stores them (as an old deployment did)."""
    await migrate(engine, "0001")
    async with engine.begin() as connection:
        metadata = MetaData()
        await connection.run_sync(lambda sync: metadata.reflect(sync, only=CONTENT_TABLES))
        for name in CONTENT_TABLES:
            old_table = metadata.tables[name]
            old_rows = [
                {column.key: row[column.key] for column in old_table.columns} for row in rows[name]
            ]
            if old_rows:
                await connection.execute(old_table.insert(), old_rows)
        if engine.dialect.name == "postgresql":  # as if the rows came with their sequences
            for name in ("topic", "reference", "article", "section"):
                await connection.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                    f"(SELECT max(id) FROM {name}))"
                )


async def test_content_seeded_under_the_first_migration_survives_the_upgrade(
    seeded_engine, database_url, tmp_path
):
    before = await _rows(seeded_engine, CONTENT_TABLES)
    old = create_engine(
        f"sqlite:///{tmp_path / 'old.db'}" if database_url.startswith("sqlite") else database_url
    )
    if old.dialect.name == "postgresql":  # one database per session: start it over
        await old.dispose()
        old = seeded_engine
        await empty_database(old)
    try:
        await _insert_at_first_migration(old, before)
        await migrate(old)
        assert await is_current(old)
        assert await _rows(old, CONTENT_TABLES) == before

        report = await import_content(old, BUNDLED_CONTENT)
        assert (report.articles.created, report.articles.updated) == (0, 0)
        assert (report.sections.created, report.sections.updated) == (0, 0)
        assert await _rows(old, CONTENT_TABLES) == before
    finally:
        if old is not seeded_engine:
            await old.dispose()
