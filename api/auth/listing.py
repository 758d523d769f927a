"""How keys are shown to people (`guide-api keys …`): a table, JSON, a scope line.

Never a secret: records hold only the hint, the key's first characters.
"""

from datetime import datetime

from api.auth.store import KeyRecord

COLUMNS = ("id", "name", "role", "scope", "origins", "created", "expires", "revoked", "last used")


def scope_text(record: KeyRecord) -> str:
    if record.role == "admin":
        return "everything"
    if record.role == "preview":
        return "all articles, drafts included"
    parts = [f"topic {slug}" for slug in record.topics]
    parts += [f"article {slug}" for slug in record.articles]
    return ", ".join(parts)


def format_keys(records: list[KeyRecord], now: datetime) -> str:
    """An aligned text table, one key per line; expired keys are marked."""
    if not records:
        return "No access keys yet. Create one with `guide-api keys create` (see --help)."
    rows = [COLUMNS, *(_row(record, now) for record in records)]
    widths = [max(len(row[column]) for row in rows) for column in range(len(COLUMNS))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        for row in rows
    ]
    return "\n".join(line.rstrip() for line in lines)


def as_dict(record: KeyRecord) -> dict:
    def moment(value: datetime | None) -> str | None:
        return None if value is None else value.isoformat()

    return {
        "id": record.id,
        "name": record.name,
        "role": record.role,
        "hint": record.hint,
        "topics": list(record.topics),
        "articles": list(record.articles),
        "origins": list(record.origins),
        "created_at": moment(record.created_at),
        "expires_at": moment(record.expires_at),
        "revoked_at": moment(record.revoked_at),
        "last_used_at": moment(record.last_used_at),
    }


def _row(record: KeyRecord, now: datetime) -> tuple[str, ...]:
    expires = "never" if record.expires_at is None else _day(record.expires_at)
    if record.expires_at is not None and record.expires_at <= now:
        expires += " (expired)"
    return (
        str(record.id),
        f"{record.name} ({record.hint}…)",
        record.role,
        scope_text(record),
        ", ".join(record.origins) or "-",
        _day(record.created_at),
        expires,
        "-" if record.revoked_at is None else _day(record.revoked_at),
        "never" if record.last_used_at is None else f"{record.last_used_at:%Y-%m-%d %H:%M}",
    )


def _day(moment: datetime) -> str:
    return f"{moment:%Y-%m-%d}"
