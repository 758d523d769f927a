"""CORS: which browser origins may call the API, per access key.

Policy (docs/access.md):
- Anonymous requests are open to every origin (`Access-Control-Allow-Origin: *`,
  no credentials): they read only published content, which is public anyway.
  `GUIDE_PUBLIC_CORS=false` turns that off.
- A request with a key is allowed from a browser only from the origins the key
  was issued with (`--origin`); the answer names that one origin.
- A preflight carries no Authorization header, so it cannot name its key: a
  preflight asking to send `Authorization` is answered for any origin found on
  any active key, and the actual request is then checked against its own key.

Starlette's CORSMiddleware knows one fixed origin list, not one per key,
hence this small module.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from starlette.datastructures import Headers

from api.auth.errors import Forbidden

METHODS = ("GET", "POST")
PUBLIC_HEADERS = ("accept", "content-type")
KEY_HEADERS = (*PUBLIC_HEADERS, "authorization")
# Browsers cache a preflight answer this long (seconds); Chromium caps it at 7200.
MAX_AGE = "600"


@dataclass(frozen=True)
class CrossOrigin:
    """The Origin of a cross-origin request (same-origin requests never get one)."""

    origin: str

    @classmethod
    def of(cls, headers: Headers) -> "CrossOrigin | None":
        origin = headers.get("origin")
        if origin is None or urlsplit(origin).netloc == headers.get("host"):
            return None
        return cls(origin)

    def allow(self) -> dict[str, str]:
        """Headers letting this one origin read the answer."""
        return {"Access-Control-Allow-Origin": self.origin, "Vary": "Origin"}


def is_preflight(method: str, headers: Headers) -> bool:
    return method == "OPTIONS" and "access-control-request-method" in headers


def preflight(
    cross: CrossOrigin, headers: Headers, *, key_origins: frozenset[str], public: bool
) -> dict[str, str]:
    """Headers of the answer to a preflight, or `Forbidden` naming what is not allowed."""
    method = headers["access-control-request-method"].strip().upper()
    if method not in METHODS:
        raise Forbidden(f"CORS: method {method} is not allowed; use GET or POST")
    asked = {
        name.strip().lower()
        for name in headers.get("access-control-request-headers", "").split(",")
    }
    asked.discard("")
    wants_key = "authorization" in asked
    unknown = asked - set(KEY_HEADERS)
    if unknown:
        raise Forbidden(
            f"CORS: request headers {', '.join(sorted(unknown))} are not allowed; "
            f"allowed: {', '.join(KEY_HEADERS)}"
        )
    known = cross.origin in key_origins
    if wants_key and not known:
        raise Forbidden(
            f"CORS: origin {cross.origin} may not send access keys; "
            "ask for a key issued for this origin"
        )
    if not (known or public):
        raise Forbidden(f"CORS: origin {cross.origin} is not allowed")
    allowed_origin = cross.allow() if known else {"Access-Control-Allow-Origin": "*"}
    return {
        **allowed_origin,
        "Vary": "Origin",
        "Access-Control-Allow-Methods": ", ".join(METHODS),
        "Access-Control-Allow-Headers": ", ".join(KEY_HEADERS if known else PUBLIC_HEADERS),
        "Access-Control-Max-Age": MAX_AGE,
    }


def for_key(cross: CrossOrigin, origins: tuple[str, ...], key_name: str) -> dict[str, str]:
    """Headers for an answer to a request with a key; `Forbidden` from other origins."""
    if cross.origin not in origins:
        raise Forbidden(
            f"the access key {key_name!r} may not be used from origin {cross.origin}; "
            "it was issued for " + (", ".join(origins) or "no browser origin")
        )
    return cross.allow()


def for_anonymous(public: bool) -> dict[str, str]:
    """Headers for an answer to a request without a key."""
    return {"Access-Control-Allow-Origin": "*"} if public else {}
