"""PostgreSQL: the compiled path's own few asyncpg connections.

A checkout from SQLAlchemy's pool costs the compiled path's short reads more
than their statement: its event hooks, the adapted connection, and the reset
(a ROLLBACK round trip) on every return. These connections come from an asyncpg
`Pool` without that reset: the compiled path only reads, in single statements or
in a transaction it ends itself, and sets nothing in the session, so there is
nothing to reset (asyncpg still rolls back a transaction left open). asyncpg
caches each connection's prepared statements.

The pool opens lazily (inside the event loop, on the first request), holds at
most `MAX_CONNECTIONS` (named `APPLICATION_NAME` in pg_stat_activity), and is
terminated by `close()` at shutdown. json and jsonb values are decoded with
orjson, as SQLAlchemy's dialect decodes them (with json.loads) on its own
connections.
"""

import asyncio
from collections.abc import Callable
from typing import Any

import asyncpg
import orjson
from sqlalchemy.ext.asyncio import AsyncEngine

from schema.compiled.aggregated import AggregatedRelations
from schema.compiled.prepared import PreparedStatements

# How the connections show in pg_stat_activity.
APPLICATION_NAME = "guide-compiled"
# A statement takes well under a millisecond, so a few connections keep one process's
# event loop busy; more only add backends competing for the same cores (measured:
# docs/performance.md).
MAX_CONNECTIONS = 4


async def _no_reset(_connection: asyncpg.Connection) -> None:
    """Nothing to reset: see the module's docstring."""


async def _json_codecs(connection: asyncpg.Connection) -> None:
    # Binary, so that values inside arrays of rows (schema.compiled.aggregated) decode
    # too; jsonb's binary form is a version byte (1), then the text.
    await connection.set_type_codec(
        "json", schema="pg_catalog", encoder=orjson.dumps, decoder=orjson.loads, format="binary"
    )
    await connection.set_type_codec(
        "jsonb",
        schema="pg_catalog",
        encoder=lambda value: b"\x01" + orjson.dumps(value),
        decoder=lambda data: orjson.loads(data[1:]),
        format="binary",
    )


class PostgresConnections:
    """What the PostgreSQL snapshots of one process share: connections and statements."""

    def __init__(self, engine: AsyncEngine, on_statement: Callable[[], None]) -> None:
        _args, options = engine.dialect.create_connect_args(engine.url)
        # Options of SQLAlchemy's adapter, not of asyncpg.connect.
        options.pop("prepared_statement_cache_size", None)
        options.pop("prepared_statement_name_func", None)
        self._options = options
        self._opening: asyncio.Task | None = None
        self._pool: asyncpg.Pool | None = None
        self.statements = PreparedStatements(engine.dialect)
        self.root_statements = AggregatedRelations(engine.dialect)
        self.on_statement = on_statement  # counts statements for the request log

    async def acquire(self) -> Any:
        if self._pool is None:
            # One task opens the pool, however many requests arrive meanwhile.
            if self._opening is None:
                self._opening = asyncio.ensure_future(self._open())
            self._pool = await self._opening
        return await self._pool.acquire()

    async def release(self, connection: Any) -> None:
        if self._pool is not None:  # else closed meanwhile: its connections are gone
            await self._pool.release(connection)

    def close(self) -> None:
        opening, pool = self._opening, self._pool
        self._opening = self._pool = None
        if pool is not None:
            pool.terminate()
        elif opening is not None:
            opening.cancel()

    async def _open(self) -> asyncpg.Pool:
        # min_size=0: no connection before the first request needs one.
        return await asyncpg.create_pool(
            min_size=0,
            max_size=MAX_CONNECTIONS,
            reset=_no_reset,
            init=_json_codecs,
            server_settings={"application_name": APPLICATION_NAME},
            **self._options,
        )
