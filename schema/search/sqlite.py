"""SQLite: an FTS5 table of stemmed text, ranked with bm25, snippets built in Python.

`search_fts` holds one row per search document: the stems (see `words`) of
the article title, of the subtitle or section heading, and of the lead or
section body, with the ids of the article and section. The table is created
by migration 0005 and filled by `refresh_search_index`; it holds drafts too,
so every search joins `article` and filters through the caller's Visibility.
"""

from dataclasses import dataclass

from sqlalchemy import (
    CTE,
    Column,
    ColumnElement,
    Integer,
    MetaData,
    Table,
    Text,
    func,
    literal_column,
    null,
    select,
)

from schema import tables
from schema.search.snippets import snippet
from schema.search.text import SearchText
from schema.search.websearch import Fts5Query, fts5_query
from schema.visibility import Visibility

# Kept apart from SQLModel.metadata: alembic's autogenerate must not see it.
SEARCH_FTS = Table(
    "search_fts",
    MetaData(),
    Column("title", Text),
    Column("heading", Text),
    Column("body", Text),
    Column("article_id", Integer),
    Column("section_id", Integer),
)
# bm25 column weights, in the ratio of PostgreSQL's A (title), B (heading), C (body).
WEIGHTS = (5.0, 2.0, 1.0)

A = tables.Article


@dataclass(frozen=True, slots=True)
class SqliteMatcher:
    query: Fts5Query

    def matches(self, visibility: Visibility) -> CTE:
        fts = SEARCH_FTS
        table = literal_column(fts.name)
        # bm25 is lower for better matches; negated, higher is better as on PostgreSQL.
        rank = -func.bm25(table, *WEIGHTS)
        return (
            select(fts.c.article_id, fts.c.section_id, rank.label("rank"))
            .select_from(fts)
            .join(A, A.id == fts.c.article_id)
            .where(table.op("MATCH")(self.query.match), visibility.articles())
            # Materialised, so bm25 runs in the FTS query itself even under GROUP BY.
            .cte("match")
            .prefix_with("MATERIALIZED")
        )

    def headline(self, text: ColumnElement[str]) -> ColumnElement[str | None]:
        return null()

    def snippet(self, text: str, headline: str | None) -> str:
        return snippet(text, self.query.stems)


def sqlite_matcher(search: SearchText) -> SqliteMatcher | None:
    query = fts5_query(search.text)
    return SqliteMatcher(query) if query is not None else None
