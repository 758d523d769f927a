"""The database engine: URL normalisation and SQLite pragmas."""

import orjson
from sqlalchemy import Engine, event
from sqlalchemy import create_engine as create_sync_engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

_DRIVERS = {
    "sqlite": "sqlite+aiosqlite",
    "sqlite+aiosqlite": "sqlite+aiosqlite",
    "postgres": "postgresql+asyncpg",
    "postgresql": "postgresql+asyncpg",
    "postgresql+asyncpg": "postgresql+asyncpg",
}


_EXPECTED = "use sqlite:///path.db or postgresql://user:pass@host:port/db"


class DatabaseURLError(ValueError):
    """DATABASE_URL names a database or driver this service cannot use."""


def async_url(url: str) -> str:
    """Turn a plain URL as hosting platforms hand them out into one with an async driver.

    `postgres://…?sslmode=require` becomes `postgresql+asyncpg://…?ssl=require`.
    """
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseURLError(
            f"DATABASE_URL: {url!r} is not a database URL; {_EXPECTED}"
        ) from None
    driver = _DRIVERS.get(parsed.drivername)
    if driver is None:
        shown = parsed.render_as_string(hide_password=True)
        raise DatabaseURLError(
            f"DATABASE_URL: unsupported database {parsed.drivername!r} in {shown}; {_EXPECTED}"
        )
    parsed = parsed.set(drivername=driver)
    if driver.startswith("postgresql") and "sslmode" in parsed.query:
        # asyncpg knows `ssl`, not libpq's `sslmode`.
        sslmode = parsed.query["sslmode"]
        parsed = parsed.difference_update_query(["sslmode"]).update_query_dict({"ssl": sslmode})
    return parsed.render_as_string(hide_password=False)


def create_engine(url: str) -> AsyncEngine:
    engine = create_async_engine(async_url(url), pool_pre_ping=False)
    if engine.dialect.name == "sqlite":
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
    return engine


def sqlite_reading_engine(engine: AsyncEngine) -> Engine | None:
    """For a SQLite database, a synchronous engine on the same file (the compiled path
    reads through it, see schema.compiled.snapshot); None for other databases."""
    if engine.dialect.name != "sqlite":
        return None
    reading = create_sync_engine(
        engine.url.set(drivername="sqlite"), json_deserializer=orjson.loads
    )
    event.listen(reading, "connect", _sqlite_pragmas)
    return reading


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # SQLite enforces foreign keys only when asked; WAL lets readers run during a seed.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()
