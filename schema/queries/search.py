"""Root field for full-text search over articles and sections."""

from typing import Annotated

import strawberry

from schema.cursors import DEFAULT_PAGE_SIZE, PageSize
from schema.search import MAX_SEARCH_LENGTH
from schema.types.search import SearchConnection, search_connection


@strawberry.type
class SearchQuery:
    @strawberry.field(
        description=(
            "German full-text search over article titles, subtitles and leads and over "
            "section headings and bodies, best hits first. Word forms, umlauts and ß are "
            "matched in any spelling (Knochenmetastase/Knochenmetastasen, "
            "Übelkeit/Uebelkeit, Straße/Strasse). See docs/search.md."
        )
    )
    async def search(
        self,
        info: strawberry.Info,
        query: Annotated[
            str,
            strawberry.argument(
                description=(
                    f"What to look for, 1 to {MAX_SEARCH_LENGTH} characters. All words are "
                    'required; `"…"` finds a phrase, `or` accepts either of two terms, '
                    "`-word` excludes a word."
                )
            ),
        ],
        first: PageSize = DEFAULT_PAGE_SIZE,
        after: Annotated[
            str | None, strawberry.argument(description="Cursor of the hit to continue after.")
        ] = None,
    ) -> SearchConnection:
        return await search_connection(info, query=query, first=first, after=after)
