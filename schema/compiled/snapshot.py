"""One consistent view of the database for one compiled request.

Both kinds read one snapshot per request, with statements prepared once
(`schema.compiled.prepared`) and run on the driver's own connection:

- SQLite: the process's one raw sqlite3 connection, read from the event loop's
  own thread inside an explicit BEGIN … ROLLBACK (WAL mode: readers never wait
  for a writer). The statements are short point and page reads; running them in
  place costs less than aiosqlite's hand-off to its thread and back for every
  statement. Nothing awaits between BEGIN and ROLLBACK, so no other request can
  run on the connection meanwhile.
- PostgreSQL: one of the compiled path's asyncpg connections
  (`schema.compiled.connections`); one statement per root field, so a
  transaction only for several root fields (see `PostgresSnapshot`).
"""

from collections.abc import Callable, Sequence
from typing import Any, Protocol

from sqlalchemy import Engine, Select

from schema.compiled.aggregated import AggregatedRelations
from schema.compiled.connections import PostgresConnections
from schema.compiled.prepared import Prepared, PreparedStatements
from schema.compiled.statements import SeparateRelations

OnStatement = Callable[[], None]


class Snapshot(Protocol):
    async def all(self, statement: Select, parameters: dict[str, Any]) -> Sequence[Any]: ...

    async def close(self) -> None: ...

    def hold(self) -> None:
        """Several statements follow: read them all in one snapshot."""

    # The root fields' statements, and whether they carry their relations.
    @property
    def root_statements(self) -> SeparateRelations | AggregatedRelations: ...


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
    root_statements = SeparateRelations()

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

    def hold(self) -> None:
        """Every request reads in one transaction here (BEGIN before the first statement)."""

    async def close(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            connection.rollback()

    def _run(self, sql: str, parameters: tuple) -> Any:
        self._shared.on_statement()
        return self._connection.cursor().execute(sql, parameters)


class PostgresSnapshot:
    """One of the process's PostgreSQL connections, taken on the first statement.

    Each root field is one statement (`schema.compiled.aggregated`), and one
    statement reads one snapshot: so a request with one root field runs without a
    transaction, and only one with several (`hold`) reads inside a READ ONLY,
    REPEATABLE READ transaction, as the full path's `Reader` reads.
    """

    def __init__(self, shared: PostgresConnections) -> None:
        self._shared = shared
        self.root_statements = shared.root_statements
        self._several = False
        self._connection: Any = None  # an asyncpg connection
        self._transaction: Any = None

    def hold(self) -> None:
        self._several = True

    async def all(self, statement: Select, parameters: dict[str, Any]) -> Sequence[Any]:
        prepared: Prepared = self._shared.statements[statement]
        connection = self._connection or await self._take()
        self._shared.on_statement()
        return prepared.rows(await connection.fetch(prepared.sql, *prepared.parameters(parameters)))

    async def close(self) -> None:
        connection, transaction = self._connection, self._transaction
        self._connection = self._transaction = None
        if connection is None:
            return
        try:
            if transaction is not None:
                await transaction.rollback()
        finally:
            await self._shared.release(connection)

    async def _take(self) -> Any:
        self._connection = await self._shared.acquire()
        if self._several:
            transaction = self._connection.transaction(isolation="repeatable_read", readonly=True)
            self._shared.on_statement()
            await transaction.start()
            self._transaction = transaction
        return self._connection
