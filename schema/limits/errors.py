"""Errors the client sees, and errors only the log sees.

Client errors (a `GraphQLError` raised on purpose: validation, limits, bad
arguments, permissions) reach the client unchanged and are not logged as
failures. Anything else is a bug or an outage: it is logged with its traceback
and a request id, and the client gets only "Internal error (request id …)".
"""

import logging
import uuid
from contextvars import ContextVar

from graphql import GraphQLError

log = logging.getLogger("guide.graphql")

# The id of the HTTP request being answered; the endpoint sets it, so the log
# line and the client's error message carry the same id.
request_id: ContextVar[str | None] = ContextVar("guide_request_id", default=None)

INTERNAL_ERROR_CODE = "INTERNAL_SERVER_ERROR"


def new_request_id() -> str:
    return uuid.uuid4().hex[:16]


def current_request_id() -> str:
    """The request's id; one is made (and kept for the request) when the endpoint set none."""
    value = request_id.get()
    if value is None:
        value = new_request_id()
        request_id.set(value)
    return value


def is_unexpected(error: GraphQLError) -> bool:
    """True for errors no client caused: an exception that is not a GraphQLError.

    Variable coercion failures also wrap a plain exception (a scalar's ValueError),
    but they point at the document and have no result path; they stay visible.
    """
    original = error.original_error
    if original is None or isinstance(original, GraphQLError):
        return False
    return error.path is not None or not error.nodes


def log_errors(errors: list[GraphQLError]) -> None:
    """Log unexpected errors in full; client errors only at debug level."""
    for error in errors:
        if is_unexpected(error):
            original = error.original_error
            log.error(
                "Internal error (request id %s) at %s: %s",
                current_request_id(),
                ".".join(map(str, error.path or ())) or "operation",
                error.message,
                exc_info=(type(original), original, original.__traceback__),
            )
        else:
            log.debug("Client error: %s", error.message)


def masked(error: GraphQLError) -> GraphQLError:
    """The error as the client sees it: unchanged, or a generic message with the request id."""
    if not is_unexpected(error):
        return error
    rid = current_request_id()
    return GraphQLError(
        f"Internal error (request id {rid})",
        nodes=error.nodes,
        path=error.path,
        extensions={"code": INTERNAL_ERROR_CODE, "requestId": rid},
    )
