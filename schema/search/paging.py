"""Cursors of search results: the place of a hit in the ranked list.

Search results are ordered by rank, a float computed per query, so they page
by offset: the cursor of a hit is the base64 of `search:<place>`, and the next
page starts after it. When the content changes between two pages a hit may
move; that is accepted for search. Clients must treat cursors as opaque.
"""

import base64
import binascii
import re

from graphql import GraphQLError

_PREFIX = "search:"
_PLACE = re.compile(r"[0-9]{1,9}")


def encode_place(place: int) -> str:
    return base64.b64encode(f"{_PREFIX}{place}".encode()).decode("ascii")


def offset_after(cursor: str | None) -> int:
    """Where the page after `cursor` starts: 0 without one; GraphQLError for a foreign cursor."""
    if cursor is None:
        return 0
    try:
        decoded = base64.b64decode(cursor.encode("ascii"), validate=True).decode()
    except (UnicodeError, binascii.Error, ValueError):
        decoded = ""
    place = decoded.removeprefix(_PREFIX)
    if not decoded.startswith(_PREFIX) or not _PLACE.fullmatch(place):
        raise GraphQLError(
            f"after: {cursor[:60]!r} is not a cursor of these search results; pass an "
            "`endCursor` or edge `cursor` from an earlier page of the same search, or leave it out"
        )
    return int(place) + 1
