"""The change feed's shape: one edge per created, updated or removed entity."""

from enum import Enum

import strawberry
from strawberry import relay


@strawberry.enum(description="What kind of entity changed.")
class ChangeKind(Enum):
    ARTICLE = strawberry.enum_value("article", description="An Article.")
    SECTION = strawberry.enum_value("section", description="A Section of an article.")
    TOPIC = strawberry.enum_value("topic", description="A Topic.")
    REFERENCE = strawberry.enum_value("reference", description="A literature Reference.")


@strawberry.enum(description="What happened to the entity, as far as the caller may see.")
class ChangeAction(Enum):
    CREATED = strawberry.enum_value("created", description="New to the caller: store `node`.")
    UPDATED = strawberry.enum_value("updated", description="Changed: replace it by `node`.")
    REMOVED = strawberry.enum_value(
        "removed", description="Gone (deleted, or no longer visible): drop `globalId`."
    )


@strawberry.type(
    description=(
        "One change. Apply the edges in order: drop `globalId` when `node` is null, "
        "else store `node` under it."
    )
)
class ChangeEdge:
    cursor: str = strawberry.field(description="Pass as `since` to continue after this change.")
    kind: ChangeKind = strawberry.field(description="Kind of the entity.")
    action: ChangeAction = strawberry.field(description="What happened to it.")
    global_id: strawberry.ID = strawberry.field(
        description="The entity's global ID, also for removed entities (tombstones)."
    )
    revision: int = strawberry.field(description="The content revision that made the change.")
    node: relay.Node | None = strawberry.field(
        description="The entity as it is now; null when it was removed or is no longer visible."
    )


@strawberry.type(
    description=(
        "Changes since a cursor, oldest first. Keep `pageInfo.endCursor` and pass it as "
        "`since` next time; it is set even when there are no edges."
    )
)
class ChangeConnection:
    edges: list[ChangeEdge] = strawberry.field(description="The changes, in order.")
    page_info: relay.PageInfo = strawberry.field(description="Where this page ends.")
