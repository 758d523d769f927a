"""What every command shares: running a coroutine against the configured database."""

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from api.database import create_engine
from api.settings import Settings

T = TypeVar("T")


class CommandError(Exception):
    """A failure to report on stderr with an exit code, without a traceback."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def with_engine(settings: Settings, work: Callable[[AsyncEngine], Awaitable[T]]) -> T:
    """Run `work(engine)` on the database of `settings`, then dispose the engine."""

    async def run() -> T:
        engine = create_engine(settings.database_url)
        try:
            return await work(engine)
        finally:
            await engine.dispose()

    try:
        return asyncio.run(run())
    except (OSError, TimeoutError) as error:
        raise CommandError(f"cannot reach the database: {error}") from error
    except DBAPIError as error:
        if error.connection_invalidated or _is_connect_error(error):
            raise CommandError(f"cannot reach the database: {error.orig}") from error
        raise


def _is_connect_error(error: DBAPIError) -> bool:
    return "connect" in type(error.orig).__name__.lower()
