"""One delivery attempt: POST the signed JSON body, report what happened."""

import json
import time
from dataclasses import dataclass

import httpx

from api.webhooks.signing import signature

USER_AGENT = "guide-api-webhooks/1"


@dataclass
class Delivery:
    """A claimed delivery, ready to send."""

    id: int
    delivery_id: str
    url: str
    attempts: int  # attempts made before this one
    payload: dict


@dataclass
class Attempt:
    ok: bool
    status_code: int | None = None
    error: str | None = None


def body_of(delivery: Delivery) -> bytes:
    """The exact bytes sent (and signed); the same on every retry of a delivery."""
    data = {"delivery": delivery.delivery_id, **delivery.payload}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


async def send(client: httpx.AsyncClient, delivery: Delivery, *, secret: str) -> Attempt:
    body = body_of(delivery)
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "X-Guide-Delivery": delivery.delivery_id,
        "X-Guide-Event": delivery.payload.get("event", ""),
        "X-Guide-Timestamp": str(int(time.time())),
    }
    if secret:
        headers["X-Guide-Signature"] = signature(secret, body)
    try:
        response = await client.post(delivery.url, content=body, headers=headers)
    except httpx.HTTPError as error:
        return Attempt(ok=False, error=f"{type(error).__name__}: {error}"[:500])
    if response.is_success:
        return Attempt(ok=True, status_code=response.status_code)
    return Attempt(ok=False, status_code=response.status_code, error=f"HTTP {response.status_code}")
