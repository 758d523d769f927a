"""What an import did (or, in a dry run, would do): counts per kind and the warnings."""

from dataclasses import asdict, dataclass, field

from seed.errors import Problem

KINDS = ("topics", "articles", "sections", "references", "citations")


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    archived: int = 0  # articles only: they are never deleted

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

    def counts(self, kind: str) -> Counts:
        return getattr(self, kind)

    @property
    def changed(self) -> bool:
        """Whether the import wrote (or in a dry run would write) anything."""
        return any(self.counts(kind).changed for kind in KINDS)

    def format(self) -> str:
        """The summary the command line prints: one line per kind, then the warnings."""
        lines = ["dry run: nothing was written"] if self.dry_run else []
        for kind in KINDS:
            counts = self.counts(kind)
            last = "archived" if kind == "articles" else "removed"
            numbers = [
                f"{getattr(counts, name)} {name}"
                for name in ("created", "updated", "unchanged", last)
            ]
            lines.append(f"{kind}: {', '.join(numbers)}")
        if self.warnings:
            lines.append(f"{len(self.warnings)} warning{'s' if len(self.warnings) != 1 else ''}:")
            lines += [f"  {warning}" for warning in self.warnings]
        return "\n".join(lines)

    def as_dict(self) -> dict:
        """JSON-ready: {"dry_run", "topics": {"created", …}, …, "warnings": [{"file", …}]}.

        Articles have "archived" instead of "removed": they are never deleted.
        """
        data: dict = {"dry_run": self.dry_run}
        for kind in KINDS:
            counts = asdict(self.counts(kind))
            counts.pop("removed" if kind == "articles" else "archived")
            data[kind] = counts
        data["warnings"] = [warning.as_dict() for warning in self.warnings]
        return data
