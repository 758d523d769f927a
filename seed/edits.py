"""Admin changes to one article (publish, archive, edit a section), made like a seed.

The article's document is read from its rows, changed, validated with the seed's own
models and body parser, planned against the database and written in one
transaction with a revision (the admin as author), change rows and a version bump.

    result = await edit_article(engine, "slug", set_status("draft"), author="admin key")
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from schema.anchors import anchor_for
from schema.revisions.files import article_text
from schema.revisions.lock import DEFAULT_TIMEOUT, write_lock
from schema.revisions.record import has_revisions
from schema.revisions.snapshot import article_documents
from seed.articlediff import plan_articles
from seed.articlefile import read_article
from seed.body import parse_body
from seed.content import ArticleDoc
from seed.diff import reference_followers, settle_changes
from seed.errors import Problem
from seed.existing import load_existing
from seed.plan import Plan
from seed.record import Revision
from seed.report import ImportReport
from seed.writer import write_plan

Edit = Callable[[dict[str, Any]], dict[str, Any]]


class EditError(ValueError):
    """The change is not possible or not valid; nothing was written."""


@dataclass
class EditResult:
    report: ImportReport
    article: ArticleDoc


async def edit_article(
    engine: AsyncEngine,
    slug: str,
    edit: Edit,
    *,
    author: str,
    source: str,
    lock_timeout: float = DEFAULT_TIMEOUT,
) -> EditResult:
    """Apply `edit` to the article's document and write the result; EditError if invalid."""
    async with engine.connect() as connection:
        transaction = await connection.begin()
        try:
            await write_lock(connection, lock_timeout)
            result = await _edit(connection, slug, edit, author=author, source=source)
        except BaseException:
            await transaction.rollback()
            raise
        await transaction.commit()
    return result


async def _edit(
    connection: AsyncConnection, slug: str, edit: Edit, *, author: str, source: str
) -> EditResult:
    documents = await article_documents(connection, [slug])
    if slug not in documents:
        raise EditError(f"article {slug!r} does not exist")
    article = validated(edit(documents[slug][0]), slug)
    existing = await load_existing(connection)
    plan = Plan(
        ImportReport(),
        topic_ids={key: row.id for key, row in existing.topics.items()},
        reference_ids={key: row.id for key, row in existing.references.items()},
        article_ids={key: row.id for key, row in existing.articles.items()},
    )
    old = {slug: existing.articles[slug]}
    await plan_articles(connection, plan, [article], old, datetime.now(UTC))
    report = plan.report
    settle_changes(report)
    report.followers += reference_followers(plan.touched_references, plan.reference_ids, set())
    if report.changed:
        first = not await has_revisions(connection)
        revision = await Revision.start(connection, author=author, source=source)
        await write_plan(connection, plan)
        await revision.add(report, articles=[article])
        stored = [("article", slug)]
        await revision.finish(report, first=first, stored=stored, articles=list(plan.article_ids))
        report.revision = revision.number
    return EditResult(report, article)


def validated(document: dict[str, Any], slug: str) -> ArticleDoc:
    """The document as the seed reads a file: the same models, body parser and messages."""
    article, problems, _warnings = read_article(article_text(document), f"{slug}.md", None)
    if problems or article is None:
        raise EditError("; ".join(_without_file(problem) for problem in problems))
    return article


def _without_file(problem: Problem) -> str:
    return ": ".join(part for part in (problem.location, problem.message) if part)


def set_status(status: str) -> Edit:
    """An edit that gives the article another status (draft, published, archived)."""

    def edit(document: dict[str, Any]) -> dict[str, Any]:
        return {**document, "front_matter": {**document["front_matter"], "status": status}}

    return edit


def replace_section(anchor: str, heading: str | None, body: str | None) -> Edit:
    """An edit of one section's heading and/or body (markdown), checked like a seed file.

    A new heading gives a new anchor (and the section a new id), exactly as in a file.
    """

    def edit(document: dict[str, Any]) -> dict[str, Any]:
        sections = [dict(section) for section in document["sections"]]
        anchors = [anchor_for(section["heading"]) for section in sections]
        if anchor not in anchors:
            known = ", ".join(anchors) or "none"
            raise EditError(f"the article has no section {anchor!r}; its sections are: {known}")
        index = anchors.index(anchor)
        new = {
            "heading": sections[index]["heading"] if heading is None else heading.strip(),
            "body": sections[index]["body"] if body is None else body.strip(),
        }
        new_anchor = _check_section(new["heading"], new["body"])
        others = anchors[:index] + anchors[index + 1 :]
        if new_anchor in others:
            raise EditError(
                f"heading: {new['heading']!r} gives the anchor {new_anchor!r}, which section "
                f"{others.index(new_anchor) + 1 + (others.index(new_anchor) >= index)} "
                "already has; reword it"
            )
        sections[index] = new
        return {**document, "sections": sections}

    return edit


def _check_section(heading: str, body: str) -> str:
    """The anchor of the new heading; EditError when heading or body would not seed."""
    if "\n" in heading:
        raise EditError("heading: write the heading on one line")
    parsed, problems, _warnings = parse_body(f"## {heading}\n\n{body}\n", "", 1)
    if problems:
        raise EditError("heading: " + problems[0].message)
    if len(parsed.sections) != 1:
        raise EditError(
            "body: a line starting with '## ' would start a new section; "
            "write sub-headings as '### ' or edit the sections one by one"
        )
    return parsed.sections[0].anchor
