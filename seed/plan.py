"""The writes an import needs: rows to insert, update and delete, per table."""

from dataclasses import dataclass, field
from typing import Any

from seed.report import ImportReport


@dataclass
class Plan:
    """Rows per table. Update rows carry the id as `row_id`; rows that belong to an
    article not inserted yet name it by `article` slug; topic parents are slugs.

    The `*_ids` maps give the id of each natural key: the existing rows' when planned,
    the inserted rows' are added while writing.
    """

    report: ImportReport
    topic_ids: dict[str, int] = field(default_factory=dict)
    reference_ids: dict[str, int] = field(default_factory=dict)
    article_ids: dict[str, int] = field(default_factory=dict)
    topic_inserts: list[dict[str, Any]] = field(default_factory=list)
    topic_updates: list[dict[str, Any]] = field(default_factory=list)
    topic_deletes: list[int] = field(default_factory=list)
    reference_inserts: list[dict[str, Any]] = field(default_factory=list)
    reference_updates: list[dict[str, Any]] = field(default_factory=list)
    reference_deletes: list[int] = field(default_factory=list)
    article_inserts: list[dict[str, Any]] = field(default_factory=list)
    article_updates: list[dict[str, Any]] = field(default_factory=list)
    article_archives: list[int] = field(default_factory=list)
    article_deletes: list[int] = field(default_factory=list)  # --prune
    section_inserts: list[dict[str, Any]] = field(default_factory=list)
    section_updates: list[dict[str, Any]] = field(default_factory=list)
    section_deletes: list[int] = field(default_factory=list)
    # Article slug -> its complete new list; the old one is replaced.
    citations: dict[str, list[str]] = field(default_factory=dict)
    article_topics: dict[str, list[str]] = field(default_factory=dict)
    # (article slug, anchor) -> id of each inserted section, filled while writing.
    section_ids: dict[tuple[str, str], int] = field(default_factory=dict)
    # References whose visibility may have moved (cited by an article that was created,
    # published, archived or re-cited): the change feed re-announces them.
    touched_references: set[str] = field(default_factory=set)

    def part(self) -> "Plan":
        """An empty plan for one more part of the import (a batch of articles), with its own
        report and sharing this plan's ids, so the ids each part writes serve the next."""
        return Plan(
            ImportReport(),
            topic_ids=self.topic_ids,
            reference_ids=self.reference_ids,
            article_ids=self.article_ids,
        )
