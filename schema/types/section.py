"""Section: one headed part of an article."""

from collections.abc import Iterable
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from sqlalchemy import Row
from strawberry import relay

from schema import tables
from schema.types.node import load_nodes
from schema.types.richtext import RichText

if TYPE_CHECKING:
    from schema.types.article import Article


@strawberry.type(description="One headed part of an article, addressable by its anchor.")
class Section(relay.Node):
    id: relay.NodeID[int]
    article_id: strawberry.Private[int]
    anchor: str = strawberry.field(
        description=(
            "Stable fragment id derived from the heading, e.g. "
            "`wie-die-situation-sicher-abgeklaert-und-ueberwacht-wird`."
        )
    )
    position: int = strawberry.field(description="Place in the article, counting from 1.")
    heading: str = strawberry.field(description="Heading of the section.")
    body: RichText = strawberry.field(description="Text of the section, without its heading.")

    @strawberry.field(description="The article this section belongs to.")
    async def article(
        self, info: strawberry.Info
    ) -> Annotated["Article", strawberry.lazy("schema.types.article")]:
        return await info.context.loaders.article_by_id.load(self.article_id)

    @classmethod
    async def resolve_nodes(
        cls, *, info: strawberry.Info, node_ids: Iterable[str], required: bool = False
    ) -> list["Section | None"]:
        loader = info.context.loaders.section_by_id
        return await load_nodes(loader, node_ids, required=required, type_name="Section")


S = tables.Section
# The columns a Section is built from.
COLUMNS = (
    S.id,
    S.article_id,
    S.position,
    S.anchor,
    S.heading,
    S.body_markdown,
    S.body_html,
    S.body_text,
)


def section_from_row(row: Row[Any]) -> Section:
    """A Section from a row holding `COLUMNS`."""
    return Section(
        id=row.id,
        article_id=row.article_id,
        anchor=row.anchor,
        position=row.position,
        heading=row.heading,
        body=RichText(markdown=row.body_markdown, html=row.body_html, text=row.body_text),
    )
