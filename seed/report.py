"""What an import did (or, in a dry run, would do): counts per kind, the entities that
changed (field by field), the revision it made, and the warnings."""

from dataclasses import asdict, dataclass, field

from seed.changes import Change
from seed.errors import Problem

KINDS = ("topics", "articles", "sections", "references", "citations")
# The text report lists this many changes.
SHOWN_CHANGES = 200
# The report keeps this many (the first in reading order) for --json, and counts the rest:
# an import of 100,000 articles changes about a million entities, too many to hold. The
# revision's change rows record every one (seed.record).
KEPT_CHANGES = 10_000


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

    def add(self, other: "Counts") -> None:
        for name, number in asdict(other).items():
            setattr(self, name, getattr(self, name) + number)


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
    # At most KEPT_CHANGES of them once parts are added (`add`): `more_changes` counts the rest.
    changes: list[Change] = field(default_factory=list)
    more_changes: int = 0
    # Changes the feed records besides: sections and references whose article's status
    # moved (their own content did not change).
    followers: list[Change] = field(default_factory=list)
    # The revision this import made; None in a dry run or when nothing changed.
    revision: int | None = None

    def counts(self, kind: str) -> Counts:
        return getattr(self, kind)

    def add(self, part: "ImportReport") -> None:
        """Count in the report of one part of the import (e.g. a batch of articles), keeping
        its listed changes while there are fewer than KEPT_CHANGES; not its followers."""
        for kind in KINDS:
            self.counts(kind).add(part.counts(kind))
        room = max(KEPT_CHANGES - len(self.changes), 0)
        self.changes += part.changes[:room]
        self.more_changes += part.more_changes + max(len(part.changes) - room, 0)
        self.warnings += part.warnings

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
            more = max(len(shown) - SHOWN_CHANGES, 0) + self.more_changes
            if more:
                lines.append(f"  … and {more} more ({_json_lists(self)})")
        if self.revision is not None:
            lines.append(f"revision {self.revision}")
        if self.warnings:
            lines.append(f"{len(self.warnings)} warning{'s' if len(self.warnings) != 1 else ''}:")
            lines += [f"  {warning}" for warning in self.warnings]
        return "\n".join(lines)

    def as_dict(self) -> dict:
        """JSON-ready: {"dry_run", "revision", "topics": {"created", …}, …, "changes": [{"kind",
        "key", "action", "fields", "global_id", …}], "more_changes", "warnings": [{"file", …}]}.

        Articles have "archived" (gone from the files) and "removed" (deleted by --prune).
        """
        data: dict = {"dry_run": self.dry_run, "revision": self.revision}
        for kind in KINDS:
            counts = asdict(self.counts(kind))
            if kind != "articles":
                counts.pop("archived")
            data[kind] = counts
        data["changes"] = [change.as_dict() for change in self.changes]
        data["more_changes"] = self.more_changes
        data["warnings"] = [warning.as_dict() for warning in self.warnings]
        return data


def _json_lists(report: ImportReport) -> str:
    if not report.more_changes:
        return "--json lists all"
    return f"--json lists the first {KEPT_CHANGES:,}; the revision records all"


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
