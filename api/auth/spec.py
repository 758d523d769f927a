"""What a new access key should be: checked and normalised before anything is written.

`key_spec` collects every problem with the request (role, name, scope,
origins, expiry) and raises one `KeySpecError` naming them all; whether the
scope's topic and article slugs exist is checked by the store, against the
database.
"""

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from urllib.parse import urlsplit

from schema.tables import KeyRole

DEFAULT_EXPIRY = "90d"
_DURATION = re.compile(r"(\d{1,5})([hdw])")
_UNITS = {"h": "hours", "d": "days", "w": "weeks"}
_DEFAULT_PORTS = {"http": 80, "https": 443}
ROLES = ", ".join(role.value for role in KeyRole)


class KeySpecError(ValueError):
    """The key cannot be created as asked; the message names each problem."""


@dataclass(frozen=True)
class KeySpec:
    name: str
    role: KeyRole
    topics: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()
    origins: tuple[str, ...] = ()
    expires_at: datetime | None = None


def key_spec(
    *,
    name: str,
    role: str,
    topics: list[str] | None = None,
    articles: list[str] | None = None,
    origins: list[str] | None = None,
    expires: str = DEFAULT_EXPIRY,
    now: datetime,
) -> KeySpec:
    """A checked `KeySpec`, or `KeySpecError` listing every problem (one per line)."""
    problems: list[str] = []

    def check(convert, *args):
        try:
            return convert(*args)
        except KeySpecError as error:
            problems.append(str(error))
            return None

    role_value = check(parse_role, role)
    name = name.strip()
    if not name or len(name) > 200:
        problems.append("--name: give the key a name of 1 to 200 characters, e.g. the partner's")
    topics = _unique(topics or [])
    articles = _unique(articles or [])
    if role_value is KeyRole.PARTNER and not (topics or articles):
        problems.append("--role partner needs a scope: at least one --topic SLUG or --article SLUG")
    if role_value not in (None, KeyRole.PARTNER) and (topics or articles):
        problems.append(f"--topic and --article limit partner keys only; a {role} key sees all")
    normalised = [check(normalise_origin, origin) for origin in origins or []]
    expires_at = check(parse_expiry, expires, now)
    if problems:
        raise KeySpecError("\n".join(problems))
    return KeySpec(
        name=name,
        role=role_value,
        topics=tuple(topics),
        articles=tuple(articles),
        origins=tuple(_unique(normalised)),
        expires_at=expires_at,
    )


def parse_role(value: str) -> KeyRole:
    try:
        return KeyRole(value.strip().lower())
    except ValueError:
        raise KeySpecError(f"--role {value!r}: unknown role; use one of {ROLES}") from None


def normalise_origin(value: str) -> str:
    """`scheme://host[:port]` as browsers send it in the Origin header (default port dropped)."""
    example = "use scheme://host[:port], e.g. https://portal.example"
    parts = urlsplit(value.strip())
    if parts.scheme not in _DEFAULT_PORTS or not parts.hostname:
        raise KeySpecError(f"--origin {value!r}: not a web origin; {example}")
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username:
        bare = f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}"
        raise KeySpecError(f"--origin {value!r}: an origin has no path, query or user; use {bare}")
    try:
        port = parts.port
        host = parts.hostname.encode("idna").decode("ascii")
    except (ValueError, UnicodeError):
        raise KeySpecError(f"--origin {value!r}: bad host or port; {example}") from None
    if ":" in host:  # IPv6
        host = f"[{host}]"
    if port is not None and port != _DEFAULT_PORTS[parts.scheme]:
        host = f"{host}:{port}"
    return f"{parts.scheme}://{host}"


def parse_expiry(value: str, now: datetime) -> datetime | None:
    """`90d`, `12w`, `48h`, an ISO date (the key stops working when that day begins, UTC),
    an ISO timestamp, or `never`."""
    value = value.strip()
    if value.lower() == "never":
        return None
    duration = _DURATION.fullmatch(value)
    if duration:
        amount, unit = duration.groups()
        moment = now + timedelta(**{_UNITS[unit]: int(amount)})
    else:
        moment = _parse_moment(value)
    if moment <= now:
        raise KeySpecError(f"--expires {value!r}: lies in the past; give a later date")
    return moment


def _parse_moment(value: str) -> datetime:
    try:
        if len(value) == 10:
            return datetime.combine(date.fromisoformat(value), time(), tzinfo=UTC)
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise KeySpecError(
            f"--expires {value!r}: use a duration (90d, 12w, 48h), a date (2026-12-31), "
            "a timestamp (2026-12-31T18:00:00+01:00) or never"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _unique(values: list[str | None]) -> list[str]:
    """Non-empty values in first-seen order, without repeats."""
    return list(dict.fromkeys(value.strip() for value in values if value and value.strip()))
