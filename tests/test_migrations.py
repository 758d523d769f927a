"""Migrations create exactly the schema the models describe, on both databases."""

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlmodel import SQLModel

from api.migrate import is_current, migrate
from api.migrations.unmodelled import include_name


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
