"""Access keys and roles: who may read what, from which browser origin.

- `tokens`: making, recognising and hashing key secrets;
- `spec`: checking what a new key should be (role, scope, origins, expiry);
- `store`: keys in the database;
- `resolver`: Authorization header → key, cached per process for a few seconds;
- `cors`: per-key browser origins;
- `middleware`: `AccessMiddleware`, which puts the caller's Principal into
  `request.state.principal`.

See docs/access.md.
"""

from api.auth.middleware import AccessMiddleware
from api.auth.resolver import KeyResolver

__all__ = ["AccessMiddleware", "KeyResolver"]
