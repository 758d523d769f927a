"""The statements of the compiled path, built once: per request only parameters change.

They read the same columns as the DataLoaders (so rows become the same objects,
through the same `*_from_row` builders) and see what the public may see: the
`Visibility` of an anonymous caller, the one place that decides.

Parameters are scalars only (no IN lists), so each statement compiles to one
fixed SQL text (`schema.compiled.prepared` prepares it once): relations are
asked either for one article (`:id`) or for the articles of a page, with the
page's own condition as a subquery (`:after`, `:limit`).

`SeparateRelations` answers a root field with its root statement and one
statement per relation (SQLite); `schema.compiled.aggregated` folds the
relations into the root statement (PostgreSQL).
"""

from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, bindparam, select

from schema import tables
from schema.content_version import STORED_PUBLIC_ARTICLES
from schema.loaders.topics import ORDER as TOPIC_ORDER
from schema.types.article import COLUMNS as ARTICLE_COLUMNS
from schema.types.reference import COLUMNS as REFERENCE_COLUMNS
from schema.types.reference import PLAIN_COLUMNS as PLAIN_REFERENCE_COLUMNS
from schema.types.section import COLUMNS as SECTION_COLUMNS
from schema.types.topic import COLUMNS as TOPIC_COLUMNS
from schema.visibility import Visibility

A = tables.Article
S = tables.Section
C = tables.Citation
R = tables.Reference
AT = tables.ArticleTopic

PUBLIC = Visibility().articles()


def page(*columns) -> Select:
    """Visible articles after `:after` ("" for the first page) by slug, `:limit` of them."""
    return (
        select(*columns)
        .where(PUBLIC, A.slug > bindparam("after"))
        .order_by(A.slug)
        .limit(bindparam("limit"))
    )


ARTICLE_BY_SLUG = select(*ARTICLE_COLUMNS).where(A.slug == bindparam("slug"), PUBLIC)
ARTICLE_PAGE = page(*ARTICLE_COLUMNS)
# The public's article count, as the last change stored it (schema.content_version).
ARTICLE_COUNT = STORED_PUBLIC_ARTICLES
# The section with its article's columns, named `article__<column>` (see fetch.Prefixed).
SECTION_BY_ANCHOR = (
    select(
        *SECTION_COLUMNS, *(column.label(f"article__{column.key}") for column in ARTICLE_COLUMNS)
    )
    .join(A, A.id == S.article_id)
    .where(A.slug == bindparam("article"), S.anchor == bindparam("anchor"), PUBLIC)
)


@dataclass(frozen=True)
class Relation:
    """The rows of a relation of articles: `rows` for the article whose id is `owner`,
    in `order` (within one article)."""

    rows: Select
    owner: ColumnElement
    order: tuple[ColumnElement, ...]


RELATIONS = {
    "sections": Relation(select(*SECTION_COLUMNS), S.article_id, (S.position,)),
    "topics": Relation(
        select(AT.article_id, *TOPIC_COLUMNS).join(AT, AT.topic_id == tables.Topic.id),
        AT.article_id,
        TOPIC_ORDER,
    ),
    "references": Relation(
        select(C.article_id, C.number, *REFERENCE_COLUMNS).join(R, R.id == C.reference_id),
        C.article_id,
        (C.number,),
    ),
    # The references, when a plan reads only their plain columns (schema.compiled.slim).
    "citations": Relation(
        select(C.article_id, C.number, *PLAIN_REFERENCE_COLUMNS).join(R, R.id == C.reference_id),
        C.article_id,
        (C.number,),
    ),
}


def _of_one(relation: Relation) -> Select:
    # The article is known to be visible: it was read under PUBLIC.
    return relation.rows.where(relation.owner == bindparam("id")).order_by(*relation.order)


def _on_page(relation: Relation) -> Select:
    return relation.rows.where(relation.owner.in_(page(A.id))).order_by(
        relation.owner, *relation.order
    )


# Relations by name, for one article (`:id`) and for a page's articles (`:after`, `:limit`).
OF_ARTICLE = {name: _of_one(relation) for name, relation in RELATIONS.items()}
ON_PAGE = {name: _on_page(relation) for name, relation in RELATIONS.items()}


class SeparateRelations:
    """The root statements without relations: each relation is a statement of its own."""

    def article(self, relations: frozenset[str]) -> Select:
        return ARTICLE_BY_SLUG

    def section(self, relations: frozenset[str]) -> Select:
        return SECTION_BY_ANCHOR

    def page(self, relations: frozenset[str]) -> Select:
        return ARTICLE_PAGE
