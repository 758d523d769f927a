"""Access keys in the database: create, list, revoke, find by hash, note use.

Plain functions over an engine; each runs in its own short transaction. Only
the hash of a secret is ever written (see `api.auth.tokens`).
"""

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Row, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from api.auth.spec import KeySpec, KeySpecError
from api.auth.tokens import hash_secret, hint_of, new_secret
from schema import tables
from schema.principal import Principal, Role

K = tables.AccessKey
# `last used` is written at most this often per key and process: reads stay reads.
LAST_USED_PRECISION = timedelta(minutes=1)


class UnknownKeyError(LookupError):
    """No access key has this id."""


@dataclass(frozen=True)
class KeyRecord:
    """A stored key without its secret: what `keys list` shows and requests are checked against."""

    id: int
    name: str
    role: str
    hint: str
    topics: tuple[str, ...]
    articles: tuple[str, ...]
    origins: tuple[str, ...]
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None
    last_used_at: datetime | None

    def problem(self, now: datetime) -> str | None:
        """Why this key may not be used now, or None if it may."""
        if self.revoked_at is not None:
            return f"the access key was revoked on {self.revoked_at:%Y-%m-%d}"
        if self.expires_at is not None and self.expires_at <= now:
            return f"the access key expired on {self.expires_at:%Y-%m-%d}; ask for a new one"
        return None

    def principal(self) -> Principal:
        return Principal(
            role=Role(self.role),
            name=self.name,
            topics=frozenset(self.topics),
            articles=frozenset(self.articles),
            key_id=self.id,
        )


async def create_key(engine: AsyncEngine, spec: KeySpec, now: datetime) -> tuple[KeyRecord, str]:
    """Store a new key; returns it and its secret, which exists nowhere else afterwards."""
    secret = new_secret()
    async with engine.begin() as connection:
        await _check_scope(connection, spec)
        key_id = await connection.scalar(
            insert(K)
            .values(
                name=spec.name,
                role=spec.role.value,
                secret_hash=hash_secret(secret),
                hint=hint_of(secret),
                topics=list(spec.topics),
                articles=list(spec.articles),
                origins=list(spec.origins),
                created_at=now,
                expires_at=spec.expires_at,
            )
            .returning(K.id)
        )
        record = await _one(connection, K.id == key_id)
    return record, secret


async def list_keys(engine: AsyncEngine) -> list[KeyRecord]:
    async with engine.connect() as connection:
        rows = await connection.execute(select(*_COLUMNS).order_by(K.id))
        return [_record(row) for row in rows]


async def revoke_key(engine: AsyncEngine, key_id: int, now: datetime) -> KeyRecord:
    """Revoke a key (again revoking an already revoked key changes nothing)."""
    async with engine.begin() as connection:
        await connection.execute(
            update(K).where(K.id == key_id, K.revoked_at.is_(None)).values(revoked_at=now)
        )
        record = await _one(connection, K.id == key_id)
    if record is None:
        raise UnknownKeyError(f"no access key has id {key_id}; `guide-api keys list` shows them")
    return record


async def find_key(engine: AsyncEngine, secret_hash: str) -> KeyRecord | None:
    async with engine.connect() as connection:
        return await _one(connection, K.secret_hash == secret_hash)


async def mark_used(engine: AsyncEngine, key_id: int, now: datetime) -> None:
    """Note that a key was used; skipped when it was noted less than a minute ago."""
    async with engine.begin() as connection:
        await connection.execute(
            update(K)
            .where(K.id == key_id)
            .where(or_(K.last_used_at.is_(None), K.last_used_at < now - LAST_USED_PRECISION))
            .values(last_used_at=now)
        )


async def active_origins(engine: AsyncEngine, now: datetime) -> frozenset[str]:
    """Every origin on a key that is neither revoked nor expired."""
    statement = select(K.origins).where(
        K.revoked_at.is_(None), or_(K.expires_at.is_(None), K.expires_at > now)
    )
    async with engine.connect() as connection:
        lists = (await connection.scalars(statement)).all()
    return frozenset(origin for origins in lists for origin in origins)


_COLUMNS = (
    K.id,
    K.name,
    K.role,
    K.hint,
    K.topics,
    K.articles,
    K.origins,
    K.created_at,
    K.expires_at,
    K.revoked_at,
    K.last_used_at,
)


async def _one(connection: AsyncConnection, condition: Any) -> KeyRecord | None:
    row = (await connection.execute(select(*_COLUMNS).where(condition))).first()
    return None if row is None else _record(row)


def _record(row: Row[Any]) -> KeyRecord:
    return KeyRecord(
        id=row.id,
        name=row.name,
        role=row.role,
        hint=row.hint,
        topics=tuple(row.topics),
        articles=tuple(row.articles),
        origins=tuple(row.origins),
        created_at=_utc(row.created_at),
        expires_at=_utc(row.expires_at),
        revoked_at=_utc(row.revoked_at),
        last_used_at=_utc(row.last_used_at),
    )


def _utc(moment: datetime | None) -> datetime | None:
    # SQLite hands timestamps back without a zone; they were written in UTC.
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


async def _check_scope(connection: AsyncConnection, spec: KeySpec) -> None:
    """Every topic and article slug of the scope must exist; suggest near misses."""
    problems = []
    for option, column, wanted in (
        ("--topic", tables.Topic.slug, spec.topics),
        ("--article", tables.Article.slug, spec.articles),
    ):
        if wanted:
            known = set((await connection.scalars(select(column))).all())
            problems += [_unknown(option, slug, known) for slug in wanted if slug not in known]
    if problems:
        raise KeySpecError("\n".join(problems))


def _unknown(option: str, slug: str, known: Iterable[str]) -> str:
    kind = option.removeprefix("--")
    message = f"{option} {slug!r}: unknown {kind}"
    close = difflib.get_close_matches(slug, sorted(known), n=1)
    if close:
        return f"{message}; did you mean {close[0]!r}?"
    if not known:
        return f"{message}; the database holds no {kind} yet (run `guide-api seed` first)"
    shown = sorted(known)
    more = ", …" if len(shown) > 8 else ""
    return f"{message}; known {kind}s: {', '.join(shown[:8])}{more}"
