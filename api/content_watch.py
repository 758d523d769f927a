"""Knowing the current content version in every API process, without restarts.

Every applied seed bumps `content_state.version` in its own transaction
(`schema.content_version`). Each API process keeps a `ContentWatch` that follows it:

- on PostgreSQL a dedicated connection LISTENs on `guide_content`; the bump's NOTIFY
  arrives at commit, in every process on every machine. A dropped connection is
  re-opened with backoff, and the version is re-read then, so nothing is missed;
- on SQLite (one machine, several processes) a poll of the one-row version table
  every `content_poll_interval` seconds, read in place through a synchronous
  connection: a point read of a few microseconds, where aiosqlite's hand-offs to
  its thread cost a loaded server more than the read itself.

Requests read the database fresh anyway; the version is what in-process caches key
on, and `on_change` callbacks (e.g. "drop the cache", "deliver webhooks") run when it moves.
"""

import asyncio
import contextlib
import inspect
import logging
from collections.abc import Awaitable, Callable

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.pool import NullPool

from api.database import sqlite_reading_engine
from schema.content_version import NOTIFY_CHANNEL, VERSION, read_version

log = logging.getLogger("guide.content")

ChangeHook = Callable[[int], Awaitable[None] | None]

LISTENER_NAME = "guide-content-watch"
_RECONNECT_BACKOFF = (0.1, 0.5, 1.0, 2.0, 5.0)  # seconds; the last one repeats


class ContentWatch:
    """The content version this process knows, and the hooks to run when it changes."""

    def __init__(self, *, poll_interval: float = 0.25) -> None:
        self.engine: AsyncEngine | None = None
        self.poll_interval = poll_interval
        self.version = 0
        self._hooks: list[ChangeHook] = []
        self._task: asyncio.Task | None = None

    def on_change(self, hook: ChangeHook) -> None:
        """Call `hook(new_version)` (a function or coroutine function) after each change."""
        self._hooks.append(hook)

    async def start(self, engine: AsyncEngine) -> None:
        """Read the version now, then follow it in a background task.

        `engine` should be one for background work, apart from the one serving requests.
        """
        self.engine = engine
        with contextlib.suppress(SQLAlchemyError, OSError):
            await self._refresh()
        follow = self._listen if self.engine.dialect.name == "postgresql" else self._poll
        self._task = asyncio.create_task(follow(), name="content-watch")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _refresh(self) -> None:
        async with self.engine.connect() as connection:
            await self._set(await read_version(connection))

    async def _set(self, version: int) -> None:
        if version == self.version:
            return
        log.info("content version %s -> %s", self.version, version)
        self.version = version
        for hook in self._hooks:
            try:
                result = hook(version)
                if inspect.isawaitable(result):
                    await result
            except Exception:
                log.exception("content change hook %r failed", hook)

    async def _poll(self) -> None:
        reading = sqlite_reading_engine(self.engine)
        try:
            while True:
                await asyncio.sleep(self.poll_interval)
                try:
                    with reading.connect() as connection:
                        version = connection.scalar(VERSION) or 0
                except (SQLAlchemyError, OSError) as error:
                    # Not migrated yet, or the file is busy: try again on the next tick.
                    log.debug("content version poll failed: %s", error)
                    continue
                await self._set(version)
        finally:
            reading.dispose()

    async def _listen(self) -> None:
        # A connection of its own, outside the request pool: it is held for good.
        listener = create_async_engine(
            self.engine.url,
            poolclass=NullPool,
            # Shows in pg_stat_activity, so operators can tell the listeners apart.
            connect_args={"server_settings": {"application_name": LISTENER_NAME}},
        )
        failures = 0
        try:
            while True:
                try:
                    await self._listen_once(listener)
                    failures = 0
                except (SQLAlchemyError, OSError) as error:
                    log.warning("content listener: %s", error)
                except Exception:
                    log.exception("content listener failed")
                delay = _RECONNECT_BACKOFF[min(failures, len(_RECONNECT_BACKOFF) - 1)]
                failures += 1
                log.info("content listener reconnects in %.1f s", delay)
                await asyncio.sleep(delay)
        finally:
            await listener.dispose()

    async def _listen_once(self, listener: AsyncEngine) -> None:
        """LISTEN until the connection drops; re-read the version once listening."""
        async with listener.connect() as connection:
            raw = (await connection.get_raw_connection()).driver_connection
            lost = asyncio.Event()
            notified: asyncio.Queue[str] = asyncio.Queue()
            raw.add_termination_listener(lambda _conn: lost.set())
            await raw.add_listener(NOTIFY_CHANNEL, lambda *args: notified.put_nowait(args[-1]))
            # Anything committed while we were away (or before LISTEN) shows up here.
            try:
                await self._set(await read_version(connection))
                await connection.commit()
            except SQLAlchemyError as error:  # not migrated yet: the first NOTIFY will tell
                log.warning("content listener: cannot read the version: %s", error)
                await connection.rollback()
            log.info(
                "content listener: listening on %s at version %s", NOTIFY_CHANNEL, self.version
            )
            while not lost.is_set():
                payload = await _next_or_lost(notified, lost)
                if payload is not None:
                    await self._set(max(self.version, int(payload)))
            raise OSError("connection to PostgreSQL lost")


async def _next_or_lost(notified: asyncio.Queue[str], lost: asyncio.Event) -> str | None:
    """The next NOTIFY payload, or None when the connection was lost first."""
    get = asyncio.ensure_future(notified.get())
    lost_wait = asyncio.ensure_future(lost.wait())
    done, pending = await asyncio.wait({get, lost_wait}, return_when=asyncio.FIRST_COMPLETED)
    for task in pending:
        task.cancel()
    return get.result() if get in done else None
