"""The content write lock: one seed, rollback or admin change at a time, waiting a bounded time.

PostgreSQL: a transaction-level advisory lock, waited for under `lock_timeout`.
SQLite: `BEGIN IMMEDIATE` (the database's single write lock), waited for under
`busy_timeout`. Either way the lock is held until the transaction ends, and it is
taken before the first read, so the second writer plans against the first one's rows.
"""

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.ext.asyncio import AsyncConnection

LOCK_KEY = 0x5EED_C0DE  # any constant; names the advisory lock
DEFAULT_TIMEOUT = 30.0  # seconds; the setting GUIDE_SEED_LOCK_TIMEOUT
_PG_LOCK_NOT_AVAILABLE = "55P03"


class WriteLockTimeout(Exception):
    """Another writer held the content write lock for longer than the limit."""

    def __init__(self, timeout: float) -> None:
        super().__init__(
            f"another seed or admin change is still writing; waited {timeout:g} s "
            "(GUIDE_SEED_LOCK_TIMEOUT) for it to finish. Nothing was written: try again "
            "when it is done, or raise GUIDE_SEED_LOCK_TIMEOUT"
        )
        self.timeout = timeout


async def write_lock(connection: AsyncConnection, wait_seconds: float = DEFAULT_TIMEOUT) -> None:
    """Take the write lock in the open transaction, waiting up to `wait_seconds`."""
    milliseconds = max(1, int(wait_seconds * 1000))
    if connection.dialect.name == "postgresql":
        await _postgresql(connection, milliseconds, wait_seconds)
    else:
        await _sqlite(connection, milliseconds, wait_seconds)


async def _postgresql(connection: AsyncConnection, milliseconds: int, wait_seconds: float) -> None:
    # SET LOCAL ends with the transaction; the limit is lifted again once the lock is held.
    await connection.exec_driver_sql(f"SET LOCAL lock_timeout = {milliseconds}")
    try:
        await connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY})
    except DBAPIError as error:
        if getattr(error.orig, "sqlstate", None) == _PG_LOCK_NOT_AVAILABLE:
            raise WriteLockTimeout(wait_seconds) from None
        raise
    await connection.exec_driver_sql("SET LOCAL lock_timeout = DEFAULT")


async def _sqlite(connection: AsyncConnection, milliseconds: int, wait_seconds: float) -> None:
    previous = await connection.scalar(text("PRAGMA busy_timeout"))
    await connection.exec_driver_sql(f"PRAGMA busy_timeout = {milliseconds}")
    try:
        await connection.exec_driver_sql("BEGIN IMMEDIATE")
    except OperationalError as error:
        if "locked" in str(error.orig) or "busy" in str(error.orig):
            raise WriteLockTimeout(wait_seconds) from None
        raise
    finally:
        await connection.exec_driver_sql(f"PRAGMA busy_timeout = {int(previous or 0)}")
