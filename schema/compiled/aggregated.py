"""PostgreSQL: each root field in one statement, its relations aggregated into it.

A root statement (an article by slug, a section by anchor, a page of articles)
selects, beside the root's own columns, one column per relation selected below
it: `(SELECT array_agg((<columns>) ORDER BY …) FROM … WHERE <owner> = article.id)`,
an array of rows; and for a page whose `totalCount` is selected, the count of
visible articles. So a root field costs one statement and one round trip, and
one statement reads one snapshot.

Arrays of rows rather than JSON: asyncpg decodes them in binary, each value by
its own type, exactly as it decodes the same column selected on its own (a
`date` stays a date, jsonb goes through the connection's JSON codec), and the
database spends less on them than on escaping text into JSON (measured:
docs/performance.md). `RelatedRows` names the columns of each row, so rows reach
the same `*_from_row` builders as on the full path.
"""

from collections import namedtuple
from functools import cache
from typing import Any

from sqlalchemy import Dialect, Select, func, select, true, tuple_
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.types import NullType, TypeDecorator

from schema.compiled.statements import (
    ARTICLE_BY_SLUG,
    ARTICLE_COUNT,
    RELATIONS,
    SECTION_BY_ANCHOR,
    A,
    Relation,
    page,
)
from schema.types.article import COLUMNS as ARTICLE_COLUMNS


class RelatedRows(TypeDecorator):
    """An array of a relation's rows, as a list of named rows."""

    impl = NullType
    cache_ok = True

    def __init__(self, relation: Relation) -> None:
        super().__init__()
        names = [column.key for column in relation.rows.selected_columns]
        self.row = namedtuple("RelatedRow", names)

    def process_result_value(self, value: list[tuple] | None, dialect: Dialect) -> list[Any]:
        make = self.row._make
        return [make(values) for values in value] if value is not None else []


def _native(relation: Relation, dialect: Dialect) -> None:
    """Values inside the array are the driver's own: refuse a column whose type would
    convert them further on the full path (so both paths give the same values)."""
    for column in relation.rows.selected_columns:
        if column.type.dialect_impl(dialect).result_processor(dialect, None) is not None:
            raise TypeError(f"{column} converts its values: it cannot be aggregated")


def _aggregated(name: str) -> Any:
    """The column of relation `name` for the enclosing statement's article."""
    relation = RELATIONS[name]
    aggregate = func.array_agg(
        aggregate_order_by(tuple_(*relation.rows.selected_columns), *relation.order),
        type_=RelatedRows(relation),
    )
    return (
        relation.rows.with_only_columns(aggregate, maintain_column_froms=True)
        .where(relation.owner == A.id)
        .correlate(A)
        .scalar_subquery()
        .label(name)
    )


def _with_relations(statement: Select, relations: frozenset[str]) -> Select:
    return statement.add_columns(*(_aggregated(name) for name in RELATIONS if name in relations))


class AggregatedRelations:
    """Root statements carrying the selected relations, built once per set of relations."""

    def __init__(self, dialect: Dialect) -> None:
        for relation in RELATIONS.values():
            _native(relation, dialect)

    @staticmethod
    @cache
    def article(relations: frozenset[str]) -> Select:
        return _with_relations(ARTICLE_BY_SLUG, relations)

    @staticmethod
    @cache
    def section(relations: frozenset[str]) -> Select:
        return _with_relations(SECTION_BY_ANCHOR, relations)

    @staticmethod
    @cache
    def page(relations: frozenset[str]) -> Select:
        """The page's rows; with `totalCount`, each row also holds `total`, and an empty
        page is one row with `total` and nulls (the count joins the page laterally)."""
        rows = _with_relations(page(*ARTICLE_COLUMNS), relations)
        if "totalCount" not in relations:
            return rows
        total = ARTICLE_COUNT.subquery("total")
        on_page = rows.subquery("page").lateral()
        return (
            select(total.c.total, *on_page.c)
            .select_from(total.outerjoin(on_page, true()))
            .order_by(on_page.c.slug)
        )
