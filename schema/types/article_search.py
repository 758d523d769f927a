"""`articles(search:)`: the articles that match a search, best first, as an ArticleConnection."""

import strawberry

from schema import search
from schema.cursors import page_size
from schema.types.article import article_from_row
from schema.types.connection import ArticleConnection, connection_from_page


async def _no_articles() -> int:
    return 0


async def searched_articles(
    info: strawberry.Info,
    *,
    search_for: str,
    first: int | None,
    after: str | None,
    topic_slug: str | None,
) -> ArticleConnection:
    """Matching articles (title, subtitle, lead or any section), ranked by their best hit.

    Ties are ordered by slug. Pages continue by offset, so `after` takes the
    cursors of a searched connection only (see schema.search.paging).
    """
    text = search.search_text(search_for, argument="search")
    size = page_size(first, maximum=info.schema.config.relay_max_results)
    offset = search.offset_after(after)
    context = info.context
    matcher = search.matcher_for(context.reader.dialect, text)
    topic_id = None
    if topic_slug is not None:
        topic = await context.loaders.topic_by_slug.load(topic_slug)
        if topic is None:
            matcher = None
        else:
            topic_id = topic.id
    if matcher is None:
        return connection_from_page([], first=size, after=after, count_all=_no_articles)
    rows = await search.article_page(
        context.reader,
        matcher,
        context.visibility,
        topic_id=topic_id,
        offset=offset,
        limit=size + 1,
    )
    articles = [
        context.loaders.remember(article_from_row(row, context.media_base_url)) for row in rows
    ]
    return connection_from_page(
        articles,
        first=size,
        after=after,
        count_all=lambda: search.article_count(
            context.reader, matcher, context.visibility, topic_id=topic_id
        ),
        cursors=[search.encode_place(offset + place) for place in range(len(articles))],
    )
