"""Search statements shared by both databases, built on a `Matcher`'s documents.

Hits are ordered by rank (best first), then by article id, then by section id
(an article's own document before its sections), so equal ranks keep a stable
order between pages. Paging is by offset: ranks are floats computed per query,
not keys to continue after.

The cost of a page does not grow with the page's neighbours: the database ranks
the matching documents and keeps the best `offset + limit` (ORDER BY … LIMIT);
the texts, joins and snippets are for the rows of the page only. The total is a
separate count that computes no rank at all.
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
    page = matcher.best(visibility, offset=offset, limit=limit)
    text = func.coalesce(S.body_text, A.lead_text)
    statement = (
        select(page.c.article_id, page.c.section_id, page.c.rank, text.label("text"))
        .add_columns(matcher.headline(text).label("headline"))
        .select_from(page)
        .join(A, A.id == page.c.article_id)
        .outerjoin(S, S.id == page.c.section_id)
        .order_by(page.c.rank.desc(), page.c.article_id, page.c.section_id.nulls_first())
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
    matching = matcher.documents(visibility, ranked=False).subquery("match")
    return await reader.scalar(select(func.count()).select_from(matching))


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
    matching = matcher.documents(visibility, ranked=False).subquery("match")
    statement = select(func.count(matching.c.article_id.distinct()))
    return await reader.scalar(_within_topic(statement, matching.c.article_id, topic_id))


def _best_per_article(matcher: Matcher, visibility: Visibility, topic_id: int | None):
    # Materialised, so SQLite's bm25 runs in the FTS5 scan itself even under GROUP BY.
    match = matcher.documents(visibility, ranked=True).cte("match").prefix_with("MATERIALIZED")
    statement: Select[Any] = select(
        match.c.article_id, func.max(match.c.rank).label("rank")
    ).group_by(match.c.article_id)
    return _within_topic(statement, match.c.article_id, topic_id).subquery("best")


def _within_topic(statement: Select[Any], article_id, topic_id: int | None) -> Select[Any]:
    """Only articles filed under the topic `topic_id` or a topic below it (all when None)."""
    if topic_id is None:
        return statement
    tree = subtopics([topic_id])
    members = select(AT.article_id).join(tree, tree.c.topic_id == AT.topic_id)
    return statement.where(article_id.in_(members))
