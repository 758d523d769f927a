"""Persisted queries: clients send the SHA-256 of a registered query instead of its text.

- `registry`: the registered queries (the documented frontend queries, at start).
- `lookup`: turning a request's hash (Apollo's `persistedQuery` extension, `id`
  or `documentId`) into the query text, with Apollo's error codes.
"""

from api.persisted.lookup import PersistedQueries, Resolved
from api.persisted.registry import QueryRegistry, sha256_of

__all__ = ["PersistedQueries", "QueryRegistry", "Resolved", "sha256_of"]
