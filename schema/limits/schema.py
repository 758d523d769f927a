"""The schema class the service uses: strawberry's, with quiet logs and masked internal errors."""

from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.types import ExecutionContext, ExecutionResult

from schema.limits.errors import log_errors, masked


class GuideSchema(strawberry.Schema):
    """Logs only real failures, and answers them with a request id instead of details.

    Strawberry logs every error with a traceback, including a client's typo;
    `process_errors` sees each error once, before any masking, so it logs the
    unexpected ones in full and client errors at debug level. `execute` masks
    every path (parsing, validation, extensions, resolvers) in one place.
    """

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        log_errors(errors)

    async def execute(self, *args: Any, **kwargs: Any) -> ExecutionResult:
        result = await super().execute(*args, **kwargs)
        if result.errors:
            result.errors = [masked(error) for error in result.errors]
        return result
