"""The answers themselves: encoded bytes, bounded in bytes, dropped when content changes.

Each process keeps its own `ResponseCache`. An entry is the final response body
with its status, extra headers and ETag, so a hit returns bytes without parsing,
validating, executing or touching the database. Entries are evicted least
recently used first when the total would pass `max_bytes`, and all of them are
dropped when the content version moves (`ContentWatch.on_change`), so no answer
outlives the content it was computed from.

The same bounded LRU also holds the fast layer's index (`api.cache.fast`): raw
HTTP requests mapped to the key of the answer they got, with that answer's
headers. Index entries count their own bytes (raw request, headers) against the
one bound, but never the body, which only the answer entry holds: an index entry
whose answer was evicted or dropped finds nothing, and the request goes the
normal way. `clear` drops both kinds at once.
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


@dataclass(frozen=True, slots=True)
class FastEntry:
    """What a raw request was answered with: the answer's key and the headers around it."""

    key: CacheKey  # the answer entry (and, in it, the content version)
    etag: str  # the answer this entry was recorded for; another one under the key is not it
    headers: tuple[tuple[bytes, bytes], ...]  # of the 200 answer, with `X-Cache: hit`
    not_modified: tuple[tuple[bytes, bytes], ...]  # of the 304 answer to a matching If-None-Match
    size: int  # bytes counted against the bound: raw request, headers, overhead


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
        """Entries held: answers and index entries."""
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

    def remember(self, raw: tuple, entry: FastEntry) -> None:
        """Index a raw request by the answer it got, while that answer is still held."""
        if not self.enabled or entry.size > self._entries.maxsize:
            return
        answer = self._entries.get(entry.key)
        if isinstance(answer, CachedAnswer) and answer.etag == entry.etag:
            self._entries[raw] = entry

    def recall(self, raw: tuple) -> tuple[FastEntry, CachedAnswer] | None:
        """The index entry of a raw request and the answer it points at, when both are held."""
        entry = self._entries.get(raw)
        if entry is None:
            return None
        answer = self._entries.get(entry.key)
        if answer is None or answer.etag != entry.etag:
            return None
        return entry, answer

    def clear(self, _version: int | None = None) -> None:
        """Drop every entry (a `ContentWatch.on_change` hook)."""
        self._entries.clear()
