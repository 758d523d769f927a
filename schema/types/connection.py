"""ArticleConnection: a page of articles, ordered by slug (Relay cursor connection)."""

from collections.abc import Awaitable, Callable, Sequence

import strawberry
from strawberry import relay

from schema.cursors import PageKey, decode_cursor, encode_cursor, page_size
from schema.types.article import Article


async def _no_articles() -> int:
    return 0


@strawberry.type(
    name="ArticleConnection",
    description=(
        "A page of articles ordered by slug (by relevance when searched). Ask for the next "
        "page with `after: pageInfo.endCursor` while `pageInfo.hasNextPage` is true."
    ),
)
class ArticleConnection(relay.Connection[Article]):
    count_all: strawberry.Private[Callable[[], Awaitable[int]]]

    @strawberry.field(description="How many articles all pages together hold.")
    async def total_count(self) -> int:
        return await self.count_all()


def connection_from_page(
    articles: Sequence[Article],
    *,
    first: int,
    after: str | None,
    count_all: Callable[[], Awaitable[int]],
    cursors: Sequence[str] | None = None,
) -> ArticleConnection:
    """Build a connection from up to `first + 1` articles (the extra one means: more follow).

    Edges get slug cursors unless `cursors` (one per article) are given, as search does.
    """
    page = articles[:first]
    if cursors is None:
        cursors = [encode_cursor(article.slug) for article in page]
    edges = [
        relay.Edge(cursor=cursor, node=article)
        for cursor, article in zip(cursors, page, strict=False)
    ]
    return ArticleConnection(
        edges=edges,
        page_info=relay.PageInfo(
            has_next_page=len(articles) > first,
            # Paging forwards only: anything was before us when we started after a cursor.
            has_previous_page=after is not None,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        count_all=count_all,
    )


async def article_connection(
    info: strawberry.Info,
    *,
    first: int | None,
    after: str | None,
    topic_id: int | None = None,
    topic_slug: str | None = None,
) -> ArticleConnection:
    """One page of articles: all of them, or a topic's and its subtopics'.

    The topic is given by id (Topic.articles) or by slug (the root field); an
    unknown slug gives an empty connection. The arguments are checked before
    any SQL runs, and the total is counted only when a client selects `totalCount`.
    """
    size = page_size(first, maximum=info.schema.config.relay_max_results)
    after_slug = decode_cursor(after)
    loaders = info.context.loaders
    if topic_slug is not None:
        topic = await loaders.topic_by_slug.load(topic_slug)
        if topic is None:
            return connection_from_page([], first=size, after=after_slug, count_all=_no_articles)
        topic_id = topic.id
    articles = await loaders.article_page.load(PageKey(topic_id, after_slug, size))
    for article in articles:
        loaders.remember(article)
    return connection_from_page(
        articles,
        first=size,
        after=after_slug,
        count_all=lambda: loaders.article_count.load(topic_id),
    )
