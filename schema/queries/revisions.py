"""Admin root fields: `revisions(first:, after:)` and `articleRevision(slug:, revision:)`."""

from typing import Annotated

import strawberry
from graphql import GraphQLError
from strawberry import relay

from schema.anchors import anchor_for
from schema.cursors import After, PageSize, page_size
from schema.mutations.permissions import IsAdmin
from schema.revisions.history import UnknownRevisionError, article_at, list_revisions
from schema.types.revision import (
    ArticleRevision,
    RevisionConnection,
    article_revision,
    revision_from_info,
)


def _after(cursor: str | None) -> int | None:
    """Revision cursors are the revision number, as text."""
    if cursor is None:
        return None
    if not cursor.isdigit():
        raise GraphQLError(f"after: {cursor[:60]!r} is not a cursor of `revisions`")
    return int(cursor)


@strawberry.type
class RevisionQuery:
    @strawberry.field(
        description="Content revisions, newest first (admin keys only).",
        permission_classes=[IsAdmin],
    )
    async def revisions(
        self,
        info: strawberry.Info,
        first: PageSize = 20,
        after: After = None,
    ) -> RevisionConnection:
        size = page_size(first)
        found = await list_revisions(info.context.reader.all, limit=size + 1, before=_after(after))
        edges = [
            relay.Edge(cursor=str(revision.number), node=revision_from_info(revision))
            for revision in found[:size]
        ]
        return RevisionConnection(
            edges=edges,
            page_info=relay.PageInfo(
                has_next_page=len(found) > size,
                has_previous_page=after is not None,
                start_cursor=edges[0].cursor if edges else None,
                end_cursor=edges[-1].cursor if edges else None,
            ),
        )

    @strawberry.field(
        description=(
            "An article as it was at a revision (admin keys only); null if it did not exist then."
        ),
        permission_classes=[IsAdmin],
    )
    async def article_revision(
        self,
        info: strawberry.Info,
        slug: Annotated[str, strawberry.argument(description="Slug of the article.")],
        revision: Annotated[int, strawberry.argument(description="Revision number.")],
    ) -> ArticleRevision | None:
        try:
            found = await article_at(info.context.reader.all, slug, revision)
        except UnknownRevisionError as error:
            raise GraphQLError(f"revision: {error}") from None
        if found is None:
            return None
        document, digest = found
        anchors = [anchor_for(section["heading"]) for section in document["sections"]]
        return article_revision(slug, revision, document, digest, anchors)
