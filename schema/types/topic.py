"""Topic: a node of the topic tree (Krebs › Metastasen › Knochenmetastasen)."""

from collections.abc import Iterable
from typing import Any, Optional

import strawberry
from sqlalchemy import Row
from strawberry import relay

from schema import tables
from schema.cursors import DEFAULT_PAGE_SIZE, After, PageSize
from schema.types.connection import ArticleConnection, article_connection
from schema.types.node import load_nodes


@strawberry.type(
    description="A subject of the guide. Topics form a tree; articles belong to several topics."
)
class Topic(relay.Node):
    id: relay.NodeID[int]
    parent_id: strawberry.Private[int | None]
    slug: str = strawberry.field(description="Stable, URL-safe name, e.g. `knochenmetastasen`.")
    name: str = strawberry.field(description="Display name, e.g. `Knochenmetastasen`.")
    description: str | None = strawberry.field(description="Short introduction to the topic.")

    @strawberry.field(description="The broader topic above this one; null at the top.")
    async def parent(self, info: strawberry.Info) -> Optional["Topic"]:
        if self.parent_id is None:
            return None
        return await info.context.loaders.topic_by_id.load(self.parent_id)

    @strawberry.field(description="The narrower topics directly below this one, in list order.")
    async def children(self, info: strawberry.Info) -> list["Topic"]:
        return await info.context.loaders.children_by_topic.load(self.id)

    @strawberry.field(
        description=(
            "Articles of this topic and of every topic below it, ordered by slug "
            "(a Relay connection: page with `first` and `after`)."
        )
    )
    async def articles(
        self,
        info: strawberry.Info,
        first: PageSize = DEFAULT_PAGE_SIZE,
        after: After = None,
    ) -> ArticleConnection:
        return await article_connection(info, topic_id=self.id, first=first, after=after)

    @strawberry.field(
        description="How many articles `articles` holds: this topic's and its subtopics'."
    )
    async def article_count(self, info: strawberry.Info) -> int:
        return await info.context.loaders.article_count.load(self.id)

    @classmethod
    async def resolve_nodes(
        cls, *, info: strawberry.Info, node_ids: Iterable[str], required: bool = False
    ) -> list["Topic | None"]:
        loader = info.context.loaders.topic_by_id
        return await load_nodes(loader, node_ids, required=required, type_name="Topic")


T = tables.Topic
# The columns a Topic is built from.
COLUMNS = (T.id, T.parent_id, T.slug, T.name, T.description)


def topic_from_row(row: Row[Any]) -> Topic:
    """A Topic from a row holding `COLUMNS`."""
    return Topic(
        id=row.id,
        parent_id=row.parent_id,
        slug=row.slug,
        name=row.name,
        description=row.description,
    )
