"""The difference between the files and the database, worked out by reading only.

The same plan gives the report (also in a dry run) and the writes. Rows are matched by
natural key (topic slug, reference key, article slug), so rows that stay keep their id.
"""

from datetime import datetime
from typing import Any

from sqlalchemy import Row
from sqlalchemy.ext.asyncio import AsyncConnection

from seed.articlediff import plan_articles
from seed.content import Content, Located
from seed.documents import ReferenceDoc, TopicDoc
from seed.errors import Problem
from seed.existing import citing_articles, load_existing
from seed.plan import Plan
from seed.reader import REFERENCES
from seed.report import ImportReport
from seed.rows import content_hash, reference_row, topic_row


async def make_plan(connection: AsyncConnection, content: Content, now: datetime) -> Plan:
    existing = await load_existing(connection)
    plan = Plan(
        ImportReport(),
        topic_ids={slug: row.id for slug, row in existing.topics.items()},
        reference_ids={key: row.id for key, row in existing.references.items()},
        article_ids={slug: row.id for slug, row in existing.articles.items()},
    )
    plan_topics(plan, content.topics, existing.topics)
    plan_references(plan, content.references, existing.references)
    await plan_articles(connection, plan, content.articles, existing.articles, now)
    await _keep_cited_references(connection, plan, content)
    return plan


def plan_topics(plan: Plan, topics: list[Located[TopicDoc]], existing: dict[str, Row]) -> None:
    counts = plan.report.topics
    slug_of = {row.id: slug for slug, row in existing.items()}
    for position, entry in enumerate(topics, start=1):
        row, parent = topic_row(entry, position), entry.doc.parent
        old = existing.get(entry.doc.slug)
        update = {"b_slug": row["slug"], **row, "parent": parent}
        if old is None:
            counts.created += 1
            plan.topic_inserts.append(row)
            if parent is not None:
                plan.topic_updates.append(update)  # once the parent has an id
        elif _same(old, row) and slug_of.get(old.parent_id) == parent:
            counts.unchanged += 1
        else:
            counts.updated += 1
            plan.topic_updates.append(update)
    kept = {entry.doc.slug for entry in topics}
    plan.topic_deletes = [row.id for slug, row in existing.items() if slug not in kept]
    counts.removed = len(plan.topic_deletes)


def plan_references(
    plan: Plan, references: list[Located[ReferenceDoc]], existing: dict[str, Row]
) -> None:
    counts = plan.report.references
    for entry in references:
        old = existing.get(entry.doc.id)
        if old is not None and old.content_hash == content_hash(entry.raw):
            counts.unchanged += 1
        elif old is None:
            counts.created += 1
            plan.reference_inserts.append(reference_row(entry))
        else:
            counts.updated += 1
            plan.reference_updates.append({"row_id": old.id, **reference_row(entry)})
    kept = {entry.doc.id for entry in references}
    plan.reference_deletes = [row.id for key, row in existing.items() if key not in kept]
    counts.removed = len(plan.reference_deletes)


async def _keep_cited_references(connection: AsyncConnection, plan: Plan, content: Content):
    """A reference gone from the files stays while an article outside the files (archived)
    still cites it: deleting it would silently cut that article's reference list."""
    if not plan.reference_deletes:
        return
    in_files = {article.meta.slug for article in content.articles}
    citing = await citing_articles(connection, plan.reference_deletes)
    key_of = {row_id: key for key, row_id in plan.reference_ids.items()}
    for reference_id, slugs in citing.items():
        outside = [slug for slug in slugs if slug not in in_files]
        if outside:
            plan.reference_deletes.remove(reference_id)
            plan.report.references.removed -= 1
            message = (
                f"reference {key_of[reference_id]!r} is no longer defined, but archived "
                f"article(s) {', '.join(outside)} still cite it; kept in the database"
            )
            plan.report.warnings.append(Problem(REFERENCES, "", message))


def _same(old: Row, row: dict[str, Any]) -> bool:
    return all(getattr(old, name) == value for name, value in row.items())
