"""Search results: ranked hits (articles or sections) with highlighted snippets."""

from collections.abc import Awaitable, Callable
from typing import Annotated

import strawberry
from strawberry import relay

from schema import search
from schema.cursors import page_size
from schema.types.article import Article
from schema.types.section import Section

SearchResult = Annotated[
    Article | Section,
    strawberry.union(
        "SearchResult",
        description="What a search hit found: a whole article, or one section of an article.",
    ),
]


@strawberry.type(description="One search result: what was found, how well, and where.")
class SearchHit:
    article_id: strawberry.Private[int]
    section_id: strawberry.Private[int | None]
    rank: float = strawberry.field(
        description=(
            "Relevance; higher is better. Comparable within one result list only "
            "(the scale differs between databases)."
        )
    )
    snippet: str = strawberry.field(
        description=(
            "HTML excerpt of the lead (for an article) or body (for a section), about 30 "
            "words around the matched words, which are wrapped in `<mark>…</mark>`. All "
            "other text is HTML-escaped; `…` marks where the excerpt cuts the text."
        )
    )

    @strawberry.field(
        description=(
            "The article (its title, subtitle or lead matched) or section (its heading or "
            "body matched). Link a section as `/<article slug>#<anchor>`."
        )
    )
    async def node(self, info: strawberry.Info) -> SearchResult:
        loaders = info.context.loaders
        if self.section_id is None:
            return await loaders.article_by_id.load(self.article_id)
        return await loaders.section_by_id.load(self.section_id)


async def _no_hits() -> int:
    return 0


@strawberry.type(
    name="SearchConnection",
    description=(
        "A page of search hits, best first. Ask for the next page with "
        "`after: pageInfo.endCursor` while `pageInfo.hasNextPage` is true."
    ),
)
class SearchConnection(relay.Connection[SearchHit]):
    count_all: strawberry.Private[Callable[[], Awaitable[int]]]

    @strawberry.field(description="How many hits all pages together hold.")
    async def total_count(self) -> int:
        return await self.count_all()


async def search_connection(
    info: strawberry.Info, *, query: str, first: int | None, after: str | None
) -> SearchConnection:
    """One page of hits for `query`; arguments are checked before any SQL runs."""
    text = search.search_text(query, argument="query")
    size = page_size(first, maximum=info.schema.config.relay_max_results)
    offset = search.offset_after(after)
    context = info.context
    matcher = search.matcher_for(context.reader.dialect, text)
    if matcher is None:
        return _connection([], first=size, offset=offset, count_all=_no_hits)
    hits = await search.hit_page(
        context.reader, matcher, context.visibility, offset=offset, limit=size + 1
    )
    return _connection(
        [
            SearchHit(
                article_id=hit.article_id,
                section_id=hit.section_id,
                rank=hit.rank,
                snippet=hit.snippet,
            )
            for hit in hits
        ],
        first=size,
        offset=offset,
        count_all=lambda: search.hit_count(context.reader, matcher, context.visibility),
    )


def _connection(
    hits: list[SearchHit], *, first: int, offset: int, count_all: Callable[[], Awaitable[int]]
) -> SearchConnection:
    page = hits[:first]
    edges = [
        relay.Edge(cursor=search.encode_place(offset + place), node=hit)
        for place, hit in enumerate(page)
    ]
    return SearchConnection(
        edges=edges,
        page_info=relay.PageInfo(
            has_next_page=len(hits) > first,
            has_previous_page=offset > 0,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        count_all=count_all,
    )
