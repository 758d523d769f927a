"""What is known about the request being answered, reachable from any code it runs."""

import re
import uuid
from contextvars import ContextVar
from dataclasses import dataclass

# Incoming ids are echoed into headers and logs: accept only short, plain tokens.
_SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")


@dataclass
class RequestInfo:
    request_id: str
    operation: str | None = None  # GraphQL operation name, when the request ran one
    graphql_errors: bool = False  # the GraphQL result carried errors
    sql_statements: int = 0


current_request: ContextVar[RequestInfo | None] = ContextVar("current_request", default=None)


def request_id_from(header: str | None) -> str:
    """The caller's X-Request-ID when it is a plain token, else a new random id."""
    if header and _SAFE_REQUEST_ID.fullmatch(header):
        return header
    return uuid.uuid4().hex
