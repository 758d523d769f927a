"""The per-process response cache and the HTTP caching rules of GraphQL answers.

- `key`: what makes two requests the same (content version, query text without
  insignificant whitespace, variables, operation name, the caller's visibility scope);
- `store`: the encoded answers, bounded in bytes (LRU), dropped on every new content version;
- `http`: ETags, `If-None-Match`, and the `Cache-Control` each caller's answer gets.

See docs/caching.md.
"""

from api.cache.http import HttpCaching, etag_for, matches_if_none_match
from api.cache.key import CacheKey, cache_key, normalise_query, visibility_scope
from api.cache.store import CachedAnswer, ResponseCache

__all__ = [
    "CacheKey",
    "CachedAnswer",
    "HttpCaching",
    "ResponseCache",
    "cache_key",
    "etag_for",
    "matches_if_none_match",
    "normalise_query",
    "visibility_scope",
]
