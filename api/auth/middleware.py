"""The access layer: resolves the caller's key, answers CORS, refuses bad keys.

A pure ASGI middleware (no BaseHTTPMiddleware: nothing is buffered, and
streaming answers pass straight through). For every HTTP request it

1. answers CORS preflights itself (`api.auth.cors`);
2. resolves `Authorization: Bearer <key>` (`api.auth.resolver`): no header is
   the anonymous public; a wrong, expired or revoked key gets 401;
3. refuses a key sent from a browser origin it was not issued for (403);
4. puts the caller's `schema.principal.Principal` into `request.state.principal`
   and adds the CORS headers to the route's answer.
"""

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.auth import cors
from api.auth.cors import CrossOrigin
from api.auth.errors import AccessError
from api.auth.resolver import KeyResolver
from schema.principal import ANONYMOUS


class AccessMiddleware:
    def __init__(self, app: ASGIApp, *, resolver: KeyResolver, public_cors: bool = True) -> None:
        self.app = app
        self.resolver = resolver
        self.public_cors = public_cors

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        cross = CrossOrigin.of(headers)
        try:
            if cross is not None and cors.is_preflight(scope["method"], headers):
                answer = await self._preflight(cross, headers)
                await answer(scope, receive, send)
                return
            principal, extra = await self._admit(cross, headers)
        except AccessError as error:
            extra = await self._error_cors(cross)
            await error.response(headers, extra)(scope, receive, send)
            return
        scope.setdefault("state", {})["principal"] = principal
        await self.app(scope, receive, adding_headers(send, extra))

    async def _preflight(self, cross: CrossOrigin, headers: Headers) -> Response:
        key_origins = await self.resolver.origins()
        allowed = cors.preflight(cross, headers, key_origins=key_origins, public=self.public_cors)
        return Response(status_code=204, headers=allowed)

    async def _admit(self, cross: CrossOrigin | None, headers: Headers):
        """The caller's principal and the CORS headers its answer gets."""
        record = await self.resolver.key_for(headers.get("authorization"))
        if record is None:
            # With or without an Origin header: a cached public answer then suits every page.
            return ANONYMOUS, cors.for_anonymous(self.public_cors)
        extra = cors.for_key(cross, record.origins, record.name) if cross else {}
        return record.principal(), extra

    async def _error_cors(self, cross: CrossOrigin | None) -> dict[str, str]:
        """Let a browser read why it was refused, when its origin may send keys at all."""
        if cross is not None and cross.origin in await self.resolver.origins():
            return cross.allow()
        return {}


def adding_headers(send: Send, extra: dict[str, str]) -> Send:
    """`send`, adding `extra` to the response's headers (merging `Vary`)."""
    if not extra:
        return send

    async def send_with_headers(message: Message) -> None:
        if message["type"] == "http.response.start":
            response_headers = MutableHeaders(scope=message)
            for name, value in extra.items():
                if name == "Vary":
                    response_headers.add_vary_header(value)
                else:
                    response_headers[name] = value
        await send(message)

    return send_with_headers
