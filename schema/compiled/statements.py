"""The statements of the compiled path, built once: per request only parameters change.

They read the same columns as the DataLoaders (so rows become the same objects,
through the same `*_from_row` builders) and see what the public may see: the
`Visibility` of an anonymous caller, the one place that decides.

Parameters are scalars only (no IN lists), so each statement compiles to one
fixed SQL text (`schema.compiled.snapshot` prepares it once): relations are
asked either for one article (`:id`) or for the articles of a page, with the
page's own condition as a subquery (`:after`, `:limit`).
"""

from sqlalchemy import ColumnElement, Select, bindparam, func, select

from schema import tables
from schema.loaders.topics import ORDER as TOPIC_ORDER
from schema.types.article import COLUMNS as ARTICLE_COLUMNS
from schema.types.reference import COLUMNS as REFERENCE_COLUMNS
from schema.types.section import COLUMNS as SECTION_COLUMNS
from schema.types.topic import COLUMNS as TOPIC_COLUMNS
from schema.visibility import Visibility

A = tables.Article
S = tables.Section
C = tables.Citation
R = tables.Reference
AT = tables.ArticleTopic

PUBLIC = Visibility().articles()


def _page(*columns) -> Select:
    """Visible articles after `:after` ("" for the first page) by slug, `:limit` of them."""
    return (
        select(*columns)
        .where(PUBLIC, A.slug > bindparam("after"))
        .order_by(A.slug)
        .limit(bindparam("limit"))
    )


ARTICLE_BY_SLUG = select(*ARTICLE_COLUMNS).where(A.slug == bindparam("slug"), PUBLIC)
ARTICLE_PAGE = _page(*ARTICLE_COLUMNS)
ARTICLE_COUNT = select(func.count()).select_from(A).where(PUBLIC)
# The section with its article's columns, named `article__<column>` (see fetch.Prefixed).
SECTION_BY_ANCHOR = (
    select(
        *SECTION_COLUMNS, *(column.label(f"article__{column.key}") for column in ARTICLE_COLUMNS)
    )
    .join(A, A.id == S.article_id)
    .where(A.slug == bindparam("article"), S.anchor == bindparam("anchor"), PUBLIC)
)

_SECTIONS = select(*SECTION_COLUMNS).order_by(S.article_id, S.position)
_TOPICS = (
    select(AT.article_id, *TOPIC_COLUMNS)
    .join(AT, AT.topic_id == tables.Topic.id)
    .order_by(*TOPIC_ORDER)
)
_CITATIONS = (
    select(C.article_id, C.number, *REFERENCE_COLUMNS)
    .join(R, R.id == C.reference_id)
    .order_by(C.article_id, C.number)
)


def _of_one(statement: Select, article_id: ColumnElement) -> Select:
    # The article is known to be visible: it was read under PUBLIC.
    return statement.where(article_id == bindparam("id"))


def _on_page(statement: Select, article_id: ColumnElement) -> Select:
    return statement.where(article_id.in_(_page(A.id)))


# Relations by name, for one article (`:id`) and for a page's articles (`:after`, `:limit`).
OF_ARTICLE = {
    "sections": _of_one(_SECTIONS, S.article_id),
    "topics": _of_one(_TOPICS, AT.article_id),
    "references": _of_one(_CITATIONS, C.article_id),
}
ON_PAGE = {
    "sections": _on_page(_SECTIONS, S.article_id),
    "topics": _on_page(_TOPICS, AT.article_id),
    "references": _on_page(_CITATIONS, C.article_id),
}
