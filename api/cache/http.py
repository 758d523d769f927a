"""HTTP caching of GraphQL answers: validators and who may keep an answer for how long.

- Every cacheable answer (a query answered without errors, for a caller that is not
  preview or admin) has a strong `ETag` of the content version and the body's hash,
  the same on every worker; a matching `If-None-Match` (a list, weak tags, or `*`)
  answers `304 Not Modified` without a body.
- Anonymous answers by GET, and to persisted queries, are `public` with `max-age` and
  `stale-while-revalidate`: CDNs and browsers may share them. Partner keys' answers
  depend on the key: `private, no-cache` (kept by the browser, revalidated by ETag).
  Preview and admin answers show drafts: `private, no-store`, and no ETag.
- `Vary: Accept, Authorization`, since the media type and the key change the answer.
"""

import hashlib
from dataclasses import dataclass

from schema.principal import Principal, Role

VARY = "Accept, Authorization"
NO_STORE = "private, no-store"
KEYED = "private, no-cache"


def etag_for(version: int, body: bytes) -> str:
    """A strong validator: content version plus 16 hex digits of the body's SHA-256."""
    return f'"v{version}-{hashlib.sha256(body).hexdigest()[:16]}"'


def matches_if_none_match(header: str | None, etag: str) -> bool:
    """True when `If-None-Match` names `etag` (weak comparison, RFC 9110 13.1.2) or is `*`."""
    if not header:
        return False
    if header.strip() == "*":
        return True
    return any(tag.strip().removeprefix("W/") == etag for tag in header.split(","))


def validated(principal: Principal) -> bool:
    """Whether the caller's answers get an ETag (and may be kept anywhere at all)."""
    return principal.role in (Role.PUBLIC, Role.PARTNER)


@dataclass(frozen=True)
class HttpCaching:
    """The `Cache-Control` rules, with the lifetimes from the settings."""

    max_age: int
    stale_while_revalidate: int

    @property
    def public(self) -> str:
        return (
            f"public, max-age={self.max_age}, stale-while-revalidate={self.stale_while_revalidate}"
        )

    def cache_control(self, principal: Principal, method: str, persisted: bool) -> str | None:
        """The header for a successful query's answer; None leaves the default (a POST)."""
        if principal.role is Role.PUBLIC:
            return self.public if method == "GET" or persisted else None
        if principal.role is Role.PARTNER:
            return KEYED
        return NO_STORE
