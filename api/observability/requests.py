"""The per-request middleware: request id, content version header, log line, metrics.

Pure ASGI (no response buffering): it sets the request's `RequestInfo` in a contextvar
before the app runs, adds `X-Request-ID` and `X-Content-Version` to the response
headers, and when the response is done writes one JSON log line and the metrics.

It runs for every request, cached answers included (`api.cache.fast`), so it works
on the raw ASGI header lists: no `Headers` objects, and the log line's fields are
only gathered when the request logger is on.
"""

import logging
import random
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.content_watch import ContentWatch
from api.observability import metrics
from api.observability.context import RequestInfo, current_request, request_id_from
from api.observability.logs import REQUEST_LOGGER

log = logging.getLogger(REQUEST_LOGGER)


def request_id_of(headers: list[tuple[bytes, bytes]]) -> str:
    """The caller's X-Request-ID when it is a plain token, else 32 new random hex digits."""
    for name, value in headers:
        if name == b"x-request-id":
            return request_id_from(value.decode("latin-1"))
    # 128 random bits like a uuid4, without a system call (ids need not be secret).
    return f"{random.getrandbits(128):032x}"


class ObserveRequests:
    def __init__(self, app: ASGIApp, content_watch: ContentWatch) -> None:
        self.app = app
        self.content_watch = content_watch
        self._version_header = (-1, b"")  # the header of the last version seen

    def _content_version(self) -> bytes:
        version = self.content_watch.version
        if self._version_header[0] != version:
            self._version_header = (version, str(version).encode())
        return self._version_header[1]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        info = RequestInfo(request_id=request_id_of(scope["headers"]))
        token = current_request.set(info)
        started = time.perf_counter()
        status = 500  # what the client gets when the app fails before answering

        async def send_with_headers(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                # A new list: cached answers share theirs (api.cache.fast).
                message["headers"] = [
                    *message.get("headers", ()),
                    (b"x-request-id", info.request_id.encode()),
                    (b"x-content-version", self._content_version()),
                ]
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        finally:
            current_request.reset(token)
            self._record(scope, info, status, time.perf_counter() - started)

    def _record(self, scope: Scope, info: RequestInfo, status: int, seconds: float) -> None:
        route = getattr(scope.get("route"), "path", None) or "unmatched"
        metrics.observe_request(
            route=route,
            operation=info.operation,
            status=status,
            graphql_errors=info.graphql_errors,
            seconds=seconds,
            sql_statements=info.sql_statements,
        )
        if log.isEnabledFor(logging.INFO):
            self._log(scope, info, status, seconds)

    def _log(self, scope: Scope, info: RequestInfo, status: int, seconds: float) -> None:
        log.info(
            "%s %s %s",
            scope["method"],
            scope["path"],
            status,
            extra={
                "method": scope["method"],
                "path": scope["path"],
                "operation": info.operation,
                "status": status,
                "duration_ms": round(seconds * 1000, 2),
                "request_id": info.request_id,
                "sql_statements": info.sql_statements,
                "content_version": self.content_watch.version,
            },
        )
