"""Batch functions for references, citations and the articles that cite them."""

from collections.abc import Sequence

from sqlalchemy import select

from schema import tables
from schema.loaders.batch import Scope, many_per_key, one_per_key
from schema.types.article import COLUMNS as ARTICLE_COLUMNS
from schema.types.article import Article, article_from_row
from schema.types.reference import COLUMNS, Citation, Reference, reference_from_row

A = tables.Article
C = tables.Citation
R = tables.Reference


async def reference_by_id(scope: Scope, ids: Sequence[int]) -> list[Reference | None]:
    statement = select(*COLUMNS).where(R.id.in_(ids), scope.visibility.references())
    rows = await scope.reader.all(statement)
    return one_per_key(ids, rows, lambda row: row.id, reference_from_row)


async def citations_by_article(scope: Scope, article_ids: Sequence[int]) -> list[list[Citation]]:
    """Each article's citations by number, with their references (one statement)."""
    statement = (
        select(C.article_id, C.number, *COLUMNS)
        .select_from(C)
        .join(R, R.id == C.reference_id)
        .join(A, A.id == C.article_id)
        .where(C.article_id.in_(article_ids), scope.visibility.articles())
        .order_by(C.article_id, C.number)
    )
    rows = await scope.reader.all(statement)

    def build(row) -> Citation:
        return Citation(number=row.number, reference=reference_from_row(row))

    return many_per_key(article_ids, rows, lambda row: row.article_id, build)


async def cited_by_reference(scope: Scope, reference_ids: Sequence[int]) -> list[list[Article]]:
    """The visible articles citing each reference, ordered by slug."""
    statement = (
        select(C.reference_id, *ARTICLE_COLUMNS)
        .select_from(C)
        .join(A, A.id == C.article_id)
        .where(C.reference_id.in_(reference_ids), scope.visibility.articles())
        .order_by(C.reference_id, A.slug)
    )
    rows = await scope.reader.all(statement)

    def build(row) -> Article:
        return article_from_row(row, scope.media_base_url)

    return many_per_key(reference_ids, rows, lambda row: row.reference_id, build)
