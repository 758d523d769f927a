"""Which fields of an entity changed, named as editors write them in the files."""

from datetime import datetime
from typing import Any

from sqlalchemy import Row

from seed.existing import as_utc

# Article columns -> the front-matter field (or body part) they come from. The
# timestamps the importer keeps itself (updated_at) are not listed.
ARTICLE_FIELDS = {
    "title": "title",
    "subtitle": "subtitle",
    "status": "status",
    "locale": "locale",
    "lead_markdown": "lead",
    "hero_url": "hero",
    "hero_alt": "hero",
    "hero_caption": "hero",
    "hero_width": "hero",
    "hero_height": "hero",
    "publisher": "publisher",
    "url": "url",
    "published_at": "published_at",
    "reviewed_at": "reviewed_at",
}
SECTION_FIELDS = {"heading": "heading", "body_markdown": "body", "position": "position"}
TOPIC_FIELDS = {"name": "name", "description": "description", "position": "position"}


def changed_columns(old: Row | None, new: dict[str, Any], names: dict[str, str]) -> list[str]:
    """The field names (deduplicated, in `names` order) whose columns differ."""
    fields: list[str] = []
    for column, name in names.items():
        if column in new and _value(old, column) != new[column] and name not in fields:
            fields.append(name)
    return fields


def changed_keys(old: dict[str, Any] | None, new: dict[str, Any]) -> list[str]:
    """Keys of two mappings (e.g. CSL items) whose values differ: new order, then gone keys."""
    old = old or {}
    keys = [*new, *(key for key in old if key not in new)]
    return [key for key in keys if old.get(key) != new.get(key)]


def _value(old: Row | None, column: str) -> Any:
    value = getattr(old, column, None)
    # SQLite hands timestamps back without a zone; compare them as UTC.
    return as_utc(value) if isinstance(value, datetime) else value
