"""Articles: which to insert, update, leave alone or archive, and their sections,
citations and topic links.

An article whose content hash and status match the database is skipped without
looking at its children; only changed articles have their children loaded.
"""

from datetime import datetime
from typing import Any

from sqlalchemy import Row
from sqlalchemy.ext.asyncio import AsyncConnection

from schema.tables import ArticleStatus
from seed.content import ArticleDoc
from seed.documents import ArticleMeta
from seed.existing import Children, as_utc, load_children
from seed.plan import Plan
from seed.report import Counts
from seed.rows import article_hash, article_row, section_row


async def plan_articles(
    connection: AsyncConnection,
    plan: Plan,
    articles: list[ArticleDoc],
    existing: dict[str, Row],
    now: datetime,
) -> None:
    report = plan.report
    changed: list[tuple[ArticleDoc, int]] = []
    for article in articles:
        digest = article_hash(article)
        old = existing.get(article.meta.slug)
        if old is not None and old.content_hash == digest and old.status == article.meta.status:
            report.articles.unchanged += 1
            _count_children(report.sections, report.citations, article, "unchanged")
            continue
        content_changed = old is None or old.content_hash != digest
        timestamps = _timestamps(article.meta, old, content_changed, now)
        row = {**article_row(article, digest), **timestamps}
        if old is None:
            report.articles.created += 1
            plan.article_inserts.append(row)
            _plan_new_children(plan, article)
            continue
        report.articles.updated += 1
        plan.article_updates.append({"row_id": old.id, **row})
        if content_changed:
            changed.append((article, old.id))
        else:  # only the status changed: an archived article is back in the files
            _count_children(report.sections, report.citations, article, "unchanged")
    children = await load_children(connection, [article_id for _, article_id in changed])
    for article, article_id in changed:
        _plan_changed_children(plan, article, article_id, children)
    _plan_archives(plan, articles, existing)


def _timestamps(
    meta: ArticleMeta, old: Row | None, content_changed: bool, now: datetime
) -> dict[str, Any]:
    """Front matter first; else published once on first publication, updated on each change."""
    published = meta.published_at or as_utc(old.published_at if old else None)
    if published is None and meta.status is ArticleStatus.PUBLISHED:
        published = now
    updated = meta.updated_at or (now if content_changed else as_utc(old.updated_at))
    return {"published_at": published, "updated_at": updated}


def _count_children(sections: Counts, citations: Counts, article: ArticleDoc, how: str) -> None:
    setattr(sections, how, getattr(sections, how) + len(article.body.sections))
    setattr(citations, how, getattr(citations, how) + len(article.meta.references))


def _plan_new_children(plan: Plan, article: ArticleDoc) -> None:
    slug = article.meta.slug
    for position, section in enumerate(article.body.sections, start=1):
        plan.section_inserts.append({"article": slug, **section_row(section, position)})
    _count_children(plan.report.sections, plan.report.citations, article, "created")
    plan.citations[slug] = list(article.meta.references)
    plan.article_topics[slug] = list(article.meta.topics)


def _plan_changed_children(
    plan: Plan, article: ArticleDoc, article_id: int, children: Children
) -> None:
    _plan_sections(plan, article, article_id, children.sections.get(article_id, {}))
    slug, meta = article.meta.slug, article.meta
    old_citations = children.citations.get(article_id, [])
    _count_citations(plan.report.citations, old_citations, meta.references)
    if old_citations != meta.references:
        plan.citations[slug] = list(meta.references)
    if children.topics.get(article_id, set()) != set(meta.topics):
        plan.article_topics[slug] = list(meta.topics)


def _plan_sections(plan: Plan, article: ArticleDoc, article_id: int, old: dict[str, Row]) -> None:
    """Match sections by anchor: same anchor, same row (and id); a new heading, a new row."""
    counts, old = plan.report.sections, dict(old)
    for position, section in enumerate(article.body.sections, start=1):
        row = section_row(section, position)
        previous = old.pop(section.anchor, None)
        if previous is None:
            counts.created += 1
            plan.section_inserts.append({"article": article.meta.slug, **row})
        elif all(getattr(previous, name) == value for name, value in row.items()):
            counts.unchanged += 1
        else:
            counts.updated += 1
            plan.section_updates.append({"row_id": previous.id, **row})
    counts.removed += len(old)
    plan.section_deletes += [row.id for row in old.values()]


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


def _plan_archives(plan: Plan, articles: list[ArticleDoc], existing: dict[str, Row]) -> None:
    """Articles gone from the files are archived, never deleted."""
    in_files = {article.meta.slug for article in articles}
    for slug, row in existing.items():
        if slug not in in_files and row.status != ArticleStatus.ARCHIVED:
            plan.article_archives.append(row.id)
            plan.report.articles.archived += 1
