"""Which content a request may see: the one place that decides.

Every query, loader, node lookup, search and embed filters through the
`Visibility` in the request's context:

- an article is visible when its status is one the caller may see and, for a
  partner key, when it lies in the key's scope: filed under one of the key's
  topics or any topic below them, or named by slug in the key;
- a section is visible when its article is;
- a reference is visible when at least one visible article cites it (so a
  draft's sources do not leak through `reference(id:)` or `node(id:)`);
- topics have no status and are always visible, also to partners outside
  their scope (the tree stays navigable), but count and list visible articles
  only: out-of-scope articles behave as if they did not exist.

The public and partners see published articles; preview and admin keys also
drafts and archived articles.
"""

from dataclasses import dataclass, field

from sqlalchemy import CTE, ColumnElement, and_, exists, false, or_, select

from schema import tables
from schema.principal import Principal, Role

PUBLIC: frozenset[str] = frozenset({tables.ArticleStatus.PUBLISHED.value})
EVERY_STATUS: frozenset[str] = frozenset(status.value for status in tables.ArticleStatus)

A = tables.Article
T = tables.Topic


@dataclass(frozen=True, slots=True)
class PartnerScope:
    """The topics (with their subtopics) and articles a partner key was issued for."""

    topics: frozenset[str] = frozenset()
    articles: frozenset[str] = frozenset()
    # Built once, so that a statement using the clause twice refers to one CTE.
    _tree: CTE | None = field(default=None, init=False, compare=False, hash=False, repr=False)

    def __post_init__(self) -> None:
        if self.topics:
            object.__setattr__(self, "_tree", _topic_tree(self.topics))

    def articles_clause(self) -> ColumnElement[bool]:
        """Rows of `article` inside the scope; nothing for an empty scope (fail closed)."""
        within: list[ColumnElement[bool]] = []
        if self._tree is not None:
            filed = select(tables.ArticleTopic.article_id).where(
                tables.ArticleTopic.topic_id.in_(select(self._tree.c.id))
            )
            within.append(A.id.in_(filed))
        if self.articles:
            within.append(A.slug.in_(sorted(self.articles)))
        return or_(*within) if within else false()


def _topic_tree(slugs: frozenset[str]) -> CTE:
    """Ids of the topics named by slug and every topic below them (recursive CTE).

    UNION (not UNION ALL) drops repeated rows, so even a cycle in the tree ends
    the recursion. Portable between SQLite and PostgreSQL.
    """
    tree = select(T.id).where(T.slug.in_(sorted(slugs))).cte("partner_topic", recursive=True)
    child = tables.Topic.__table__.alias("partner_child")
    return tree.union(select(child.c.id).where(child.c.parent_id == tree.c.id))


@dataclass(frozen=True, slots=True)
class Visibility:
    """What one caller may see, as SQL conditions. Hashable: usable as a cache key."""

    statuses: frozenset[str] = PUBLIC
    # None: not limited to a scope (the public, preview and admin keys).
    partner: PartnerScope | None = None

    def articles(self) -> ColumnElement[bool]:
        """WHERE clause for rows of `article`."""
        status = A.status.in_(sorted(self.statuses))
        if self.partner is None:
            return status
        return and_(status, self.partner.articles_clause())

    def references(self) -> ColumnElement[bool]:
        """WHERE clause for rows of `reference`: cited by at least one visible article."""
        return exists(
            select(tables.Citation.article_id)
            .join(A, A.id == tables.Citation.article_id)
            .where(tables.Citation.reference_id == tables.Reference.id)
            .where(self.articles())
        )


def visibility_for(principal: Principal) -> Visibility:
    """Preview and admin keys see drafts and archived articles; partners published ones
    within their scope; everyone else every published article."""
    if principal.role in (Role.PREVIEW, Role.ADMIN):
        return Visibility(statuses=EVERY_STATUS)
    if principal.role is Role.PARTNER:
        scope = PartnerScope(topics=principal.topics, articles=principal.articles)
        return Visibility(statuses=PUBLIC, partner=scope)
    return Visibility(statuses=PUBLIC)
