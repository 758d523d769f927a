"""Keyset pagination: page 1 and a deep page of the teaser list.

The cursor of a deep page is computed the way the API encodes it
(`schema.cursors.encode_cursor` of the slug the previous page ended on, articles
in slug order), and the answer is checked to start at the expected article.
"""

from pathlib import Path

from bench.scenarios import expect, teasers
from schema.cursors import encode_cursor

PAGE_SIZE = 20
DEEP_PAGE = 500


def corpus_slugs(corpus: Path) -> list[str]:
    """The published articles of a synthetic corpus, in the API's order (by slug)."""
    return sorted(path.stem for path in (corpus / "articles").glob("*.md"))


def deepest_page(articles: int, wanted: int = DEEP_PAGE, size: int = PAGE_SIZE) -> int:
    """`wanted`, or the last full page when the corpus has fewer pages."""
    return max(1, min(wanted, articles // size))


def cursor_before(slugs: list[str], page: int, size: int = PAGE_SIZE) -> str | None:
    """The `after` cursor that opens `page` (1-based); None for the first page."""
    return None if page == 1 else encode_cursor(slugs[(page - 1) * size - 1])


def page(slugs: list[str], number: int, size: int = PAGE_SIZE):
    """The teaser-list scenario for page `number`, checked to start where it should."""
    first_slug = slugs[(number - 1) * size]
    return teasers(
        size,
        cursor_before(slugs, number, size),
        name=f"page {number}",
        check=expect(
            "articles.edges",
            lambda edges: len(edges) == size and edges[0]["node"]["slug"] == first_slug,
            f"{size} edges from {first_slug}",
        ),
    )


def first_and_deep(corpus: Path, articles: int) -> tuple[int, list]:
    """The deep page's number and [("first", page 1), ("deep", that page)]; [] for one page."""
    deep = deepest_page(articles)
    if deep < 2:
        return deep, []
    slugs = corpus_slugs(corpus)
    return deep, [("first", page(slugs, 1)), ("deep", page(slugs, deep))]
