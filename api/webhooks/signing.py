"""Signing webhook bodies: `X-Guide-Signature: sha256=<hex HMAC-SHA256 of the body>`.

Receivers recompute the HMAC over the raw request body with the shared secret
(GUIDE_WEBHOOK_SECRET) and compare in constant time; see `verify` and docs/operations.md.
"""

import hashlib
import hmac

PREFIX = "sha256="


def signature(secret: str, body: bytes) -> str:
    digest = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return PREFIX + digest


def verify(secret: str, body: bytes, header: str | None) -> bool:
    """Whether `header` is the signature of exactly `body` under `secret`."""
    return bool(header) and hmac.compare_digest(signature(secret, body), header)
