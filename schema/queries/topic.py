"""Root fields for topics."""

from typing import Annotated

import strawberry

from schema.types.topic import Topic


@strawberry.type
class TopicQuery:
    @strawberry.field(description="The topic with this slug; null if there is none.")
    async def topic(
        self,
        info: strawberry.Info,
        slug: Annotated[str, strawberry.argument(description="e.g. `knochenmetastasen`")],
    ) -> Topic | None:
        return await info.context.loaders.topic_by_slug.load(slug)

    @strawberry.field(
        description=(
            "Every topic, in the order of the topic list; use `parent` and `children` to "
            "build the tree."
        )
    )
    async def topics(self, info: strawberry.Info) -> list[Topic]:
        return await info.context.loaders.all_topics()
