"""Which content a request may see: the one place that decides.

Every query, loader, node lookup, search and embed filters through the
`Visibility` in the request's context:

- an article is visible when its status is one the caller may see;
- a section is visible when its article is;
- a reference is visible when at least one visible article cites it (so a
  draft's sources do not leak through `reference(id:)` or `node(id:)`);
- topics have no status and are always visible, but count and list visible
  articles only.

The public sees published articles; preview and admin keys also drafts and
archived articles.
"""

from dataclasses import dataclass

from sqlalchemy import ColumnElement, exists, select

from schema import tables
from schema.principal import Principal, Role

PUBLIC: frozenset[str] = frozenset({tables.ArticleStatus.PUBLISHED.value})
EVERY_STATUS: frozenset[str] = frozenset(status.value for status in tables.ArticleStatus)


@dataclass(frozen=True, slots=True)
class Visibility:
    """What one caller may see, as SQL conditions."""

    statuses: frozenset[str] = PUBLIC

    def articles(self) -> ColumnElement[bool]:
        """WHERE clause for rows of `article`."""
        return tables.Article.status.in_(sorted(self.statuses))

    def references(self) -> ColumnElement[bool]:
        """WHERE clause for rows of `reference`: cited by at least one visible article."""
        return exists(
            select(tables.Citation.article_id)
            .join(tables.Article, tables.Article.id == tables.Citation.article_id)
            .where(tables.Citation.reference_id == tables.Reference.id)
            .where(self.articles())
        )


def visibility_for(principal: Principal) -> Visibility:
    """Preview and admin keys see drafts and archived articles; everyone else published ones."""
    if principal.role in (Role.PREVIEW, Role.ADMIN):
        return Visibility(statuses=EVERY_STATUS)
    return Visibility(statuses=PUBLIC)
