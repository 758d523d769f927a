"""What both search implementations offer: the matching documents, and their snippets.

A search document is an article (title, subtitle, lead) or one section
(heading, body). A `Matcher` is one search text prepared for one database; it
answers a SELECT of the visible documents that match, with a rank (higher is
better) when asked, ranks and pages them in the database (`best`), and turns a
document's text into a snippet. The shared statements in `hits` build on them.
"""

from typing import Protocol

from sqlalchemy import ColumnElement, Select, Subquery

from schema.search.postgresql import postgres_matcher
from schema.search.sqlite import sqlite_matcher
from schema.search.text import SearchText
from schema.visibility import Visibility


class Matcher(Protocol):
    def documents(self, visibility: Visibility, *, ranked: bool) -> Select:
        """`SELECT article_id, section_id[, rank]`: one row per matching visible document.

        `section_id` is NULL for an article's own document (title, subtitle, lead).
        Without `ranked` the rank is not computed at all (counting needs none).
        """
        ...

    def best(self, visibility: Visibility, *, offset: int, limit: int) -> Subquery:
        """`(article_id, section_id, rank)` of one page of documents, best first.

        Ordered by rank (higher first), article id, section id (the article's own
        document first), then `offset` and `limit` applied, in the database: only
        the page's rows leave the ranking.
        """
        ...

    def headline(self, text: ColumnElement[str]) -> ColumnElement[str | None]:
        """A column the database computes for the snippet of `text` (or NULL)."""
        ...

    def snippet(self, text: str, headline: str | None) -> str:
        """The snippet HTML of a document's `text`, given its `headline` column."""
        ...


def matcher_for(dialect: str, search: SearchText) -> Matcher | None:
    """The matcher for the database `dialect`; None when the text asks for no word at all."""
    if dialect == "postgresql":
        return postgres_matcher(search)
    if dialect == "sqlite":
        return sqlite_matcher(search)
    raise ValueError(f"full-text search does not support the {dialect!r} database")
