"""Database migrations (Alembic): upgrade to the newest schema, and check that it is current."""

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.ext.asyncio import AsyncEngine


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", "api:migrations")
    return config


async def migrate(engine: AsyncEngine, target: str = "heads") -> None:
    """Upgrade the database to `target` (all heads by default) in one transaction."""
    async with engine.begin() as connection:
        await connection.run_sync(_upgrade, target)


def _upgrade(connection, target: str) -> None:
    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, target)


async def is_current(engine: AsyncEngine) -> bool:
    """Whether the database stands at every head revision of the migration scripts."""
    async with engine.connect() as connection:
        applied = await connection.run_sync(
            lambda sync: set(MigrationContext.configure(sync).get_current_heads())
        )
    return applied == set(ScriptDirectory.from_config(alembic_config()).get_heads())
