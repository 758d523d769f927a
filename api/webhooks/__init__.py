"""Webhooks: tell registered receivers about each applied revision.

The seed writes an event into the outbox in its own transaction
(`schema.webhooks_outbox`). After the commit, whoever gets there first delivers it:
the seed command (one quick pass, `deliver_after_seed`) and every running API process
(`WebhookDispatcher`, woken by the content version change and ticking for retries).
Deliveries are claimed with a lease (`FOR UPDATE SKIP LOCKED` on PostgreSQL), so
several processes never send the same attempt twice.

- `targets` — which URLs receive (GUIDE_WEBHOOK_URLS and `guide-api webhooks add`);
- `signing` — the HMAC-SHA256 signature and how receivers check it;
- `store` — the outbox, deliveries and leases in the database;
- `sender` — one HTTP attempt with httpx;
- `dispatcher` — the delivery passes, retries with exponential backoff.
"""

from api.webhooks.dispatcher import WebhookDispatcher, deliver_after_seed, deliver_due

__all__ = ["WebhookDispatcher", "deliver_after_seed", "deliver_due"]
