"""What both search implementations offer: the matching documents, and their snippets.

A search document is an article (title, subtitle, lead) or one section
(heading, body). A `Matcher` is one search text prepared for one database; it
answers a subquery of the visible documents that match, with a rank (higher is
better), and turns a document's text into a snippet.
"""

from typing import Protocol

from sqlalchemy import ColumnElement, FromClause

from schema.search.postgresql import PostgresMatcher
from schema.search.sqlite import sqlite_matcher
from schema.search.text import SearchText
from schema.visibility import Visibility


class Matcher(Protocol):
    def matches(self, visibility: Visibility) -> FromClause:
        """Subquery or CTE `(article_id, section_id, rank)`: one row per matching visible document.

        `section_id` is NULL for an article's own document (title, subtitle, lead).
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
        return PostgresMatcher(search)
    if dialect == "sqlite":
        return sqlite_matcher(search)
    raise ValueError(f"full-text search does not support the {dialect!r} database")
