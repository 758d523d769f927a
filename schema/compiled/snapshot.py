"""One consistent view of the database for one compiled request.

Both kinds read in one transaction per request, with statements prepared once
(`schema.compiled.prepared`) and run on the driver's own connection:

- SQLite: the process's one raw sqlite3 connection, read from the event loop's
  own thread inside an explicit BEGIN … ROLLBACK (WAL mode: readers never wait
  for a writer). The statements are short point and page reads; running them in
  place costs less than aiosqlite's hand-off to its thread and back for every
  statement. Nothing awaits between BEGIN and ROLLBACK, so no other request can
  run on the connection meanwhile.
- PostgreSQL: a pooled asyncpg connection, inside a READ ONLY, REPEATABLE READ
  transaction, as the full path's `Reader` reads.
"""

from collections.abc import Callable, Sequence
from typing import Any, Protocol

from sqlalchemy import Engine, Select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from schema.compiled.prepared import Prepared, PreparedStatements

OnStatement = Callable[[], None]


class Snapshot(Protocol):
    async def all(self, statement: Select, parameters: dict[str, Any]) -> Sequence[Any]: ...

    async def close(self) -> None: ...


async def one(snapshot: Snapshot, statement: Select, parameters: dict[str, Any]) -> Any:
    """The only row of `statement`, or None."""
    rows = await snapshot.all(statement, parameters)
    if len(rows) > 1:
        raise RuntimeError(f"more than one row for {statement}")
    return rows[0] if rows else None


async def scalar(snapshot: Snapshot, statement: Select, parameters: dict[str, Any]) -> Any:
    """The first column of the first row of `statement`, or None."""
    rows = await snapshot.all(statement, parameters)
    return rows[0][0] if rows else None


class SqliteConnection:
    """The raw sqlite3 connection the snapshots of one process share; opened on first use."""

    def __init__(self, engine: Engine, on_statement: OnStatement = lambda: None) -> None:
        self._engine = engine
        self._connection: Any = None
        self.statements = PreparedStatements(engine.dialect)
        self.on_statement = on_statement  # counts statements for the request log

    def get(self) -> Any:
        if self._connection is None:
            self._connection = self._engine.raw_connection()
        return self._connection

    def close(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            connection.close()
        self._engine.dispose()


class SqliteSnapshot:
    def __init__(self, shared: SqliteConnection) -> None:
        self._shared = shared
        self._connection: Any = None

    async def all(self, statement: Select, parameters: dict[str, Any]) -> Sequence[Any]:
        prepared = self._shared.statements[statement]
        if self._connection is None:
            self._connection = self._shared.get()
            # sqlite3 begins transactions only for writes: make all reads one snapshot.
            self._run("BEGIN", ())
        cursor = self._run(prepared.sql, prepared.parameters(parameters))
        return prepared.rows(cursor.fetchall())

    async def close(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            connection.rollback()

    def _run(self, sql: str, parameters: tuple) -> Any:
        self._shared.on_statement()
        return self._connection.cursor().execute(sql, parameters)


class PostgresSnapshot:
    """A pooled connection of `engine`, checked out on first use, in a read-only transaction."""

    def __init__(
        self, engine: AsyncEngine, statements: PreparedStatements, on_statement: OnStatement
    ) -> None:
        self._engine = engine
        self._statements = statements
        self._on_statement = on_statement
        self._connection: AsyncConnection | None = None
        self._driver: Any = None  # the asyncpg connection

    async def all(self, statement: Select, parameters: dict[str, Any]) -> Sequence[Any]:
        prepared: Prepared = self._statements[statement]
        driver = self._driver or await self._begin()
        self._on_statement()
        return prepared.rows(await driver.fetch(prepared.sql, *prepared.parameters(parameters)))

    async def close(self) -> None:
        connection, driver = self._connection, self._driver
        self._connection = self._driver = None
        if connection is None:
            return
        try:
            if driver is not None:
                await driver.execute("ROLLBACK")
        finally:
            await connection.close()

    async def _begin(self) -> Any:
        self._connection = await self._engine.connect()
        raw = await self._connection.get_raw_connection()
        self._on_statement()
        await raw.driver_connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        self._driver = raw.driver_connection
        return self._driver
