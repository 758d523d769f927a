"""Root field for references."""

from typing import Annotated

import strawberry
from graphql import GraphQLError
from strawberry import relay

from schema.types.node import node_key
from schema.types.reference import Reference


@strawberry.type
class ReferenceQuery:
    @strawberry.field(
        description="The reference with this ID (as in `Citation.reference.id`); null if unknown."
    )
    async def reference(
        self,
        info: strawberry.Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="A Reference ID.")],
    ) -> Reference | None:
        key = _reference_key(id)
        return await info.context.loaders.reference_by_id.load(key) if key else None


def _reference_key(value: str) -> int | None:
    try:
        global_id = relay.GlobalID.from_id(value)
    except relay.GlobalIDValueError:
        global_id = None
    if global_id is None or global_id.type_name != "Reference":
        raise GraphQLError(
            f"id: {value[:60]!r} is not a Reference ID; "
            "use the `id` of a Reference, e.g. from `Article.references`"
        )
    return node_key(global_id.node_id)
