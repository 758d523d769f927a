"""Search statements shared by both databases, built on a `Matcher`'s matches.

Hits are ordered by rank (best first), then by article slug and section
position, so equal ranks keep a stable order between pages. Paging is by
offset: ranks are floats computed per query, not keys to continue after.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row, Select, func, select

from schema import tables
from schema.loaders.topics import subtopics
from schema.reader import Reader
from schema.search.matcher import Matcher
from schema.types.article import COLUMNS as ARTICLE_COLUMNS
from schema.visibility import Visibility

A = tables.Article
S = tables.Section
AT = tables.ArticleTopic


@dataclass(frozen=True, slots=True)
class Hit:
    """One matching document: an article (section_id None) or one of its sections."""

    article_id: int
    section_id: int | None
    rank: float
    snippet: str


async def hit_page(
    reader: Reader, matcher: Matcher, visibility: Visibility, *, offset: int, limit: int
) -> list[Hit]:
    """Up to `limit` hits after skipping `offset`, best first, with their snippets."""
    match = matcher.matches(visibility)
    position = func.coalesce(S.position, 0).label("position")
    page = (
        select(
            match.c.article_id,
            match.c.section_id,
            match.c.rank,
            A.slug,
            position,
            func.coalesce(S.body_text, A.lead_text).label("text"),
        )
        .select_from(match)
        .join(A, A.id == match.c.article_id)
        .outerjoin(S, S.id == match.c.section_id)
        .order_by(match.c.rank.desc(), A.slug, position)
        .limit(limit)
        .offset(offset)
        .subquery("page")
    )
    # The headline (PostgreSQL's ts_headline) is computed for this page's rows only.
    statement = select(page, matcher.headline(page.c.text).label("headline")).order_by(
        page.c.rank.desc(), page.c.slug, page.c.position
    )
    return [
        Hit(
            article_id=row.article_id,
            section_id=row.section_id,
            rank=float(row.rank),
            snippet=matcher.snippet(row.text, row.headline),
        )
        for row in await reader.all(statement)
    ]


async def hit_count(reader: Reader, matcher: Matcher, visibility: Visibility) -> int:
    match = matcher.matches(visibility)
    return await reader.scalar(select(func.count()).select_from(match))


async def article_page(
    reader: Reader,
    matcher: Matcher,
    visibility: Visibility,
    *,
    topic_id: int | None,
    offset: int,
    limit: int,
) -> Sequence[Row[Any]]:
    """Rows of article `COLUMNS` plus `rank`: each matching article once, ranked by its best hit.

    An article matches when its title, subtitle, lead or any section does.
    """
    best = _best_per_article(matcher, visibility, topic_id)
    statement = (
        select(*ARTICLE_COLUMNS, best.c.rank)
        .select_from(best)
        .join(A, A.id == best.c.article_id)
        .order_by(best.c.rank.desc(), A.slug)
        .limit(limit)
        .offset(offset)
    )
    return await reader.all(statement)


async def article_count(
    reader: Reader, matcher: Matcher, visibility: Visibility, *, topic_id: int | None
) -> int:
    best = _best_per_article(matcher, visibility, topic_id)
    return await reader.scalar(select(func.count()).select_from(best))


def _best_per_article(matcher: Matcher, visibility: Visibility, topic_id: int | None):
    match = matcher.matches(visibility)
    statement: Select[Any] = select(
        match.c.article_id, func.max(match.c.rank).label("rank")
    ).group_by(match.c.article_id)
    if topic_id is not None:
        tree = subtopics([topic_id])
        members = select(AT.article_id).join(tree, tree.c.topic_id == AT.topic_id)
        statement = statement.where(match.c.article_id.in_(members))
    return statement.subquery("best")
