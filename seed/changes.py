"""One changed entity: what the dry run prints, the change feed records, webhooks send.

article knochenmetastasen-verstehen: section kernaussage body changed
reference coleman-2020-esmo-bone-health: URL changed
topic knochengesundheit added
"""

from dataclasses import dataclass, field

from strawberry.relay import to_base64

KINDS = ("topic", "reference", "article", "section")
ACTIONS = ("created", "updated", "removed")
# GraphQL type of each kind, for Relay global ids.
TYPE_NAMES = {
    "topic": "Topic",
    "reference": "Reference",
    "article": "Article",
    "section": "Section",
}


@dataclass
class Change:
    """One entity created, updated or removed; `fields` names what changed in an update.

    Entities of the files are named by their natural key (`key`; sections by anchor and
    `article` slug). `entity_id` is the row id, known once written. Articles and sections
    carry the article's status before and after, which decides who may see the change.
    Changes with `listed=False` only tell the feed that an entity's visibility may have
    moved (the sections of an article that was published); the report does not list them.
    """

    kind: str
    key: str
    action: str
    fields: list[str] = field(default_factory=list)
    article: str | None = None
    entity_id: int | None = None
    status_before: str | None = None
    status_after: str | None = None
    note: str | None = None
    listed: bool = True

    @property
    def global_id(self) -> str | None:
        if self.entity_id is None:
            return None
        return to_base64(TYPE_NAMES[self.kind], self.entity_id)

    def describe(self) -> str:
        """One line for people, e.g. 'article x: section kernaussage body changed'."""
        what = {"created": "added", "removed": "removed"}.get(self.action)
        if what is None:
            what = f"{', '.join(self.fields) or 'content'} changed"
        if self.note:
            what = f"{what} ({self.note})"
        if self.kind == "section":
            return f"article {self.article}: section {self.key} {what}"
        separator = " " if self.action != "updated" else ": "
        return f"{self.kind} {self.key}{separator}{what}"

    def as_dict(self) -> dict:
        """JSON-ready: kind, key, action, fields, article (sections), globalId (once written)."""
        data = {"kind": self.kind, "key": self.key, "action": self.action, "fields": self.fields}
        if self.article is not None:
            data["article"] = self.article
        if self.note:
            data["note"] = self.note
        data["global_id"] = self.global_id
        return data
