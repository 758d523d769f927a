"""Fixtures: real databases (a SQLite file and a throwaway PostgreSQL database), the real app.

Every test that takes `engine` (or anything built on it) runs once per database.
PostgreSQL tests skip when no server answers at TEST_POSTGRES_URL, unless
GUIDE_REQUIRE_POSTGRES=1 (as in CI), which turns the skip into a failure.
"""

import asyncio
import os
import shutil
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from pathlib import Path

import asyncpg
import httpx
import pytest
from sqlalchemy import event, select
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import SQLModel

from api.database import create_engine
from api.migrate import migrate
from api.settings import BUNDLED_CONTENT

POSTGRES_ADMIN_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)
REQUIRE_POSTGRES = os.environ.get("GUIDE_REQUIRE_POSTGRES") == "1"


# --- PostgreSQL: one throwaway database per test session ----------------------------


async def _admin(statement: str) -> None:
    url = make_url(POSTGRES_ADMIN_URL)
    connection = await asyncpg.connect(
        host=url.host,
        port=url.port or 5432,
        user=url.username,
        password=url.password,
        database=url.database,
        timeout=5,
    )
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    name = f"guide_test_{uuid.uuid4().hex[:12]}"
    try:
        asyncio.run(_admin(f'CREATE DATABASE "{name}"'))
    except (OSError, asyncpg.PostgresError, TimeoutError) as error:
        reason = f"PostgreSQL at {POSTGRES_ADMIN_URL} not usable: {error}"
        if REQUIRE_POSTGRES:
            pytest.fail(f"{reason} (GUIDE_REQUIRE_POSTGRES=1)")
        pytest.skip(reason)
    yield make_url(POSTGRES_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    asyncio.run(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A URL of an empty database, once per kind."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'guide.db'}"
    return request.getfixturevalue("postgres_url")


async def empty_database(engine: AsyncEngine) -> None:
    """Drop everything a previous test left (SQLite files are new for every test anyway)."""
    if engine.dialect.name == "postgresql":
        async with engine.begin() as connection:
            await connection.exec_driver_sql("DROP SCHEMA public CASCADE")
            await connection.exec_driver_sql("CREATE SCHEMA public")


@pytest.fixture
async def bare_engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    """An engine on an empty database without any table: for migration tests."""
    engine = create_engine(database_url)
    await empty_database(engine)
    yield engine
    await engine.dispose()


@pytest.fixture
async def engine(bare_engine: AsyncEngine) -> AsyncEngine:
    """An engine on a database migrated to the newest schema, holding no content."""
    await migrate(bare_engine)
    return bare_engine


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    """A copy of the bundled content that a test may edit."""
    return Path(shutil.copytree(BUNDLED_CONTENT, tmp_path / "content"))


@pytest.fixture
async def seeded_engine(engine: AsyncEngine) -> AsyncEngine:
    """The engine after importing the bundled guide."""
    from seed.importer import import_content

    await import_content(engine, BUNDLED_CONTENT)
    return engine


@pytest.fixture
async def app(seeded_engine: AsyncEngine, database_url: str):
    """The real ASGI app over the seeded database, with its lifespan running."""
    from api.app import create_app
    from api.settings import Settings

    settings = Settings(database_url=database_url, seed_on_start=False, _env_file=None)
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
async def client(app) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client talking to the real app (no network, real ASGI)."""
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http


@pytest.fixture
async def make_client(seeded_engine, database_url):
    """Clients of apps built with settings of the test's choosing (lifespans running)."""
    from api.app import create_app
    from api.settings import Settings

    stack: list = []

    async def make(**settings) -> tuple:
        app = create_app(
            Settings(database_url=database_url, seed_on_start=False, _env_file=None, **settings)
        )
        lifespan = app.router.lifespan_context(app)
        await lifespan.__aenter__()
        client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t")
        stack.append((lifespan, client))
        return app, client

    yield make
    for lifespan, client in reversed(stack):
        await client.aclose()
        await lifespan.__aexit__(None, None, None)


# --- Helpers --------------------------------------------------------------------------


class StatementCounter:
    def __init__(self) -> None:
        self.statements: list[str] = []

    @property
    def count(self) -> int:
        return len(self.statements)


@contextmanager
def count_statements(engine: AsyncEngine) -> Iterator[StatementCounter]:
    """Count the SQL statements `engine` runs inside the block."""
    counter = StatementCounter()

    def record(_conn, _cursor, statement, _params, _context, _executemany) -> None:
        counter.statements.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", record)
    try:
        yield counter
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", record)


@pytest.fixture(name="count_statements")
def count_statements_fixture():
    return count_statements


async def snapshot(engine: AsyncEngine) -> dict[str, list[tuple]]:
    """Every row of every table, in primary-key order: for 'database unchanged' checks."""
    rows: dict[str, list[tuple]] = {}
    async with engine.connect() as connection:
        for table in SQLModel.metadata.sorted_tables:
            result = await connection.execute(select(table).order_by(*table.primary_key.columns))
            rows[table.name] = [tuple(row) for row in result]
    return rows


@pytest.fixture(name="snapshot")
def snapshot_fixture():
    return snapshot
