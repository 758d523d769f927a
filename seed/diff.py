"""The difference between the files and the database, worked out by reading only.

The same plan gives the report (also in a dry run) and the writes. Rows are matched by
natural key (topic slug, reference key, article slug), so rows that stay keep their id.
"""

from sqlalchemy import Row, select
from sqlalchemy.ext.asyncio import AsyncConnection

from seed.changes import Change
from seed.content import Content, Located
from seed.documents import ReferenceDoc, TopicDoc
from seed.errors import Problem
from seed.existing import REFERENCE, Existing, chunks, citing_articles
from seed.fielddiff import TOPIC_FIELDS, changed_columns, changed_keys
from seed.plan import Plan
from seed.reader import REFERENCES
from seed.report import ImportReport
from seed.rows import content_hash, reference_row, topic_row


async def plan_files(
    connection: AsyncConnection, content: Content, existing: Existing, *, prune: bool = False
) -> Plan:
    """The plan of the topics and references, holding the ids of every existing row; the
    articles are planned batch by batch (seed.articlediff), in plans sharing these ids."""
    plan = Plan(
        ImportReport(),
        topic_ids={slug: row.id for slug, row in existing.topics.items()},
        reference_ids={key: row.id for key, row in existing.references.items()},
        article_ids={slug: row.id for slug, row in existing.articles.items()},
    )
    plan_topics(plan, content.topics, existing.topics)
    plan_references(plan, content.references, existing.references)
    await _name_reference_fields(connection, plan)
    if not prune:
        await _keep_cited_references(connection, plan, content)
    _removed_references(plan, existing.references)
    return plan


def plan_topics(plan: Plan, topics: list[Located[TopicDoc]], existing: dict[str, Row]) -> None:
    counts, changes = plan.report.topics, plan.report.changes
    slug_of = {row.id: slug for slug, row in existing.items()}
    for position, entry in enumerate(topics, start=1):
        row, parent = topic_row(entry, position), entry.doc.parent
        old = existing.get(entry.doc.slug)
        update = {"b_slug": row["slug"], **row, "parent": parent}
        if old is None:
            counts.created += 1
            plan.topic_inserts.append(row)
            changes.append(Change("topic", row["slug"], "created"))
            if parent is not None:
                plan.topic_updates.append(update)  # once the parent has an id
            continue
        fields = changed_columns(old, row, TOPIC_FIELDS)
        if slug_of.get(old.parent_id) != parent:
            fields.append("parent")
        if not fields:
            counts.unchanged += 1
        else:
            counts.updated += 1
            plan.topic_updates.append(update)
            changes.append(Change("topic", row["slug"], "updated", fields, entity_id=old.id))
    kept = {entry.doc.slug for entry in topics}
    for slug, row in existing.items():
        if slug not in kept:
            plan.topic_deletes.append(row.id)
            changes.append(Change("topic", slug, "removed", entity_id=row.id))
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
            plan.report.changes.append(Change("reference", entry.doc.id, "created"))
        else:
            counts.updated += 1
            plan.reference_updates.append({"row_id": old.id, **reference_row(entry)})
    kept = {entry.doc.id for entry in references}
    plan.reference_deletes = [row.id for key, row in existing.items() if key not in kept]
    counts.removed = len(plan.reference_deletes)


async def _name_reference_fields(connection: AsyncConnection, plan: Plan) -> None:
    """A change per updated reference, naming the CSL fields (as in the file) that differ."""
    ids = [row["row_id"] for row in plan.reference_updates]
    old_csl: dict[int, dict] = {}
    for chunk in chunks(ids):
        statement = select(REFERENCE.c.id, REFERENCE.c.csl).where(REFERENCE.c.id.in_(chunk))
        old_csl.update((row.id, row.csl) for row in await connection.execute(statement))
    for row in plan.reference_updates:
        fields = changed_keys(old_csl.get(row["row_id"]), row["csl"]) or ["content"]
        change = Change("reference", row["key"], "updated", fields, entity_id=row["row_id"])
        plan.report.changes.append(change)


async def _keep_cited_references(connection: AsyncConnection, plan: Plan, content: Content):
    """A reference gone from the files stays while an article outside the files (archived)
    still cites it: deleting it would silently cut that article's reference list."""
    if not plan.reference_deletes:
        return
    in_files = {article.slug for article in content.articles}
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


def _removed_references(plan: Plan, existing: dict[str, Row]) -> None:
    deleted = set(plan.reference_deletes)
    for key, row in existing.items():
        if row.id in deleted:
            plan.report.changes.append(Change("reference", key, "removed", entity_id=row.id))


def reference_followers(
    touched: set[str], reference_ids: dict[str, int], named: set[str]
) -> list[Change]:
    """Feed-only changes for the `touched` references, whose citing articles moved (all
    but those `named` by a change of their own)."""
    followers = []
    for key in sorted(touched - named):
        if key in reference_ids:  # new references are announced as created anyway
            change = Change("reference", key, "updated", entity_id=reference_ids[key])
            change.listed = False
            followers.append(change)
    return followers


def settle_changes(report: ImportReport) -> None:
    """Split the report's changes into the listed ones, in reading order, and followers."""
    report.followers += [change for change in report.changes if not change.listed]
    listed = [change for change in report.changes if change.listed]
    report.changes = sorted(listed, key=_reading_order)


_KIND_ORDER = {"topic": 0, "reference": 1, "article": 2, "section": 2}


def _reading_order(change: Change) -> tuple[int, str, bool]:
    """Topics and references in file order, then articles by slug, each followed by its
    sections (the sort is stable: otherwise the order of planning)."""
    rank = _KIND_ORDER[change.kind]
    article = change.article or change.key if rank == _KIND_ORDER["article"] else ""
    return rank, article, change.kind == "section"
