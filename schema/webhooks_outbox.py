"""The webhook outbox: record, in the writer's own transaction, what receivers must hear.

The seed calls, after writing a revision and in the same transaction,

    await enqueue(connection, revision_event(revision=..., version=..., changes=...))

so the event commits (or rolls back) with the content it describes. Sending is not
done here: API processes and the seed command deliver outbox events after the commit
(`api.webhooks`), so a slow or dead receiver can never hold up or fail a seed.
"""

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncConnection

from schema.tables import WebhookEvent

REVISION_APPLIED = "revision.applied"


def revision_event(*, revision: int | None, version: int, changes: Iterable[Any]) -> dict:
    """The payload receivers get for an applied revision.

    `changes` are the revision's change rows (or anything with `kind`, `action` and
    `global_id` attributes or keys; `key`, `article` and `fields` are passed on when
    present; changes with `listed` false are left out).
    """
    return {
        "event": REVISION_APPLIED,
        "revision": revision,
        "content_version": version,
        "changes": [_change(change) for change in changes if _field(change, "listed", True)],
    }


async def enqueue(connection: AsyncConnection, event: dict) -> int:
    """Add `event` (a JSON-ready dict with an "event" name) to the outbox; return its id."""
    return await connection.scalar(
        insert(WebhookEvent)
        .values(kind=event["event"], payload=event, created_at=datetime.now(UTC))
        .returning(WebhookEvent.id)
    )


def _change(change: Any) -> dict:
    entry = {
        "kind": _field(change, "kind"),
        "action": _field(change, "action"),
        "id": _field(change, "global_id", _field(change, "id")),
    }
    for optional in ("key", "article", "fields"):
        if _field(change, optional):
            entry[optional] = _field(change, optional)
    return entry


def _field(change: Any, name: str, default: Any = None) -> Any:
    if isinstance(change, dict):
        return change.get(name, default)
    return getattr(change, name, default)
