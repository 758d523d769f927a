"""The databases a run measures: a fresh SQLite file, or a throwaway PostgreSQL database.

PostgreSQL databases are created on the server at `--postgres-url` (its
maintenance database, e.g. `postgres`) for one run and dropped afterwards, even
when the run fails.
"""

import asyncio
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import asyncpg
from sqlalchemy.engine import make_url

DEFAULT_POSTGRES_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)
LABELS = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


@contextmanager
def database(kind: str, workdir: Path, name: str, postgres_url: str) -> Iterator[str]:
    """The URL of an empty database of `kind` for the block; dropped after it."""
    if kind == "sqlite":
        path = workdir / f"{name}.db"
        path.unlink(missing_ok=True)
        yield f"sqlite:///{path}"
        return
    database_name = f"guide_bench_{name.replace('-', '_')}_{uuid.uuid4().hex[:8]}"
    asyncio.run(_admin(postgres_url, f'CREATE DATABASE "{database_name}"'))
    try:
        yield (
            make_url(postgres_url).set(database=database_name).render_as_string(hide_password=False)
        )
    finally:
        asyncio.run(_admin(postgres_url, f'DROP DATABASE IF EXISTS "{database_name}" WITH (FORCE)'))


async def _admin(postgres_url: str, statement: str) -> None:
    connection = await _connect(postgres_url)
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


async def _connect(url: str) -> asyncpg.Connection:
    parts = make_url(url)
    return await asyncpg.connect(
        host=parts.host or "127.0.0.1",
        port=parts.port or 5432,
        user=parts.username,
        password=parts.password,
        database=parts.database,
        timeout=10,
    )


def server_version(kind: str, url: str) -> str:
    """`SQLite 3.40.1` or `PostgreSQL 15.20 …`, for the report."""
    if kind == "sqlite":
        import sqlite3

        return f"SQLite {sqlite3.sqlite_version}"
    return f"PostgreSQL {asyncio.run(_fetch(url, 'SHOW server_version'))}"


async def _fetch(url: str, query: str) -> str:
    connection = await _connect(url)
    try:
        return str(await connection.fetchval(query))
    finally:
        await connection.close()
