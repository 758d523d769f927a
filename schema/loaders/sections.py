"""Batch functions for sections: of articles, by id, by (article slug, anchor)."""

from collections.abc import Sequence

from sqlalchemy import select, tuple_

from schema import tables
from schema.loaders.batch import Scope, many_per_key, one_per_key
from schema.types.section import COLUMNS, Section, section_from_row

A = tables.Article
S = tables.Section


def _visible_sections(scope: Scope):
    """Sections joined to their article, limited to visible articles."""
    return select(*COLUMNS).join(A, A.id == S.article_id).where(scope.visibility.articles())


async def sections_by_article(scope: Scope, article_ids: Sequence[int]) -> list[list[Section]]:
    statement = (
        _visible_sections(scope)
        .where(S.article_id.in_(article_ids))
        .order_by(S.article_id, S.position)
    )
    rows = await scope.reader.all(statement)
    return many_per_key(article_ids, rows, lambda row: row.article_id, section_from_row)


async def section_by_id(scope: Scope, ids: Sequence[int]) -> list[Section | None]:
    rows = await scope.reader.all(_visible_sections(scope).where(S.id.in_(ids)))
    return one_per_key(ids, rows, lambda row: row.id, section_from_row)


async def section_by_anchor(scope: Scope, keys: Sequence[tuple[str, str]]) -> list[Section | None]:
    """Sections by `(article slug, anchor)`."""
    statement = _visible_sections(scope).add_columns(A.slug.label("article_slug"))
    statement = statement.where(tuple_(A.slug, S.anchor).in_(list(keys)))
    rows = await scope.reader.all(statement)
    return one_per_key(keys, rows, lambda row: (row.article_slug, row.anchor), section_from_row)
