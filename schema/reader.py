"""One database connection per GraphQL request, opened on first use.

GraphQL resolves sibling fields concurrently and two DataLoaders may dispatch
in the same tick, but one connection runs one statement at a time. The
`Reader` owns that connection and serialises every statement behind an
`asyncio.Lock`. It opens the connection lazily, so a request answered without
SQL never checks one out of the pool, and it reads inside one transaction, so
all statements of a request see the same data, even while an import commits:
on PostgreSQL a READ ONLY, REPEATABLE READ transaction; on SQLite (WAL mode)
an explicit BEGIN, because the sqlite3 driver starts transactions only for
writes. That BEGIN is one statement more per request on SQLite.
"""

import asyncio
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Executable, Row
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine


class ReaderClosedError(RuntimeError):
    """A statement was sent through a Reader after its request had finished."""


class Reader:
    """Read-only access to the database for one request."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._connection: AsyncConnection | None = None
        self._lock = asyncio.Lock()
        self._closed = False

    @property
    def engine(self) -> AsyncEngine:
        """The engine this reader reads from; writers (mutations) open their own connection."""
        return self._engine

    @property
    def dialect(self) -> str:
        """The database kind, "sqlite" or "postgresql", known without opening a connection."""
        return self._engine.dialect.name

    @property
    def opened(self) -> bool:
        """True once a statement has checked a connection out of the pool."""
        return self._connection is not None

    async def all(self, statement: Executable) -> Sequence[Row[Any]]:
        """Every row of `statement`."""
        async with self._lock:
            result = await (await self._connect()).execute(statement)
            return result.all()

    async def one_or_none(self, statement: Executable) -> Row[Any] | None:
        """The only row of `statement`, or None; more than one row is an error."""
        async with self._lock:
            result = await (await self._connect()).execute(statement)
            return result.one_or_none()

    async def scalar(self, statement: Executable) -> Any:
        """The first column of the first row of `statement`, or None."""
        async with self._lock:
            result = await (await self._connect()).execute(statement)
            return result.scalar()

    async def close(self) -> None:
        """End the transaction and return the connection to the pool; safe to call twice."""
        async with self._lock:
            self._closed = True
            connection, self._connection = self._connection, None
            if connection is None:
                return
            try:
                await connection.rollback()
            finally:
                await connection.close()

    async def _connect(self) -> AsyncConnection:
        # Called with the lock held.
        if self._closed:
            raise ReaderClosedError("this request's database reader is already closed")
        if self._connection is None:
            connection = await self._engine.connect()
            try:
                if connection.dialect.name == "postgresql":
                    await connection.execution_options(
                        isolation_level="REPEATABLE READ", postgresql_readonly=True
                    )
                await connection.begin()
                if connection.dialect.name == "sqlite":
                    await connection.exec_driver_sql("BEGIN")
            except BaseException:
                await connection.close()
                raise
            self._connection = connection
        return self._connection
