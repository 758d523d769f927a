"""Which search documents a caller may get: those of articles the caller's Visibility lets through.

Both indexes hold every article, drafts too, so each search statement filters
its documents by article id. The condition is the cheapest that is equivalent
to `Visibility.articles()`:

- preview and admin keys see every status: no condition at all;
- the public sees every article except those of the statuses it may not see,
  a short list (drafts, archived articles) found through the status index, so
  the filter of thousands of hits is a probe of a tiny set. The `article.status`
  CHECK constraint (and NOT NULL) makes "not hidden" the same as "visible";
- partner keys: the articles of their scope, the Visibility's own clause
  (fail closed; their sets are small).

A document whose article no longer exists would pass the public filter; the
writers' `refresh_search_index` removes such documents in the same transaction
as the article, and hit pages join `article`, so none is ever shown.
"""

from sqlalchemy import ColumnElement, select, true

from schema import tables
from schema.visibility import EVERY_STATUS, Visibility

A = tables.Article


def visible_documents(
    article_id: ColumnElement[int], visibility: Visibility
) -> ColumnElement[bool]:
    """WHERE clause for index rows whose article (id `article_id`) the caller may see."""
    if visibility.partner is not None:
        return article_id.in_(select(A.id).where(visibility.articles()))
    hidden = sorted(EVERY_STATUS - visibility.statuses)
    if not hidden:
        return true()
    return article_id.not_in(select(A.id).where(A.status.in_(hidden)))
