"""Delivering webhooks: passes over the due deliveries, in the API and after a seed.

A pass fans new outbox events out into deliveries, claims what is due, sends it
(concurrently, each attempt bounded by GUIDE_WEBHOOK_TIMEOUT) and records each
outcome; a failed attempt is retried later with exponential backoff, up to
GUIDE_WEBHOOK_MAX_ATTEMPTS. Each attempt is logged on `guide.webhooks`.
"""

import asyncio
import contextlib
import logging

import httpx
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine

from api.settings import Settings
from api.webhooks import store
from api.webhooks.sender import Delivery, send

log = logging.getLogger("guide.webhooks")

# API processes look for due retries this often (a content change wakes them at once).
TICK_SECONDS = 1.0
# The seed command's own delivery pass gives up after this long; API processes retry.
AFTER_SEED_SECONDS = 3.0


async def deliver_due(engine: AsyncEngine, settings: Settings, client: httpx.AsyncClient) -> int:
    """One pass: fan out new events, send every due delivery once; return how many sent."""
    await store.fan_out(engine, settings)
    started = store.now()  # retries this pass schedules wait for a later pass
    sent = 0
    while deliveries := await store.claim_due(engine, due_by=started):
        await asyncio.gather(*(_attempt(engine, settings, client, d) for d in deliveries))
        sent += len(deliveries)
    return sent


async def _attempt(
    engine: AsyncEngine, settings: Settings, client: httpx.AsyncClient, delivery: Delivery
) -> None:
    attempt = await send(client, delivery, secret=settings.webhook_secret)
    status = await store.record(engine, delivery, attempt, settings)
    log.log(
        logging.INFO if attempt.ok else logging.WARNING,
        "webhook %s to %s: attempt %d %s",
        delivery.delivery_id,
        delivery.url,
        delivery.attempts + 1,
        "delivered" if attempt.ok else f"failed ({attempt.error}), now {status}",
        extra={
            "delivery": delivery.delivery_id,
            "url": delivery.url,
            "attempt": delivery.attempts + 1,
            "status_code": attempt.status_code,
            "outcome": status,
        },
    )


def http_client(settings: Settings, timeout: float | None = None) -> httpx.AsyncClient:
    return httpx.AsyncClient(timeout=timeout or settings.webhook_timeout, follow_redirects=False)


async def deliver_after_seed(engine: AsyncEngine, settings: Settings) -> None:
    """Right after a seed commits: one quick delivery pass that never fails the seed.

    Whatever does not get through within AFTER_SEED_SECONDS stays pending for the API
    processes to retry.
    """
    timeout = min(settings.webhook_timeout, AFTER_SEED_SECONDS)
    try:
        async with http_client(settings, timeout) as client, asyncio.timeout(AFTER_SEED_SECONDS):
            await deliver_due(engine, settings, client)
    except TimeoutError:
        log.warning("webhooks: not all delivered within %s s; the API will retry", timeout)
    except Exception:
        log.exception("webhooks: delivery after the seed failed; the API will retry")


class WebhookDispatcher:
    """The background delivery loop of one API process."""

    def __init__(self, engine: AsyncEngine, settings: Settings) -> None:
        self.engine = engine
        self.settings = settings
        self._wake = asyncio.Event()
        self._task: asyncio.Task | None = None
        self._stopping = False
        self.tick = min(TICK_SECONDS, settings.webhook_retry_delay)

    def wake(self, _version: int | None = None) -> None:
        """Run a pass now (a new revision may have brought events)."""
        self._wake.set()

    async def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="webhook-dispatcher")

    async def stop(self, grace: float = 5.0) -> None:
        """Let a pass in progress finish (up to `grace` seconds), then end the loop.

        An attempt cut off here keeps its lease and is sent again once it expires.
        """
        if self._task is None:
            return
        self._stopping = True
        self._wake.set()
        _done, pending = await asyncio.wait({self._task}, timeout=grace)
        for task in pending:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._task = None

    async def _run(self) -> None:
        async with http_client(self.settings) as client:
            while not self._stopping:
                try:
                    await deliver_due(self.engine, self.settings, client)
                except (SQLAlchemyError, OSError) as error:
                    # Not migrated yet or the database is away: the next tick tries again.
                    log.debug("webhook pass skipped: %s", error)
                except Exception:
                    log.exception("webhook pass failed")
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(self.tick):
                        await self._wake.wait()
                self._wake.clear()
