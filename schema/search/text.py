"""The search text a client sends: checked and cleaned once, before any SQL runs."""

from dataclasses import dataclass

from graphql import GraphQLError

from schema.search.words import without_invisible

MAX_SEARCH_LENGTH = 200


@dataclass(frozen=True, slots=True)
class SearchText:
    """A client's search text without invisible characters, whitespace runs made one space."""

    text: str


def search_text(raw: str, argument: str) -> SearchText:
    """Clean `raw`; GraphQLError naming `argument` when it is too long or holds no text.

    Soft hyphens and zero-width characters are dropped, so "Strahlen\u00adtherapie"
    (pasted from a hyphenated web page) finds "Strahlentherapie".
    """
    if len(raw) > MAX_SEARCH_LENGTH:
        raise GraphQLError(
            f"{argument}: the search text has {len(raw)} characters, at most "
            f"{MAX_SEARCH_LENGTH} are allowed; search for fewer words"
        )
    text = " ".join(without_invisible(raw).split())
    if not text:
        raise GraphQLError(f"{argument}: the search text is empty; give at least one word")
    return SearchText(text)
