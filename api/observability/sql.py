"""Counting the SQL statements of each request.

A `before_cursor_execute` listener on the engine adds one to the `RequestInfo` of the
request that runs the statement. The contextvar follows the request into SQLAlchemy's
greenlets and into the tasks DataLoaders start, so every statement is attributed to
the request that caused it; statements outside a request (the content watch) are not counted.
"""

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from api.observability.context import current_request


def count_sql_statements(engine: AsyncEngine) -> None:
    event.listen(engine.sync_engine, "before_cursor_execute", _count)


def _count(_conn, _cursor, _statement, _params, _context, executemany) -> None:
    count_sql_statement()


def count_sql_statement() -> None:
    """Count one statement for the current request (also for statements run without
    SQLAlchemy's events, see schema.compiled.snapshot)."""
    info = current_request.get()
    if info is not None:
        info.sql_statements += 1
