"""Schema extensions that belong to the content model."""

from collections.abc import AsyncIterator

from strawberry.extensions import SchemaExtension


class CloseReader(SchemaExtension):
    """Close the request's database reader once the operation has been answered.

    `get_context` has no teardown; this hook does it, whether the operation
    succeeded or failed. Pass the class to `strawberry.Schema`, never an instance.
    """

    async def on_operation(self) -> AsyncIterator[None]:
        try:
            yield
        finally:
            reader = getattr(self.execution_context.context, "reader", None)
            if reader is not None:
                await reader.close()
