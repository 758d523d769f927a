"""Root fields for articles and sections."""

from typing import Annotated

import strawberry

from schema.cursors import DEFAULT_PAGE_SIZE, After, PageSize
from schema.types.article import Article
from schema.types.article_search import searched_articles
from schema.types.connection import ArticleConnection, article_connection
from schema.types.section import Section


@strawberry.type
class ArticleQuery:
    @strawberry.field(description="The article with this slug; null if there is none.")
    async def article(
        self,
        info: strawberry.Info,
        slug: Annotated[str, strawberry.argument(description="e.g. `knochenmetastasen-verstehen`")],
    ) -> Article | None:
        loaders = info.context.loaders
        return loaders.remember(await loaders.article_by_slug.load(slug))

    @strawberry.field(
        description=(
            "Articles ordered by slug, a page at a time (a Relay connection: page with "
            "`first` and `after`); optionally only those of a topic and its subtopics. "
            "With `search`, only the articles whose text matches, best first."
        )
    )
    async def articles(
        self,
        info: strawberry.Info,
        first: PageSize = DEFAULT_PAGE_SIZE,
        after: After = None,
        topic: Annotated[
            str | None,
            strawberry.argument(
                description=(
                    "Slug of a topic: only its articles and its subtopics' articles. "
                    "An unknown slug gives an empty connection."
                )
            ),
        ] = None,
        search: Annotated[
            str | None,
            strawberry.argument(
                description=(
                    "German full-text search, as in the `search` field: only articles whose "
                    "title, subtitle, lead or any section matches, ordered by relevance (then "
                    "slug). Cursors of a searched list continue that search only."
                )
            ),
        ] = None,
    ) -> ArticleConnection:
        if search is not None:
            return await searched_articles(
                info, search_for=search, first=first, after=after, topic_slug=topic
            )
        return await article_connection(info, first=first, after=after, topic_slug=topic)

    @strawberry.field(
        description="One section of an article, e.g. to embed it; null if there is none."
    )
    async def section(
        self,
        info: strawberry.Info,
        article: Annotated[str, strawberry.argument(description="Slug of the article.")],
        anchor: Annotated[str, strawberry.argument(description="Anchor of the section.")],
    ) -> Section | None:
        return await info.context.loaders.section_by_anchor.load((article, anchor))
