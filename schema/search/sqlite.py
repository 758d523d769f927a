"""SQLite: an FTS5 table of stemmed text, ranked with bm25, snippets built in Python.

`search_fts` holds one row per search document: a digest of its source text
(UNINDEXED, first, so reading it never touches the long columns), and the
stems (see `words`) of the article title, of the subtitle or section heading,
and of the lead or section body. The rowid names the document (`document_rowid`):
the article id in the high 32 bits, the section id (0 for the article's own
document) in the low ones. So a search reads ids from the FTS5 index itself,
never from its content table, and the rows of one article are one rowid range.

The table is created by migration 0008 and kept current by
`refresh_search_index` (`sqlite_index`); it holds drafts too, so every search
keeps only the rows of articles the caller's Visibility lets through.
"""

from dataclasses import dataclass

from sqlalchemy import (
    BigInteger,
    Column,
    ColumnElement,
    Float,
    Integer,
    MetaData,
    Select,
    Subquery,
    Table,
    Text,
    func,
    literal_column,
    null,
    select,
)

from schema.search.scope import visible_documents
from schema.search.snippets import snippet
from schema.search.text import SearchText
from schema.search.websearch import Fts5Query, fts5_query
from schema.visibility import Visibility

# Kept apart from SQLModel.metadata: alembic's autogenerate must not see it.
SEARCH_FTS = Table(
    "search_fts",
    MetaData(),
    Column("digest", Text),
    Column("title", Text),
    Column("heading", Text),
    Column("body", Text),
)
# bm25 column weights (digest, title, heading, body): title : heading : body in the
# ratio of PostgreSQL's A : B : C; the digest is UNINDEXED and never matches.
WEIGHTS = (0.0, 5.0, 2.0, 1.0)

SECTION_BITS = 32
SECTION_MASK = (1 << SECTION_BITS) - 1

ROWID = literal_column("search_fts.rowid", BigInteger)


def article_of(rowid: ColumnElement[int]) -> ColumnElement[int]:
    """The article id of a document's rowid, in SQL."""
    return rowid.op(">>")(SECTION_BITS)


def section_of(rowid: ColumnElement[int]) -> ColumnElement[int | None]:
    """The section id of a document's rowid, in SQL (NULL for the article's own document)."""
    return func.nullif(rowid.op("&")(SECTION_MASK), 0, type_=Integer)


def document_rowid(article_id: int, section_id: int | None) -> int:
    """The rowid of a search document: an article's own (section None) or one section's."""
    return (article_id << SECTION_BITS) | (section_id or 0)


def article_rowids(article_id: int) -> tuple[int, int]:
    """First and last rowid an article's documents can have."""
    return article_id << SECTION_BITS, (article_id << SECTION_BITS) | SECTION_MASK


@dataclass(frozen=True, slots=True)
class SqliteMatcher:
    query: Fts5Query

    def documents(self, visibility: Visibility, *, ranked: bool) -> Select:
        columns = [article_of(ROWID).label("article_id"), section_of(ROWID).label("section_id")]
        if ranked:
            columns.append((-_bm25()).label("rank"))
        return self._matching(visibility, *columns)

    def best(self, visibility: Visibility, *, offset: int, limit: int) -> Subquery:
        # Sorted on the bare bm25 and the rowid (the same order as rank DESC, article
        # id, section id): no other expression is evaluated for each of the matches.
        score = _bm25().label("score")
        ranked = (
            self._matching(visibility, ROWID.label("document"), score)
            .order_by(score, ROWID)
            .limit(limit)
            .offset(offset)
            .subquery("ranked")
        )
        return select(
            article_of(ranked.c.document).label("article_id"),
            section_of(ranked.c.document).label("section_id"),
            (-ranked.c.score).label("rank"),
        ).subquery("best")

    def _matching(self, visibility: Visibility, *columns: ColumnElement) -> Select:
        return (
            select(*columns)
            .select_from(SEARCH_FTS)
            .where(
                literal_column("search_fts").op("MATCH")(self.query.match),
                # An expression of the rowid, so SQLite cannot turn the filter into one
                # FTS5 lookup per article: the index is scanned once, row by row.
                visible_documents(article_of(ROWID), visibility),
            )
        )

    def headline(self, text: ColumnElement[str]) -> ColumnElement[str | None]:
        return null()

    def snippet(self, text: str, headline: str | None) -> str:
        return snippet(text, self.query.stems)


def _bm25() -> ColumnElement[float]:
    """bm25 of the current row: lower is a better match."""
    return func.bm25(literal_column("search_fts"), *WEIGHTS, type_=Float)


def sqlite_matcher(search: SearchText) -> SqliteMatcher | None:
    query = fts5_query(search.text)
    return SqliteMatcher(query) if query is not None else None
