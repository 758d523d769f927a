"""The per-request middleware: request id, content version header, log line, metrics.

Pure ASGI (no response buffering): it sets the request's `RequestInfo` in a contextvar
before the app runs, adds `X-Request-ID` and `X-Content-Version` to the response
headers, and when the response is done writes one JSON log line and the metrics.
"""

import logging
import time

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.content_watch import ContentWatch
from api.observability import metrics
from api.observability.context import RequestInfo, current_request, request_id_from
from api.observability.logs import REQUEST_LOGGER

log = logging.getLogger(REQUEST_LOGGER)


class ObserveRequests:
    def __init__(self, app: ASGIApp, content_watch: ContentWatch) -> None:
        self.app = app
        self.content_watch = content_watch

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        info = RequestInfo(request_id=request_id_from(Headers(scope=scope).get("x-request-id")))
        token = current_request.set(info)
        started = time.perf_counter()
        status = 500  # what the client gets when the app fails before answering

        async def send_with_headers(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = MutableHeaders(scope=message)
                headers["X-Request-ID"] = info.request_id
                headers["X-Content-Version"] = str(self.content_watch.version)
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
