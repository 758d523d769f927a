"""The fast layer: anonymous requests answered before any routing.

A pure ASGI middleware between the request observer (`api.observability.requests`,
outside it: request id, content version header, log line, metrics) and the access
layer. For an anonymous GET or JSON POST to `/graphql` it reads the body (at most
`max_body_bytes`) and looks the raw request (`api.cache.raw`) up in the response
cache's index:

- a hit whose answer is still held, for the content version this process serves,
  is sent straight away: the stored status, headers (`X-Cache: hit`) and body, or
  `304 Not Modified` for a matching `If-None-Match`. Nothing else runs: no access
  check (there is no key to check), no routing, no parsing, no database;
- otherwise, when the query has a compiled plan (`schema.compiled`), the endpoint
  answers it here (`GuideGraphQL.answer_planned`), with the headers the access
  layer gives the public: the same bytes as the normal way, without its routing
  and middleware;
- anything else goes the normal way with its body replayed.

When the endpoint gave a cacheable anonymous answer either way (it says so
through the scope's `Recording`), the raw request is indexed with the headers it got.

Index entries point at answers in the same `ResponseCache` and share its byte
bound and its `clear` (new content version, admin mutation), so they never outlive
the answer, and never point at an older version's one. With the cache turned off
the layer only answers planned queries; with the compiled path off as well it is
not installed at all.
"""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from starlette.routing import BaseRoute
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.auth.middleware import adding_headers
from api.cache.http import matches_if_none_match
from api.cache.key import CacheKey
from api.cache.raw import RawRequest, anonymous_request, raw_key, read_body, replaying, sends_json
from api.cache.store import CachedAnswer, FastEntry, ResponseCache
from api.content_watch import ContentWatch
from api.observability.context import current_request

PATH = "/graphql"
# Answers a request whose query has a plan and says True, or says False and sends nothing.
AnswerPlanned = Callable[[Scope, Receive, Send], Awaitable[bool]]

# The scope entry through which the endpoint tells which answer a request got.
RECORDING = "guide.fast_answer"

# Bookkeeping of an index entry besides its bytes (key tuple, entry, header tuples).
INDEX_OVERHEAD = 384
HEADER_OVERHEAD = 120
# A 304 carries the answer's validators and caching rules, not its representation.
_NOT_IN_304 = (b"content-length", b"content-type")


@dataclass(slots=True)
class Recording:
    """Filled by the endpoint (`api.graphql`) when it gave an anonymous, cacheable answer."""

    key: CacheKey | None = None
    answer: CachedAnswer | None = None

    def note(self, key: CacheKey | None, answer: CachedAnswer) -> None:
        if key is not None:  # an answer the response cache cannot hold is not indexed either
            self.key, self.answer = key, answer


class FastAnswers:
    def __init__(
        self,
        app: ASGIApp,
        *,
        responses: ResponseCache,
        content_watch: ContentWatch,
        route: BaseRoute,
        max_body_bytes: int,
        answer_planned: AnswerPlanned | None = None,
        anonymous_headers: dict[str, str] | None = None,
    ) -> None:
        self.app = app
        self.responses = responses
        self.content_watch = content_watch
        self.route = route  # what the request log and metrics show for a hit
        self.max_body_bytes = max_body_bytes
        self.answer_planned = answer_planned
        # What the access layer adds to the public's answers (CORS), for planned answers.
        self.anonymous_headers = anonymous_headers or {}
        self.hits = 0  # requests this layer answered from stored bytes (200 or 304)
        self.planned = 0  # requests the endpoint answered here by a compiled plan

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != PATH:
            await self.app(scope, receive, send)
            return
        method = scope["method"]
        request = anonymous_request(scope["headers"]) if method in ("GET", "POST") else None
        if request is None:
            await self.app(scope, receive, send)
            return
        body, read = b"", None
        if method == "POST":
            if not sends_json(request.content_type) or self._declared_too_long(request):
                await self.app(scope, receive, send)  # 415 or 413 the normal way
                return
            body, read = await read_body(receive, self.max_body_bytes)
            if body is None:  # too long, or the client left: the normal way tells
                await self.app(scope, replaying(read, receive), send)
                return
        raw = raw_key(method, scope["query_string"], request, body)
        found = self.responses.recall(raw)
        if found is not None and found[0].key[0] == self.content_watch.version:
            await self._send_hit(scope, send, request, *found)
            return
        await self._answer_and_record(scope, receive, read, send, raw)

    def _declared_too_long(self, request: RawRequest) -> bool:
        declared = request.content_length
        return declared.isdigit() and int(declared) > self.max_body_bytes

    async def _send_hit(
        self, scope: Scope, send: Send, request: RawRequest, entry: FastEntry, answer: CachedAnswer
    ) -> None:
        self.hits += 1
        if (info := current_request.get()) is not None:
            info.operation = answer.operation  # as the miss recorded it
        scope["route"] = self.route
        if request.if_none_match and matches_if_none_match(
            request.if_none_match.decode("latin-1"), answer.etag
        ):
            await send(
                {"type": "http.response.start", "status": 304, "headers": entry.not_modified}
            )
            await send({"type": "http.response.body", "body": b""})
            return
        await send(
            {"type": "http.response.start", "status": answer.status, "headers": entry.headers}
        )
        await send({"type": "http.response.body", "body": answer.body})

    async def _answer_and_record(
        self, scope: Scope, receive: Receive, read: list[Message] | None, send: Send, raw: tuple
    ) -> None:
        recording = Recording()
        scope[RECORDING] = recording

        async def send_and_record(message: Message) -> None:
            if (
                message["type"] == "http.response.start"
                and message["status"] == 200
                and recording.answer is not None
            ):
                self._remember(raw, recording, message.get("headers", ()))
            await send(message)

        # `read` holds the whole body: each attempt gets it replayed from the start.
        def body() -> Receive:
            return receive if read is None else replaying(read, receive)

        if self.answer_planned is not None:
            public_send = adding_headers(send_and_record, self.anonymous_headers)
            if await self.answer_planned(scope, body(), public_send):
                self.planned += 1
                scope["route"] = self.route
                return
        await self.app(scope, body(), send_and_record)

    def _remember(self, raw: tuple, recording: Recording, sent: list) -> None:
        answer = recording.answer
        headers = tuple((name, b"hit" if name == b"x-cache" else value) for name, value in sent)
        not_modified = tuple(
            header
            for header in headers
            if header[0] not in _NOT_IN_304 and header not in answer.headers
        )
        size = (
            sum(map(len, raw))
            + sum(len(name) + len(value) + HEADER_OVERHEAD for name, value in headers)
            + len(not_modified) * HEADER_OVERHEAD  # the tuples are shared with `headers`
            + INDEX_OVERHEAD
        )
        entry = FastEntry(recording.key, answer.etag, headers, not_modified, size)
        self.responses.remember(raw, entry)
