"""Outbox events and deliveries in the database: fan out, claim with a lease, record.

Every step is one short transaction; no transaction stays open while a request is
in flight, so a slow receiver never holds a lock a seed needs.
"""

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncEngine

from api.settings import Settings
from api.webhooks.sender import Attempt, Delivery
from api.webhooks.targets import receiver_urls
from schema.tables import DeliveryStatus, WebhookDelivery, WebhookEvent

# A claimed delivery belongs to its sender this long; far longer than one attempt may take.
LEASE = timedelta(minutes=2)
MAX_RETRY_DELAY = timedelta(hours=1)


def now() -> datetime:
    return datetime.now(UTC)


async def fan_out(engine: AsyncEngine, settings: Settings) -> int:
    """Create a delivery per receiver for each new outbox event; return how many.

    Safe to run in several processes at once: (event, url) is unique and inserts skip
    existing pairs.
    """
    created = 0
    async with engine.begin() as connection:
        events = list(
            await connection.scalars(
                select(WebhookEvent.id)
                .where(WebhookEvent.dispatched_at.is_(None))
                .order_by(WebhookEvent.id)
            )
        )
        if not events:
            return 0
        urls = await receiver_urls(connection, settings)
        insert = pg_insert if connection.dialect.name == "postgresql" else sqlite_insert
        moment = now()
        rows = [
            {
                "event_id": event_id,
                "url": url,
                "delivery_id": str(uuid.uuid4()),
                "status": DeliveryStatus.PENDING,
                "attempts": 0,
                "next_attempt_at": moment,
                "created_at": moment,
            }
            for event_id in events
            for url in urls
        ]
        if rows:
            result = await connection.execute(
                insert(WebhookDelivery).values(rows).on_conflict_do_nothing()
            )
            created = max(result.rowcount, 0)
        await connection.execute(
            update(WebhookEvent).where(WebhookEvent.id.in_(events)).values(dispatched_at=moment)
        )
    return created


async def claim_due(
    engine: AsyncEngine, *, due_by: datetime | None = None, limit: int = 20
) -> list[Delivery]:
    """Take up to `limit` deliveries due by `due_by` (now) and not held by another sender."""
    moment = now()
    due = (
        select(WebhookDelivery.id)
        .where(
            WebhookDelivery.status == DeliveryStatus.PENDING,
            WebhookDelivery.next_attempt_at <= (due_by or moment),
            or_(WebhookDelivery.lease_until.is_(None), WebhookDelivery.lease_until < moment),
        )
        .order_by(WebhookDelivery.next_attempt_at, WebhookDelivery.id)
        .limit(limit)
    )
    if engine.dialect.name == "postgresql":
        # Rows another process is claiming right now are skipped, not waited for.
        due = due.with_for_update(skip_locked=True)
    async with engine.begin() as connection:
        claimed = await connection.execute(
            update(WebhookDelivery)
            .where(WebhookDelivery.id.in_(due.scalar_subquery()))
            .values(lease_until=moment + LEASE)
            .returning(
                WebhookDelivery.id,
                WebhookDelivery.delivery_id,
                WebhookDelivery.url,
                WebhookDelivery.attempts,
                WebhookDelivery.event_id,
            )
        )
        rows = claimed.all()
        payloads = dict(
            (
                await connection.execute(
                    select(WebhookEvent.id, WebhookEvent.payload).where(
                        WebhookEvent.id.in_({row.event_id for row in rows})
                    )
                )
            ).all()
        )
    return [
        Delivery(row.id, row.delivery_id, row.url, row.attempts, payloads[row.event_id])
        for row in sorted(rows, key=lambda row: row.id)
    ]


async def record(
    engine: AsyncEngine, delivery: Delivery, attempt: Attempt, settings: Settings
) -> str:
    """Store the outcome of one attempt and release the lease; return the new status."""
    attempts = delivery.attempts + 1
    moment = now()
    values: dict = {
        "attempts": attempts,
        "lease_until": None,
        "last_status_code": attempt.status_code,
        "last_error": attempt.error,
    }
    if attempt.ok:
        values |= {"status": DeliveryStatus.DELIVERED, "delivered_at": moment}
    elif attempts >= settings.webhook_max_attempts:
        values["status"] = DeliveryStatus.FAILED
    else:
        values["next_attempt_at"] = moment + retry_delay(attempts, settings)
    async with engine.begin() as connection:
        await connection.execute(
            update(WebhookDelivery).where(WebhookDelivery.id == delivery.id).values(**values)
        )
    return values.get("status", DeliveryStatus.PENDING)


def retry_delay(attempts: int, settings: Settings) -> timedelta:
    """Exponential backoff: retry_delay, then twice that, four times…, at most an hour."""
    delay = timedelta(seconds=settings.webhook_retry_delay * 2 ** min(attempts - 1, 20))
    return min(delay, MAX_RETRY_DELAY)
