"""Batch functions for articles: by id or slug, pages of a topic, counts."""

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, distinct, func, select

from schema import tables
from schema.content_version import STORED_PUBLIC_ARTICLES
from schema.cursors import PageKey
from schema.loaders.batch import Scope, one_per_key
from schema.loaders.topics import subtopics
from schema.types.article import COLUMNS, Article, article_from_row
from schema.visibility import Visibility

A = tables.Article
AT = tables.ArticleTopic


async def article_by_id(scope: Scope, ids: Sequence[int]) -> list[Article | None]:
    statement = select(*COLUMNS).where(A.id.in_(ids), scope.visibility.articles())
    rows = await scope.reader.all(statement)
    return one_per_key(ids, rows, lambda row: row.id, _builder(scope))


async def article_by_slug(scope: Scope, slugs: Sequence[str]) -> list[Article | None]:
    statement = select(*COLUMNS).where(A.slug.in_(slugs), scope.visibility.articles())
    rows = await scope.reader.all(statement)
    return one_per_key(slugs, rows, lambda row: row.slug, _builder(scope))


async def article_page(scope: Scope, keys: Sequence[PageKey]) -> list[list[Article]]:
    """Up to `first + 1` articles per key, by slug; the extra one tells that more follow.

    Keys that continue after the same cursor share one statement: the page of
    every topic at once, numbered per topic with ROW_NUMBER().
    """
    groups: defaultdict[tuple[bool, str | None], list[PageKey]] = defaultdict(list)
    for key in keys:
        groups[key.topic_id is None, key.after].append(key)
    build = _builder(scope)
    pages: dict[PageKey, list[Article]] = {}
    for (everything, after), group in groups.items():
        limit = max(key.first for key in group) + 1
        if everything:
            statement = _page_of_all(scope, after, limit)
        else:
            statement = _page_per_topic(scope, [key.topic_id for key in group], after, limit)
        found: defaultdict[int | None, list[Article]] = defaultdict(list)
        for row in await scope.reader.all(statement):
            found[None if everything else row.root_id].append(build(row))
        for key in group:
            pages[key] = found[key.topic_id][: key.first + 1]
    return [pages[key] for key in keys]


async def article_count(scope: Scope, topic_ids: Sequence[int | None]) -> list[int]:
    """Visible articles per topic and its subtopics; None counts every visible article."""
    visible = scope.visibility.articles()
    counts: dict[int | None, int] = {}
    if None in topic_ids:
        counts[None] = await scope.reader.scalar(_count_of_all(scope.visibility))
    roots = sorted({topic_id for topic_id in topic_ids if topic_id is not None})
    if roots:
        tree = subtopics(roots)
        statement = (
            select(tree.c.root_id, func.count(distinct(AT.article_id)).label("articles"))
            .select_from(tree)
            .join(AT, AT.topic_id == tree.c.topic_id)
            .join(A, A.id == AT.article_id)
            .where(visible)
            .group_by(tree.c.root_id)
        )
        counts.update((row.root_id, row.articles) for row in await scope.reader.all(statement))
    return [counts.get(topic_id, 0) for topic_id in topic_ids]


def _page_of_all(scope: Scope, after: str | None, limit: int) -> Select[Any]:
    statement = select(*COLUMNS).where(scope.visibility.articles())
    if after is not None:
        statement = statement.where(A.slug > after)
    return statement.order_by(A.slug).limit(limit)


def _page_per_topic(
    scope: Scope, root_ids: Sequence[int | None], after: str | None, limit: int
) -> Select[Any]:
    tree = subtopics([root_id for root_id in root_ids if root_id is not None])
    # An article filed under two subtopics of one root counts once.
    members = (
        select(tree.c.root_id, AT.article_id)
        .select_from(tree)
        .join(AT, AT.topic_id == tree.c.topic_id)
        .distinct()
        .subquery("member")
    )
    place = func.row_number().over(partition_by=members.c.root_id, order_by=A.slug)
    ranked = (
        select(members.c.root_id, *COLUMNS, place.label("place"))
        .select_from(members)
        .join(A, A.id == members.c.article_id)
        .where(scope.visibility.articles())
    )
    if after is not None:
        ranked = ranked.where(A.slug > after)
    ranked = ranked.subquery("ranked")
    return select(ranked).where(ranked.c.place <= limit).order_by(ranked.c.root_id, ranked.c.place)


def _builder(scope: Scope):
    def build(row: Any) -> Article:
        return article_from_row(row, scope.media_base_url)

    return build


def _count_of_all(visibility: Visibility) -> Select:
    if visibility == Visibility():  # the public's: stored with every change
        return STORED_PUBLIC_ARTICLES
    return select(func.count()).select_from(A).where(visibility.articles())
