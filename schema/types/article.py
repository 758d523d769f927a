"""Article: one guide text with its sections, topics and numbered references."""

from collections.abc import Iterable
from datetime import UTC, datetime
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from sqlalchemy import Row
from strawberry import relay

from schema import tables
from schema.types.image import Image, image_or_none
from schema.types.node import load_nodes
from schema.types.richtext import RichText

if TYPE_CHECKING:
    from schema.types.reference import Citation
    from schema.types.section import Section
    from schema.types.topic import Topic


@strawberry.enum(description="Editorial state of an article.")
class ArticleStatus(Enum):
    DRAFT = strawberry.enum_value("draft", description="Being written; not public.")
    PUBLISHED = strawberry.enum_value("published", description="Public.")
    ARCHIVED = strawberry.enum_value(
        "archived", description="Withdrawn from listings; kept for reference."
    )


@strawberry.type(
    description=(
        "A guide article: title, lead, hero image, ordered sections, topics and numbered "
        "references."
    )
)
class Article(relay.Node):
    id: relay.NodeID[int]
    slug: str = strawberry.field(
        description="Stable, URL-safe name of the article, e.g. `knochenmetastasen-verstehen`."
    )
    locale: str = strawberry.field(description="Language of the text, e.g. `de`.")
    status: ArticleStatus = strawberry.field(description="Editorial state.")
    title: str = strawberry.field(description="Headline.")
    subtitle: str | None = strawberry.field(description="Line below the headline.")
    lead: RichText = strawberry.field(description="Introduction shown before the first section.")
    hero_image: Image | None = strawberry.field(description="Picture shown with the headline.")
    publisher: str | None = strawberry.field(description="Who publishes the article.")
    url: str | None = strawberry.field(description="Canonical URL of the article on the web.")
    published_at: datetime | None = strawberry.field(description="First publication (UTC).")
    updated_at: datetime | None = strawberry.field(description="Last change of content (UTC).")
    reviewed_at: datetime | None = strawberry.field(description="Last medical review (UTC).")

    @strawberry.field(description="The sections in reading order.")
    async def sections(
        self, info: strawberry.Info
    ) -> list[Annotated["Section", strawberry.lazy("schema.types.section")]]:
        return await info.context.loaders.sections_by_article.load(self.id)

    @strawberry.field(description="Topics the article belongs to, in the order of the topic list.")
    async def topics(
        self, info: strawberry.Info
    ) -> list[Annotated["Topic", strawberry.lazy("schema.types.topic")]]:
        return await info.context.loaders.topics_by_article.load(self.id)

    @strawberry.field(
        description="The literature the article cites, numbered 1..n in the order of first use."
    )
    async def references(
        self, info: strawberry.Info
    ) -> list[Annotated["Citation", strawberry.lazy("schema.types.reference")]]:
        return await info.context.loaders.citations_by_article.load(self.id)

    @classmethod
    async def resolve_nodes(
        cls, *, info: strawberry.Info, node_ids: Iterable[str], required: bool = False
    ) -> list["Article | None"]:
        loader = info.context.loaders.article_by_id
        return await load_nodes(loader, node_ids, required=required, type_name="Article")


A = tables.Article
# The columns an Article is built from (everything but the import bookkeeping).
COLUMNS = (
    A.id,
    A.slug,
    A.locale,
    A.status,
    A.title,
    A.subtitle,
    A.lead_markdown,
    A.lead_html,
    A.lead_text,
    A.hero_url,
    A.hero_alt,
    A.hero_caption,
    A.hero_width,
    A.hero_height,
    A.publisher,
    A.url,
    A.published_at,
    A.updated_at,
    A.reviewed_at,
)


def utc(value: datetime | None) -> datetime | None:
    """Stored timestamps are UTC; SQLite hands them back naive."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)


def article_from_row(row: Row[Any], media_base_url: str) -> Article:
    """An Article from a row holding `COLUMNS`."""
    return Article(
        id=row.id,
        slug=row.slug,
        locale=row.locale,
        status=ArticleStatus(row.status),
        title=row.title,
        subtitle=row.subtitle,
        lead=RichText(markdown=row.lead_markdown, html=row.lead_html, text=row.lead_text),
        hero_image=image_or_none(
            row.hero_url,
            alt=row.hero_alt,
            caption=row.hero_caption,
            width=row.hero_width,
            height=row.hero_height,
            media_base_url=media_base_url,
        ),
        publisher=row.publisher,
        url=row.url,
        published_at=utc(row.published_at),
        updated_at=utc(row.updated_at),
        reviewed_at=utc(row.reviewed_at),
    )
