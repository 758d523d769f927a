"""Mutations on articles and sections (admin keys only)."""

from typing import Annotated, Any

import strawberry
from graphql import GraphQLError
from sqlalchemy.ext.asyncio import AsyncEngine

from schema.anchors import anchor_for
from schema.mutations.permissions import IsAdmin
from schema.revisions.lock import WriteLockTimeout
from schema.types.article import Article
from schema.types.section import Section

Slug = Annotated[str, strawberry.argument(description="Slug of the article.")]


@strawberry.type
class ArticleMutation:
    @strawberry.mutation(
        description="Publish an article (a draft or archived one); returns it.",
        permission_classes=[IsAdmin],
    )
    async def publish_article(self, info: strawberry.Info, slug: Slug) -> Article:
        return await _set_status(info, slug, "published", "publishArticle")

    @strawberry.mutation(
        description="Take an article back to draft: no longer public; returns it.",
        permission_classes=[IsAdmin],
    )
    async def unpublish_article(self, info: strawberry.Info, slug: Slug) -> Article:
        return await _set_status(info, slug, "draft", "unpublishArticle")

    @strawberry.mutation(
        description="Archive an article: withdrawn from the public, kept with its history.",
        permission_classes=[IsAdmin],
    )
    async def archive_article(self, info: strawberry.Info, slug: Slug) -> Article:
        return await _set_status(info, slug, "archived", "archiveArticle")

    @strawberry.mutation(
        description=(
            "Change one section's heading and/or body (markdown), checked like a seed file. "
            "A new heading gives the section a new anchor. Returns the section."
        ),
        permission_classes=[IsAdmin],
    )
    async def update_section(
        self,
        info: strawberry.Info,
        article: Slug,
        anchor: Annotated[str, strawberry.argument(description="Anchor of the section.")],
        heading: Annotated[
            str | None, strawberry.argument(description="New heading; omit to keep it.")
        ] = None,
        body: Annotated[
            str | None, strawberry.argument(description="New text as markdown; omit to keep it.")
        ] = None,
    ) -> Section:
        from seed.edits import replace_section  # the seed's write path; seed imports schema

        if heading is None and body is None:
            raise GraphQLError("updateSection: give a new heading, a new body, or both")
        await _apply(info, article, replace_section(anchor, heading, body), "updateSection")
        new_anchor = anchor if heading is None else anchor_for(heading.strip())
        section = await info.context.loaders.section_by_anchor.load((article, new_anchor))
        if section is None:  # written, but invisible to this caller: cannot be (admins see all)
            raise GraphQLError(f"updateSection: section {new_anchor!r} cannot be read back")
        return section


async def _set_status(info: strawberry.Info, slug: str, status: str, name: str) -> Article:
    from seed.edits import set_status

    await _apply(info, slug, set_status(status), name)
    article = await info.context.loaders.article_by_slug.load(slug)
    if article is None:
        raise GraphQLError(f"{name}: article {slug!r} cannot be read back")
    return article


async def _apply(info: strawberry.Info, slug: str, edit: Any, name: str) -> None:
    """Write the edit in its own transaction; the request's reader (opened later) sees it."""
    from seed.edits import EditError, edit_article

    principal = info.context.principal
    try:
        await edit_article(
            _engine(info),
            slug,
            edit,
            author=principal.name or "admin",
            source=f"mutation {name}",
        )
    except EditError as error:
        raise GraphQLError(f"{name}: {error}") from None
    except WriteLockTimeout as error:
        raise GraphQLError(f"{name}: {error}") from None


def _engine(info: strawberry.Info) -> AsyncEngine:
    # The request's reader knows the engine; mutations write on a connection of their own.
    return info.context.reader.engine
