"""HTTP headers of embed responses: content security, framing, caching, ETags.

Embeds are made to be framed by other sites, so `frame-ancestors` allows any
origin, unless the request carries a partner key that names its origins; then
only those may frame the answer. Responses that depend on a key are private.
"""

import hashlib

from starlette.datastructures import Headers

from schema.principal import ANONYMOUS, Principal

PUBLIC_MAX_AGE = 300

# No scripts, no fetches, no forms, no plugins: inline styles are the only thing an embed loads.
_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors {ancestors}"
)


def frame_ancestors(principal: Principal) -> str:
    """`*` for everyone; a partner key's own origins when the key lists any."""
    # Keys that name origins (schema.principal.Principal.origins) restrict framing to them.
    origins = sorted(getattr(principal, "origins", ()) or ())
    return " ".join(origins) if origins else "*"


def security_headers(principal: Principal) -> dict[str, str]:
    """Headers every embed answer carries, errors included."""
    return {
        "Content-Security-Policy": _CSP.format(ancestors=frame_ancestors(principal)),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
    }


def cache_headers(principal: Principal) -> dict[str, str]:
    """Shared caches may keep anonymous answers for five minutes; keyed ones are private."""
    public = principal == ANONYMOUS
    control = f"public, max-age={PUBLIC_MAX_AGE}" if public else "private, no-cache"
    return {"Cache-Control": control, "Vary": "Authorization"}


def etag_of(body: bytes) -> str:
    """A strong validator: the same bytes always give the same tag, on every worker."""
    return f'"{hashlib.sha256(body).hexdigest()[:32]}"'


def not_modified(request_headers: Headers, etag: str) -> bool:
    """True when If-None-Match names `etag` (weak comparison, as RFC 9110 asks for GET)."""
    header = request_headers.get("if-none-match")
    if not header:
        return False
    if header.strip() == "*":
        return True
    candidates = {tag.strip().removeprefix("W/") for tag in header.split(",")}
    return etag in candidates
