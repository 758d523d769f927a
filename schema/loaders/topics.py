"""Batch functions for topics and the topic tree."""

from collections.abc import Sequence

from sqlalchemy import CTE, select

from schema import tables
from schema.loaders.batch import Scope, many_per_key, one_per_key
from schema.types.topic import COLUMNS, Topic, topic_from_row

T = tables.Topic
AT = tables.ArticleTopic
# Topics are listed in the order of the seed file's topic list.
ORDER = (T.position, T.id)


def subtopics(root_ids: Sequence[int]) -> CTE:
    """`(root_id, topic_id)` for every root and every topic below it, the root included.

    A recursive CTE over `topic.parent_id`, portable between SQLite and
    PostgreSQL. UNION (not UNION ALL) drops repeated rows, so even a cycle in
    the tree ends the recursion.
    """
    tree = (
        select(T.id.label("root_id"), T.id.label("topic_id"))
        .where(T.id.in_(root_ids))
        .cte("subtopic", recursive=True)
    )
    child = tables.Topic.__table__.alias("child")
    return tree.union(
        select(tree.c.root_id, child.c.id).where(child.c.parent_id == tree.c.topic_id)
    )


def all_topics():
    """Every topic in list order (the `topics` root field)."""
    return select(*COLUMNS).order_by(*ORDER)


async def topic_by_id(scope: Scope, ids: Sequence[int]) -> list[Topic | None]:
    rows = await scope.reader.all(select(*COLUMNS).where(T.id.in_(ids)))
    return one_per_key(ids, rows, lambda row: row.id, topic_from_row)


async def topic_by_slug(scope: Scope, slugs: Sequence[str]) -> list[Topic | None]:
    rows = await scope.reader.all(select(*COLUMNS).where(T.slug.in_(slugs)))
    return one_per_key(slugs, rows, lambda row: row.slug, topic_from_row)


async def children_by_topic(scope: Scope, ids: Sequence[int]) -> list[list[Topic]]:
    statement = select(*COLUMNS).where(T.parent_id.in_(ids)).order_by(*ORDER)
    rows = await scope.reader.all(statement)
    return many_per_key(ids, rows, lambda row: row.parent_id, topic_from_row)


async def topics_by_article(scope: Scope, article_ids: Sequence[int]) -> list[list[Topic]]:
    statement = (
        select(AT.article_id, *COLUMNS)
        .select_from(T)
        .join(AT, AT.topic_id == T.id)
        .join(tables.Article, tables.Article.id == AT.article_id)
        .where(AT.article_id.in_(article_ids), scope.visibility.articles())
        .order_by(*ORDER)
    )
    rows = await scope.reader.all(statement)
    return many_per_key(article_ids, rows, lambda row: row.article_id, topic_from_row)
