"""Recording the GraphQL operation of a request for its log line and metrics."""

from collections.abc import Iterator

from strawberry.extensions import SchemaExtension

from api.observability.context import current_request


class RecordOperation(SchemaExtension):
    """Put the operation name, and whether the result has errors, into the RequestInfo."""

    def on_operation(self) -> Iterator[None]:
        yield
        info = current_request.get()
        if info is None:
            return
        context = self.execution_context
        info.operation = context.operation_name or "anonymous"
        result = context.result
        info.graphql_errors = bool(context.pre_execution_errors or (result and result.errors))


def record_compiled_operation(operation: str | None) -> None:
    """What `RecordOperation` notes, for an answer of the compiled path (no extension runs)."""
    info = current_request.get()
    if info is not None:
        info.operation = operation or "anonymous"
        info.graphql_errors = False
