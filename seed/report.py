"""What an import did (or, in a dry run, would do): counts per kind, the entities that
changed (field by field), the revision it made, and the warnings."""

from dataclasses import asdict, dataclass, field

from seed.changes import Change
from seed.errors import Problem

KINDS = ("topics", "articles", "sections", "references", "citations")
# The text report lists this many changes; --json lists them all.
SHOWN_CHANGES = 200


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0  # articles: only with --prune
    archived: int = 0  # articles only

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.removed or self.archived)


@dataclass
class ImportReport:
    topics: Counts = field(default_factory=Counts)
    articles: Counts = field(default_factory=Counts)
    sections: Counts = field(default_factory=Counts)
    references: Counts = field(default_factory=Counts)
    citations: Counts = field(default_factory=Counts)
    warnings: list[Problem] = field(default_factory=list)
    dry_run: bool = False
    # Every created, updated or removed entity, in the order written; ids once written.
    changes: list[Change] = field(default_factory=list)
    # Changes the feed records besides: sections and references whose article's status
    # moved (their own content did not change).
    followers: list[Change] = field(default_factory=list)
    # The revision this import made; None in a dry run or when nothing changed.
    revision: int | None = None

    def counts(self, kind: str) -> Counts:
        return getattr(self, kind)

    @property
    def changed(self) -> bool:
        """Whether the import wrote (or in a dry run would write) anything."""
        return any(self.counts(kind).changed for kind in KINDS)

    def summary(self) -> str:
        """One line, e.g. 'articles: 1 updated; sections: 1 updated' ('no changes')."""
        parts = []
        for kind in KINDS:
            counts = self.counts(kind)
            numbers = [
                f"{getattr(counts, name)} {'deleted' if name == 'removed' else name}"
                for name in ("created", "updated", "archived", "removed")
                if getattr(counts, name)
            ]
            if numbers:
                parts.append(f"{kind}: {', '.join(numbers)}")
        return "; ".join(parts) or "no changes"

    def change_lines(self) -> list[str]:
        """One line per changed entity, e.g. 'topic x added'."""
        return [change.describe() for change in self.changes if _worth_a_line(change)]

    def format(self) -> str:
        """What the command line prints: counts per kind, the changes, then the warnings."""
        lines = ["dry run: nothing was written"] if self.dry_run else []
        for kind in KINDS:
            lines.append(f"{kind}: {_count_line(kind, self.counts(kind))}")
        shown = self.change_lines()
        if shown:
            lines.append("changes:")
            lines += [f"  {line}" for line in shown[:SHOWN_CHANGES]]
            if len(shown) > SHOWN_CHANGES:
                lines.append(f"  … and {len(shown) - SHOWN_CHANGES} more (--json lists all)")
        if self.revision is not None:
            lines.append(f"revision {self.revision}")
        if self.warnings:
            lines.append(f"{len(self.warnings)} warning{'s' if len(self.warnings) != 1 else ''}:")
            lines += [f"  {warning}" for warning in self.warnings]
        return "\n".join(lines)

    def as_dict(self) -> dict:
        """JSON-ready: {"dry_run", "revision", "topics": {"created", …}, …, "changes": [{"kind",
        "key", "action", "fields", "global_id", …}], "warnings": [{"file", …}]}.

        Articles have "archived" (gone from the files) and "removed" (deleted by --prune).
        """
        data: dict = {"dry_run": self.dry_run, "revision": self.revision}
        for kind in KINDS:
            counts = asdict(self.counts(kind))
            if kind != "articles":
                counts.pop("archived")
            data[kind] = counts
        data["changes"] = [change.as_dict() for change in self.changes]
        data["warnings"] = [warning.as_dict() for warning in self.warnings]
        return data


def _count_line(kind: str, counts: Counts) -> str:
    last = "archived" if kind == "articles" else "removed"
    numbers = [f"{getattr(counts, name)} {name}" for name in ("created", "updated", "unchanged")]
    numbers.append(f"{getattr(counts, last)} {last}")
    if kind == "articles" and counts.removed:
        numbers.append(f"{counts.removed} deleted")
    return ", ".join(numbers)


def _worth_a_line(change: Change) -> bool:
    # An article whose only changes are in its sections: the section lines say it.
    return not (change.kind == "article" and change.action == "updated" and not change.fields)
