"""The answers themselves: encoded bytes, bounded in bytes, dropped when content changes.

Each process keeps its own `ResponseCache`. An entry is the final response body
with its status, extra headers and ETag, so a hit returns bytes without parsing,
validating, executing or touching the database. Entries are evicted least
recently used first when the total would pass `max_bytes`, and all of them are
dropped when the content version moves (`ContentWatch.on_change`), so no answer
outlives the content it was computed from.
"""

from dataclasses import dataclass

from cachetools import LRUCache

from api.cache.key import CacheKey

# Bookkeeping per entry besides the body and key texts (tuple, dataclass, dict slot).
ENTRY_OVERHEAD = 512


@dataclass(frozen=True, slots=True)
class CachedAnswer:
    body: bytes
    status: int
    # Headers the operation set (raw ASGI pairs), besides those every answer gets.
    headers: tuple[tuple[bytes, bytes], ...]
    etag: str
    size: int  # bytes counted against the bound: body, key texts, overhead
    # The operation's name as the request log and metrics show it (a hit runs no extension).
    operation: str | None = None


def entry_size(key: CacheKey, body: bytes) -> int:
    _version, _scope, query, variables, operation = key
    return len(body) + len(query) + len(variables) + len(operation or "") + ENTRY_OVERHEAD


class ResponseCache:
    """Answers by `api.cache.key` key; `enabled=False` makes every lookup miss."""

    def __init__(self, max_bytes: int, *, enabled: bool = True) -> None:
        self.enabled = enabled and max_bytes > 0
        self._entries: LRUCache[CacheKey, CachedAnswer] = LRUCache(
            maxsize=max(max_bytes, 1), getsizeof=lambda answer: answer.size
        )

    @property
    def max_bytes(self) -> int:
        return self._entries.maxsize

    @property
    def bytes(self) -> int:
        """Bytes held now (never more than `max_bytes`)."""
        return self._entries.currsize

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: CacheKey | None) -> CachedAnswer | None:
        if key is None or not self.enabled:
            return None
        return self._entries.get(key)

    def put(self, key: CacheKey | None, answer: CachedAnswer) -> None:
        """Keep `answer`, evicting the least recently used; too large an answer is not kept."""
        if key is None or not self.enabled or answer.size > self._entries.maxsize:
            return
        self._entries[key] = answer

    def clear(self, _version: int | None = None) -> None:
        """Drop every entry (a `ContentWatch.on_change` hook)."""
        self._entries.clear()
