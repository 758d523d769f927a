"""Getting a database ready to serve: migrations, and the bundled guide when it is empty."""

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from api.migrate import migrate as upgrade
from api.settings import Settings
from schema.tables import Article
from seed.importer import import_content
from seed.report import ImportReport


async def prepare_database(
    engine: AsyncEngine, settings: Settings, *, migrate: bool = True, seed: bool = True
) -> ImportReport | None:
    """Migrate to the newest schema; seed `settings.content_dir` when no article exists yet.

    Runs once in the `serve` command before any worker starts, so workers never race.
    Returns the import report when it seeded.
    """
    if migrate:
        await upgrade(engine)
    if not (seed and settings.seed_on_start) or await _has_content(engine):
        return None
    return await import_content(engine, settings.content_dir)


async def _has_content(engine: AsyncEngine) -> bool:
    async with engine.connect() as connection:
        count = await connection.scalar(select(func.count()).select_from(Article))
    return bool(count)
