"""Articles: which to insert, update, leave alone, archive or (with --prune) delete.

An article whose content hash and status match the database is skipped without
looking at its children; only changed articles have their children loaded. Every
decision is also recorded as a `Change` (seed.changes) with the fields it touched.
"""

from datetime import datetime
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.ext.asyncio import AsyncConnection

from schema.tables import ArticleStatus
from seed.changes import Change
from seed.childdiff import count_children, follow_status, plan_changed_children, plan_new_children
from seed.content import ArticleDoc
from seed.documents import ArticleMeta
from seed.existing import ARTICLE, as_utc, chunks, load_children
from seed.fielddiff import ARTICLE_FIELDS, changed_columns
from seed.plan import Plan
from seed.rows import article_hash, article_row


async def plan_articles(
    connection: AsyncConnection,
    plan: Plan,
    articles: list[ArticleDoc],
    existing: dict[str, Row],
    now: datetime,
) -> None:
    """Plan the rows of these articles, rendered or not (seed.batches renders them first)."""
    report = plan.report
    changed: list[tuple[ArticleDoc, Row]] = []
    status_only: list[tuple[ArticleDoc, Row]] = []
    for article in articles:
        digest = article_hash(article)
        old = existing.get(article.meta.slug)
        if is_unchanged(article.digest, article.meta.status, old):
            report.articles.unchanged += 1
            count_children(report, len(article.body.sections), len(article.meta.references))
            continue
        content_changed = old is None or old.content_hash != digest
        timestamps = _timestamps(article.meta, old, content_changed, now)
        row = {**article_row(article, digest), **timestamps}
        if old is None:
            report.articles.created += 1
            plan.article_inserts.append(row)
            plan_new_children(plan, article)
            continue
        report.articles.updated += 1
        plan.article_updates.append({"row_id": old.id, **row})
        if content_changed:
            changed.append((article, old))
        else:  # only the status changed: an archived article is back in the files
            status_only.append((article, old))
            count_children(report, len(article.body.sections), len(article.meta.references))
    children = await load_children(connection, [old.id for _, old in changed + status_only])
    old_rows = await _article_rows(connection, [old.id for _, old in changed])
    new_rows = {row["slug"]: row for row in plan.article_updates}
    content_changed = {article.meta.slug for article, _ in changed}
    for article, old in changed + status_only:
        new = new_rows[article.meta.slug]
        fields = changed_columns(old_rows.get(old.id, old), new, ARTICLE_FIELDS)
        change = _article_change(article.meta.slug, old, new["status"], fields)
        report.changes.append(change)
        if article.meta.slug in content_changed:
            plan_changed_children(plan, article, old.id, children, change)
        else:
            follow_status(plan, children, old.id, change)


def is_unchanged(digest: str, status: str, old: Row | None) -> bool:
    """Whether the database holds the article as its file says it (nothing to write)."""
    return old is not None and old.content_hash == digest and old.status == status


def _article_change(slug: str, old: Row, status: str, fields: list[str]) -> Change:
    return Change(
        "article",
        slug,
        "updated",
        fields,
        entity_id=old.id,
        status_before=old.status,
        status_after=status,
    )


def _timestamps(
    meta: ArticleMeta, old: Row | None, content_changed: bool, now: datetime
) -> dict[str, Any]:
    """Front matter first; else published once on first publication, updated on each change."""
    published = meta.published_at or as_utc(old.published_at if old else None)
    if published is None and meta.status is ArticleStatus.PUBLISHED:
        published = now
    updated = meta.updated_at or (now if content_changed else as_utc(old.updated_at))
    return {"published_at": published, "updated_at": updated}


async def _article_rows(connection: AsyncConnection, ids: list[int]) -> dict[int, Row]:
    """Every column of the changed articles, to name the fields that changed."""
    found: dict[int, Row] = {}
    for chunk in chunks(ids):
        result = await connection.execute(select(ARTICLE).where(ARTICLE.c.id.in_(chunk)))
        found.update((row.id, row) for row in result)
    return found


def gone(in_files: set[str], existing: dict[str, Row], prune: bool) -> list[Row]:
    """Articles no longer in the files: to archive (unless they are), or to delete on --prune."""
    return [
        row
        for slug, row in existing.items()
        if slug not in in_files and (prune or row.status != ArticleStatus.ARCHIVED)
    ]


async def plan_gone(connection: AsyncConnection, plan: Plan, rows: list[Row], prune: bool):
    """Archived, never deleted, unless --prune: then deleted, with sections and citations."""
    archived = ArticleStatus.ARCHIVED.value
    children = await load_children(connection, [row.id for row in rows])
    for row in rows:
        if prune:
            plan.article_deletes.append(row.id)
            plan.report.articles.removed += 1
            change = Change(
                "article", row.slug, "removed", entity_id=row.id, status_before=row.status
            )
            change.note = "deleted: --prune"
        else:
            plan.article_archives.append(row.id)
            plan.report.articles.archived += 1
            change = _article_change(row.slug, row, archived, ["status"])
            change.note = "archived: no longer in the files"
        plan.report.changes.append(change)
        follow_status(plan, children, row.id, change)
