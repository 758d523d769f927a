"""Root field `node(id:)`: any object by its global ID (Relay).

A side door to every Node type: each type's `resolve_nodes` goes through the
request's loaders, which apply the same visibility rules as every other field.
"""

from typing import Annotated

import strawberry
from graphql import GraphQLError
from strawberry import relay

NODE_TYPES = "an Article, Section, Topic or Reference"


@strawberry.type
class NodeQuery:
    @strawberry.field(
        description=(
            "Any object by its global ID (Article, Section, Topic, Reference); null if "
            "it does not exist or is not visible."
        )
    )
    async def node(
        self,
        info: strawberry.Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="The ID of the object.")],
    ) -> relay.Node | None:
        try:
            global_id = relay.GlobalID.from_id(id)
            node_type = global_id.resolve_type(info)
        except relay.GlobalIDValueError:
            raise GraphQLError(
                f"id: {id[:60]!r} is not an ID of this API; use the `id` of {NODE_TYPES}"
            ) from None
        return await node_type.resolve_node(global_id.node_id, info=info, required=False)
