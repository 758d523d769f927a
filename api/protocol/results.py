"""The status code and body of a GraphQL answer, by the response media type.

With `application/graphql-response+json`, a request error (the operation never
ran: unparseable, invalid, variables that do not coerce, limits) answers 4xx
without a `data` key; an internal failure before execution answers 500. With
`application/json`, every GraphQL result answers 200 (spec appendix A).
"""

from graphql import GraphQLError
from strawberry.types import ExecutionResult

from api.protocol.negotiation import GRAPHQL_RESPONSE_JSON
from schema.limits.errors import INTERNAL_ERROR_CODE

# Error codes that answer with their own status under the spec's media type.
STATUS_BY_CODE = {INTERNAL_ERROR_CODE: 500, "PERSISTED_QUERY_REQUIRED": 403}


def is_request_error(result: ExecutionResult) -> bool:
    """True when execution never started: no data, and no error belongs to a field."""
    return (
        result.data is None and bool(result.errors) and all(e.path is None for e in result.errors)
    )


def _error_status(errors: list[GraphQLError]) -> int:
    codes = [(error.extensions or {}).get("code") for error in errors]
    return max((STATUS_BY_CODE.get(code, 400) for code in codes), default=400)


def answer(result: ExecutionResult, media_type: str) -> tuple[dict, int]:
    """(JSON body, HTTP status) for an execution result."""
    body: dict = {"data": result.data}
    if result.errors:
        body["errors"] = [error.formatted for error in result.errors]
    if result.extensions:
        body["extensions"] = result.extensions
    if media_type == GRAPHQL_RESPONSE_JSON and is_request_error(result):
        del body["data"]
        return body, _error_status(result.errors or [])
    return body, 200
