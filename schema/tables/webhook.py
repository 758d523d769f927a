"""Webhooks: registered receivers, the outbox of events, and one delivery per event and URL.

A seed writes a `WebhookEvent` in its own transaction (`schema.webhooks_outbox`), so an
event exists exactly when its revision does. API processes (and the seed command,
right after its commit) turn each event into one `WebhookDelivery` per receiver URL
and send them, with retries; every attempt updates the delivery's row.
"""

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import CheckConstraint, Column, ForeignKey, Index, Integer, UniqueConstraint
from sqlmodel import Field, SQLModel

from schema.tables.columns import JSON_TYPE, TIMESTAMP


class WebhookEndpoint(SQLModel, table=True):
    """A receiver registered with `guide-api webhooks add` (GUIDE_WEBHOOK_URLS adds more)."""

    __tablename__ = "webhook_endpoint"

    id: int | None = Field(default=None, primary_key=True)
    url: str = Field(unique=True, max_length=2000)
    created_at: datetime = Field(sa_type=TIMESTAMP)


class WebhookEvent(SQLModel, table=True):
    """Something receivers are told about, e.g. an applied revision (the outbox)."""

    __tablename__ = "webhook_event"

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=100)
    payload: dict[str, Any] = Field(sa_column=Column(JSON_TYPE, nullable=False))
    created_at: datetime = Field(sa_type=TIMESTAMP)
    # Set once a delivery row exists for every receiver known at that time.
    dispatched_at: datetime | None = Field(default=None, sa_type=TIMESTAMP, index=True)


class DeliveryStatus(StrEnum):
    PENDING = "pending"
    DELIVERED = "delivered"
    FAILED = "failed"  # every attempt failed; nothing more is tried


class WebhookDelivery(SQLModel, table=True):
    """One event sent to one URL: its status and what the last attempt got."""

    __tablename__ = "webhook_delivery"
    __table_args__ = (
        UniqueConstraint("event_id", "url", name="uq_webhook_delivery_event_url"),
        CheckConstraint(
            "status IN ('pending', 'delivered', 'failed')", name="ck_webhook_delivery_status"
        ),
        Index("ix_webhook_delivery_due", "status", "next_attempt_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("webhook_event.id", ondelete="CASCADE"), nullable=False
        )
    )
    url: str = Field(max_length=2000)
    # Sent as X-Guide-Delivery; the same on every retry, so receivers can drop repeats.
    delivery_id: str = Field(unique=True, max_length=36)
    status: str = Field(default=DeliveryStatus.PENDING, max_length=20)
    attempts: int = 0
    next_attempt_at: datetime = Field(sa_type=TIMESTAMP)
    # A process sending this delivery holds it until then (a crashed one lets go).
    lease_until: datetime | None = Field(default=None, sa_type=TIMESTAMP)
    last_status_code: int | None = None
    last_error: str | None = Field(default=None, max_length=500)
    delivered_at: datetime | None = Field(default=None, sa_type=TIMESTAMP)
    created_at: datetime = Field(sa_type=TIMESTAMP)
