"""Refusals of the access layer, answered as GraphQL-shaped JSON errors."""

from starlette.datastructures import Headers
from starlette.responses import JSONResponse

GRAPHQL_RESPONSE = "application/graphql-response+json"


class AccessError(Exception):
    """A request the access layer refuses before it reaches a route."""

    status_code = 400
    code = "BAD_REQUEST"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def headers(self) -> dict[str, str]:
        return {}

    def response(self, request_headers: Headers, extra: dict[str, str]) -> JSONResponse:
        """A GraphQL-shaped error body, in the media type the client accepts."""
        accepts = request_headers.get("accept", "")
        media_type = GRAPHQL_RESPONSE if GRAPHQL_RESPONSE in accepts else "application/json"
        body = {"errors": [{"message": self.message, "extensions": {"code": self.code}}]}
        return JSONResponse(
            body,
            status_code=self.status_code,
            headers={**self.headers(), **extra},
            media_type=media_type,
        )


class Unauthenticated(AccessError):
    """A missing, wrong, expired or revoked key: HTTP 401 (RFC 6750)."""

    status_code = 401
    code = "UNAUTHENTICATED"

    def headers(self) -> dict[str, str]:
        return {"WWW-Authenticate": 'Bearer realm="guide-api", error="invalid_token"'}


class Forbidden(AccessError):
    """A valid key used where it may not be (a browser origin it was not issued for): 403."""

    status_code = 403
    code = "FORBIDDEN"
