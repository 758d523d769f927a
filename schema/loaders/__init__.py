"""The request's DataLoaders: one named loader per relation, created per request.

Each loader batches the keys asked for in one tick into one `IN (...)`
statement (see the batch functions in this package), so a request costs a
fixed number of statements however many rows it returns. Loaders live in the
request context and die with it: their caches never cross requests or
visibility scopes.
"""

from collections.abc import Awaitable, Callable, Sequence
from functools import partial
from typing import TypeVar

from strawberry.dataloader import DataLoader

from schema.cursors import PageKey
from schema.loaders import articles, references, sections, topics
from schema.loaders.batch import Scope
from schema.types.article import Article
from schema.types.reference import Citation, Reference
from schema.types.section import Section
from schema.types.topic import Topic, topic_from_row

__all__ = ["Loaders", "Scope"]

K = TypeVar("K")
V = TypeVar("V")


def _loader(
    batch: Callable[[Scope, Sequence[K]], Awaitable[Sequence[V]]], scope: Scope
) -> DataLoader[K, V]:
    return DataLoader(partial(batch, scope))


class Loaders:
    """Named DataLoaders over one request's scope (reader and visibility)."""

    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        self.article_by_id: DataLoader[int, Article | None] = _loader(articles.article_by_id, scope)
        self.article_by_slug: DataLoader[str, Article | None] = _loader(
            articles.article_by_slug, scope
        )
        self.article_page: DataLoader[PageKey, list[Article]] = _loader(
            articles.article_page, scope
        )
        self.article_count: DataLoader[int | None, int] = _loader(articles.article_count, scope)
        self.sections_by_article: DataLoader[int, list[Section]] = _loader(
            sections.sections_by_article, scope
        )
        self.section_by_id: DataLoader[int, Section | None] = _loader(sections.section_by_id, scope)
        self.section_by_anchor: DataLoader[tuple[str, str], Section | None] = _loader(
            sections.section_by_anchor, scope
        )
        self.topic_by_id: DataLoader[int, Topic | None] = _loader(topics.topic_by_id, scope)
        self.topic_by_slug: DataLoader[str, Topic | None] = _loader(topics.topic_by_slug, scope)
        self.children_by_topic: DataLoader[int, list[Topic]] = _loader(
            topics.children_by_topic, scope
        )
        self.topics_by_article: DataLoader[int, list[Topic]] = _loader(
            topics.topics_by_article, scope
        )
        self.reference_by_id: DataLoader[int, Reference | None] = _loader(
            references.reference_by_id, scope
        )
        self.citations_by_article: DataLoader[int, list[Citation]] = _loader(
            references.citations_by_article, scope
        )
        self.cited_by_reference: DataLoader[int, list[Article]] = _loader(
            references.cited_by_reference, scope
        )

    def remember(self, article: Article | None) -> Article | None:
        """Let later `article_by_id` loads (`Section.article`) reuse an article loaded otherwise."""
        if article is not None:
            self.article_by_id.prime(article.id, article)
        return article

    async def all_topics(self) -> list[Topic]:
        """Every topic in list order.

        Primes `topic_by_id` and `children_by_topic`: the whole tree is known, so
        `parent` and `children` below `topics` cost no further statement.
        """
        rows = await self.scope.reader.all(topics.all_topics())
        found = [topic_from_row(row) for row in rows]
        children: dict[int, list[Topic]] = {topic.id: [] for topic in found}
        for topic in found:
            if topic.parent_id in children:
                children[topic.parent_id].append(topic)
        self.topic_by_id.prime_many({topic.id: topic for topic in found})
        self.children_by_topic.prime_many(children)
        return found
