"""Which content a request may see: the one place that decides.

Every query, loader and node lookup filters through these clauses; the set of
visible article statuses travels in the request context (`visible_statuses`).
Today the public sees published articles only; preview and admin keys will
widen the set for their requests.

- an article is visible when its status is in the set;
- a section is visible when its article is;
- a reference is visible when at least one visible article cites it (so a
  draft's sources do not leak through `reference(id:)` or `node(id:)`);
- topics have no status and are always visible, but count and list visible
  articles only.
"""

from sqlalchemy import ColumnElement, exists, select

from schema import tables
from schema.principal import Principal, Role

PUBLIC: frozenset[str] = frozenset({tables.ArticleStatus.PUBLISHED.value})
EVERY_STATUS: frozenset[str] = frozenset(status.value for status in tables.ArticleStatus)


def statuses_for(principal: Principal) -> frozenset[str]:
    """Preview and admin keys see drafts and archived articles; everyone else published ones."""
    return EVERY_STATUS if principal.role in (Role.PREVIEW, Role.ADMIN) else PUBLIC


def article_visible(statuses: frozenset[str]) -> ColumnElement[bool]:
    """WHERE clause for rows of `article`."""
    return tables.Article.status.in_(sorted(statuses))


def reference_visible(statuses: frozenset[str]) -> ColumnElement[bool]:
    """WHERE clause for rows of `reference`: cited by at least one visible article."""
    return exists(
        select(tables.Citation.article_id)
        .join(tables.Article, tables.Article.id == tables.Citation.article_id)
        .where(tables.Citation.reference_id == tables.Reference.id)
        .where(article_visible(statuses))
    )
