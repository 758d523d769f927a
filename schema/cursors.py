"""Pagination arguments: opaque cursors and the bounds of `first`.

A cursor is the base64 of the article slug the page ended on; the next page
starts after it (`WHERE slug > :after ORDER BY slug`), so pages stay stable
while articles are added or removed. Clients must treat cursors as opaque.
"""

import base64
import binascii
import re
from typing import Annotated, NamedTuple

import strawberry
from graphql import GraphQLError

DEFAULT_PAGE_SIZE = 20

# The arguments every connection field takes, documented once.
PageSize = Annotated[int | None, strawberry.argument(description="Page size: 0 to 100.")]
After = Annotated[
    str | None, strawberry.argument(description="Cursor of the edge to continue after.")
]
# The hard cap, as the schema documents it; GUIDE_MAX_PAGE_SIZE may lower it, never raise it.
MAX_PAGE_SIZE = 100
# What an article slug looks like (the importer enforces the same form, seed/documents.py).
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_MAX_SLUG_LENGTH = 200


def encode_cursor(slug: str) -> str:
    return base64.b64encode(slug.encode()).decode("ascii")


def decode_cursor(cursor: str | None) -> str | None:
    """The slug inside `cursor`; None for no cursor; GraphQLError for anything else."""
    if cursor is None:
        return None
    try:
        slug = base64.b64decode(cursor.encode("ascii"), validate=True).decode()
    except (UnicodeError, binascii.Error, ValueError):
        slug = ""
    if len(slug) > _MAX_SLUG_LENGTH or not _SLUG.fullmatch(slug):
        raise GraphQLError(
            f"after: {cursor[:60]!r} is not a cursor of this connection; "
            "pass an `endCursor` or edge `cursor` from an earlier page, or leave it out"
        )
    return slug


def page_size(first: int | None, maximum: int = MAX_PAGE_SIZE) -> int:
    """`first`, defaulted and bounded by `maximum`; GraphQLError when out of range.

    `maximum` is the schema's page cap (`relay_max_results`, from GUIDE_MAX_PAGE_SIZE);
    literal values are refused earlier, at validation (schema.limits.cost), this
    catches values passed in variables.
    """
    if first is None:
        return min(DEFAULT_PAGE_SIZE, maximum)
    if not 0 <= first <= maximum:
        raise GraphQLError(
            f"first must be between 0 and {maximum}, got {first}; "
            "page through longer lists with `after`"
        )
    return first


class PageKey(NamedTuple):
    """One page of articles: of a topic and its subtopics (or of all, for None)."""

    topic_id: int | None
    after: str | None
    first: int
