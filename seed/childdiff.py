"""An article's children: sections matched by anchor, numbered citations, topic links.

Sections follow their article in the change feed: when an article's status moves
(a draft published, an article archived or deleted), each of its sections gets a
change too, carrying the article's status before and after.
"""

from seed.changes import Change
from seed.content import ArticleDoc
from seed.existing import Children
from seed.fielddiff import SECTION_FIELDS, changed_columns
from seed.plan import Plan
from seed.report import Counts, ImportReport
from seed.rows import section_rows


def count_children(
    report: ImportReport, sections: int, citations: int, how: str = "unchanged"
) -> None:
    """Count an article's sections and citations as created or unchanged."""
    for counts, number in ((report.sections, sections), (report.citations, citations)):
        setattr(counts, how, getattr(counts, how) + number)


def plan_new_children(plan: Plan, article: ArticleDoc) -> None:
    slug, status = article.meta.slug, article.meta.status.value
    plan.report.changes.append(Change("article", slug, "created", status_after=status))
    for row in section_rows(article):
        plan.section_inserts.append({"article": slug, **row})
        change = Change("section", row["anchor"], "created", article=slug, status_after=status)
        plan.report.changes.append(change)
    count_children(plan.report, len(article.body.sections), len(article.meta.references), "created")
    plan.citations[slug] = list(article.meta.references)
    plan.article_topics[slug] = list(article.meta.topics)
    plan.touched_references.update(article.meta.references)


def plan_changed_children(
    plan: Plan, article: ArticleDoc, article_id: int, children: Children, change: Change
) -> None:
    _plan_sections(plan, article, children.sections.get(article_id, {}), change)
    slug, meta = article.meta.slug, article.meta
    old_citations = children.citations.get(article_id, [])
    _count_citations(plan.report.citations, old_citations, meta.references)
    if old_citations != meta.references:
        plan.citations[slug] = list(meta.references)
        change.fields.append("references")
        plan.touched_references.update([*old_citations, *meta.references])
    elif change.status_before != change.status_after:
        plan.touched_references.update(old_citations)
    if children.topics.get(article_id, set()) != set(meta.topics):
        plan.article_topics[slug] = list(meta.topics)
        change.fields.append("topics")


def follow_status(plan: Plan, children: Children, article_id: int, change: Change) -> None:
    """Changes for the sections and references of an article whose status moved."""
    if change.status_before == change.status_after:
        return
    action = "removed" if change.status_after is None else "updated"
    for section in children.sections.get(article_id, {}).values():
        plan.report.changes.append(_follower(section, change, action))
    plan.touched_references.update(children.citations.get(article_id, []))


def _follower(section, change: Change, action: str) -> Change:
    return Change(
        "section",
        section.anchor,
        action,
        article=change.key,
        entity_id=section.id,
        status_before=change.status_before,
        status_after=change.status_after,
        listed=False,
    )


def _plan_sections(plan: Plan, article: ArticleDoc, old: dict, change: Change) -> None:
    """Match sections by anchor: same anchor, same row (and id); a new heading, a new row."""
    counts, old, slug = plan.report.sections, dict(old), article.meta.slug
    before, after = change.status_before, change.status_after
    for row in section_rows(article):
        anchor = row["anchor"]
        previous = old.pop(anchor, None)
        if previous is None:
            counts.created += 1
            plan.section_inserts.append({"article": slug, **row})
            added = Change("section", anchor, "created", article=slug, status_after=after)
            plan.report.changes.append(added)
            continue
        fields = changed_columns(previous, row, SECTION_FIELDS)
        if fields:
            counts.updated += 1
            plan.section_updates.append({"row_id": previous.id, **row})
        else:
            counts.unchanged += 1
        if fields or before != after:
            updated = _follower(previous, change, "updated")
            updated.fields, updated.listed = fields, bool(fields)
            plan.report.changes.append(updated)
    counts.removed += len(old)
    plan.section_deletes += [row.id for row in old.values()]
    for row in old.values():
        removed = _follower(row, change, "removed")
        removed.status_after, removed.listed = None, True
        plan.report.changes.append(removed)


def _count_citations(counts: Counts, old: list[str], new: list[str]) -> None:
    """Citations are numbered: the same number citing another reference is an update."""
    for number in range(max(len(old), len(new))):
        if number >= len(old):
            counts.created += 1
        elif number >= len(new):
            counts.removed += 1
        elif old[number] == new[number]:
            counts.unchanged += 1
        else:
            counts.updated += 1
