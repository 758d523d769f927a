"""PostgreSQL: a table of tsvectors with the `german` configuration, GIN-indexed.

Migration 0008 creates `search_fts(article_id, section_id, digest, tsv)`: one
row per search document, an article (title A, subtitle B, lead C; section_id
NULL) or a section (heading B, body C), filled by `refresh_search_index`
(`postgresql_index`). A table of its own: counting and ranking thousands of
hits read its rows only, never the wide `article` and `section` rows.

Texts are indexed as written. Spellings are matched on the query side: the
`german` stemmer folds "Übelkeit" to `ubel` but reads "Uebelkeit" as `uebel`,
so each term asks for every spelling of itself (as typed, spelled-out umlauts
written as umlauts, umlauts spelled out), and either spelling finds either.

The query is built from the shared web-search syntax (`websearch.parse`), one
`phraseto_tsquery` per term and spelling, so no input is tsquery syntax and
none raises an error; it is computed once per statement (a scalar subquery: an
InitPlan, not once per row). Ranks come from `ts_rank_cd`, snippets from
`ts_headline`, for the rows of the page only.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import reduce

from sqlalchemy import (
    Column,
    ColumnElement,
    Integer,
    MetaData,
    Select,
    Subquery,
    Table,
    Text,
    func,
    literal,
    select,
)
from sqlalchemy.dialects.postgresql import REGCONFIG, TSVECTOR, ts_headline

from schema.search.scope import visible_documents
from schema.search.snippets import SNIPPET_WORDS, START_MARK, STOP_MARK, from_headline
from schema.search.text import SearchText
from schema.search.websearch import Term, Terms, parse
from schema.visibility import Visibility

CONFIG = "german"
_CONFIG = literal(CONFIG, REGCONFIG)
# Kept apart from SQLModel.metadata: alembic's autogenerate must not see it.
SEARCH_FTS = Table(
    "search_fts",
    MetaData(),
    Column("article_id", Integer),
    Column("section_id", Integer),
    Column("digest", Text),
    Column("tsv", TSVECTOR),
)
HEADLINE_OPTIONS = (
    f"StartSel={START_MARK}, StopSel={STOP_MARK}, "
    f"MaxWords={SNIPPET_WORDS}, MinWords={SNIPPET_WORDS // 2}, ShortWord=2"
)

_TO_ASCII = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})
_SPELLED_OUT = re.compile(r"(?<![qQ])([aouAOU])[eE]")
_UMLAUT = {"a": "ä", "o": "ö", "u": "ü", "A": "Ä", "O": "Ö", "U": "Ü"}


@dataclass(frozen=True, slots=True)
class PostgresMatcher:
    terms: Terms

    def documents(self, visibility: Visibility, *, ranked: bool) -> Select:
        fts = SEARCH_FTS.c
        columns = [fts.article_id, fts.section_id]
        if ranked:
            columns.append(func.ts_rank_cd(fts.tsv, self._query()).label("rank"))
        return select(*columns).where(
            fts.tsv.op("@@")(self._query()),
            # A query of exclusions or stop words only would match nearly everything: no hits.
            func.querytree(self._query()) != "T",
            visible_documents(fts.article_id, visibility),
        )

    def best(self, visibility: Visibility, *, offset: int, limit: int) -> Subquery:
        ranked = self.documents(visibility, ranked=True)
        hit = ranked.selected_columns
        return (
            ranked.order_by(hit.rank.desc(), hit.article_id, hit.section_id.nulls_first())
            .limit(limit)
            .offset(offset)
            .subquery("best")
        )

    def headline(self, text: ColumnElement[str]) -> ColumnElement[str | None]:
        return ts_headline(CONFIG, text, self._query(), HEADLINE_OPTIONS)

    def snippet(self, text: str, headline: str | None) -> str:
        return from_headline(headline or "", text)

    def _query(self) -> ColumnElement:
        # A scalar subquery: computed once per statement (an InitPlan), not once per row.
        return select(tsquery(self.terms)).scalar_subquery()


def postgres_matcher(search: SearchText) -> PostgresMatcher | None:
    terms = parse(search.text)
    return PostgresMatcher(terms) if terms is not None else None


def tsquery(terms: Terms) -> ColumnElement:
    """All required groups, none of the excluded terms, each term in every spelling."""
    query = _all(_any(_term(term) for term in group) for group in terms.required)
    for term in terms.excluded:
        query = func.tsquery_and(query, func.tsquery_not(_term(term)))
    return query


def _term(term: Term) -> ColumnElement:
    return _any(func.phraseto_tsquery(_CONFIG, spelling) for spelling in spellings(term.text))


def _any(queries: Iterable[ColumnElement]) -> ColumnElement:
    return reduce(func.tsquery_or, queries)


def _all(queries: Iterable[ColumnElement]) -> ColumnElement:
    return reduce(func.tsquery_and, queries)


def spellings(text: str) -> list[str]:
    """`text` as typed, with spelled-out umlauts as umlauts, and with umlauts spelled out."""
    return list(dict.fromkeys((text, umlauted(text), text.translate(_TO_ASCII))))


def umlauted(text: str) -> str:
    """Spelled-out umlauts written as umlauts: "Uebelkeit", "UEBELKEIT" → "Übelkeit", "ÜBELKEIT"
    (not after q: "Quelle")."""
    return _SPELLED_OUT.sub(lambda match: _UMLAUT[match.group(1)], text)
