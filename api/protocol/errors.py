"""Request-level failures, answered with a GraphQL-shaped JSON body, never plain text."""

from collections.abc import Mapping

from starlette.responses import JSONResponse

from api.protocol.negotiation import JSON


class RequestError(Exception):
    """A request the endpoint refuses before any GraphQL runs.

    `code` goes to `errors[0].extensions.code` for clients that branch on it
    (e.g. Apollo's `PERSISTED_QUERY_NOT_FOUND`); `headers` are added to the
    answer (e.g. `Allow` with 405).
    """

    def __init__(
        self,
        status: int,
        message: str,
        *,
        code: str | None = None,
        headers: Mapping[str, str] | None = None,
        json_status: int | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        # Status under legacy `application/json`, when it differs: errors GraphQL clients
        # expect in a 200 answer (Apollo's PersistedQueryNotFound).
        self.json_status = json_status or status
        self.message = message
        self.code = code
        self.headers = dict(headers or {})

    def body(self) -> dict:
        error: dict = {"message": self.message}
        if self.code:
            error["extensions"] = {"code": self.code}
        return {"errors": [error]}


def error_response(error: RequestError, media_type: str) -> JSONResponse:
    status = error.json_status if media_type == JSON else error.status
    return JSONResponse(
        error.body(), status_code=status, headers=error.headers, media_type=media_type
    )
