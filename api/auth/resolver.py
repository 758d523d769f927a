"""From an Authorization header to an access key, with a short per-process cache.

Requests with the same key within `ttl` seconds are answered from memory,
keyed by the secret's hash, so a busy client costs one key lookup per `ttl`,
not one per request. The price: revoking a key (or changing it in the
database) takes effect in every process within `ttl` seconds, not at once.
Expiry is checked on every request against the cached expiry date, so it is
exact. Wrong keys are cached too (as "no such key"); the cache is bounded, so
a flood of made-up keys costs lookups, not memory.
"""

import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime

from cachetools import TTLCache
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine

from api.auth import store
from api.auth.errors import Unauthenticated
from api.auth.store import KeyRecord
from api.auth.tokens import PREFIX, hash_secret, looks_like_key

logger = logging.getLogger(__name__)
_CACHED_KEYS = 4096
_MISSING = object()
EXPECTED = (
    "send `Authorization: Bearer <access key>`, or no Authorization header for public content"
)


def utc_now() -> datetime:
    return datetime.now(UTC)


class KeyResolver:
    """Finds the key behind an Authorization header; caches lookups for `ttl` seconds."""

    def __init__(
        self,
        engine: AsyncEngine,
        *,
        ttl: float,
        timer: Callable[[], float] = time.monotonic,
        now: Callable[[], datetime] = utc_now,
    ) -> None:
        self._engine = engine
        self._now = now
        caching = ttl > 0
        self._keys: TTLCache | None = TTLCache(_CACHED_KEYS, ttl, timer) if caching else None
        self._origins: TTLCache | None = TTLCache(1, ttl, timer) if caching else None

    async def key_for(self, authorization: str | None) -> KeyRecord | None:
        """The usable key the header names; None without a header; `Unauthenticated` otherwise."""
        if authorization is None:
            return None
        scheme, _, secret = authorization.strip().partition(" ")
        secret = secret.strip()
        if scheme.lower() != "bearer" or not secret:
            raise Unauthenticated(f"Authorization header not understood; {EXPECTED}")
        if not looks_like_key(secret):
            raise Unauthenticated(
                f"the bearer token is not an access key of this API (keys start with {PREFIX!r})"
            )
        record = await self._lookup(hash_secret(secret))
        if record is None:
            raise Unauthenticated("the access key is not valid")
        problem = record.problem(self._now())
        if problem is not None:
            raise Unauthenticated(problem)
        return record

    async def origins(self) -> frozenset[str]:
        """Origins on any active key: the browsers that may send keys at all (CORS preflight)."""
        cached = self._origins.get("all", _MISSING) if self._origins is not None else _MISSING
        if cached is not _MISSING:
            return cached
        origins = await store.active_origins(self._engine, self._now())
        if self._origins is not None:
            self._origins["all"] = origins
        return origins

    async def _lookup(self, digest: str) -> KeyRecord | None:
        cached = self._keys.get(digest, _MISSING) if self._keys is not None else _MISSING
        if cached is not _MISSING:
            return cached
        record = await store.find_key(self._engine, digest)
        if self._keys is not None:
            self._keys[digest] = record
        if record is not None and record.problem(self._now()) is None and self._stale(record):
            await self._note_use(record)
        return record

    def _stale(self, record: KeyRecord) -> bool:
        last = record.last_used_at
        return last is None or last < self._now() - store.LAST_USED_PRECISION

    async def _note_use(self, record: KeyRecord) -> None:
        # Bookkeeping must never fail a read: a locked SQLite file only costs a `last used`.
        try:
            await store.mark_used(self._engine, record.id, self._now())
        except SQLAlchemyError as error:
            logger.warning("could not note the use of access key %s: %s", record.id, error)
