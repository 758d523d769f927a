"""The GraphQL endpoint: strawberry's ASGI app, answering by the GraphQL-over-HTTP spec.

Strawberry's own HTTP handling answers every failure as plain text and every
result as `application/json` with 200; `run` replaces it for HTTP requests
(WebSockets keep strawberry's): content negotiation and status codes
(`api.protocol`), persisted queries (`api.persisted`), a bounded body, and
the per-request context with its principal.

A single (non-batch) request is looked up in the response cache (`api.cache`)
after its persisted query is resolved and before anything is parsed or
executed; a hit returns the stored bytes (or 304) without touching the database.
Byte-identical anonymous repeats never reach this endpoint: `api.cache.fast`
answers them before routing. A miss of the public is answered by the compiled
path (`schema.compiled`) when its query has a plan, else by graphql-core.
"""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import orjson
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send
from strawberry.asgi import GraphQL
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types import ExecutionResult
from strawberry.types.graphql import OperationType
from strawberry.types.unset import UNSET

from api.cache import CachedAnswer, CacheKey, HttpCaching, ResponseCache, cache_key, etag_for
from api.cache.fast import RECORDING
from api.cache.http import VARY, matches_if_none_match, validated
from api.cache.operation import is_query
from api.cache.store import entry_size
from api.compiled import compiled_queries
from api.content_watch import ContentWatch
from api.observability.context import current_request
from api.observability.graphql import RecordOperation, record_compiled_operation
from api.persisted import PersistedQueries, QueryRegistry, Resolved
from api.protocol.errors import RequestError, error_response
from api.protocol.negotiation import accepts_html, choose_media_type
from api.protocol.params import PARAMETERS, GraphQLParams, read_params
from api.protocol.results import answer
from api.settings import Settings
from schema import build_schema
from schema.context import GuideContext, build_context
from schema.limits import Limits
from schema.limits.errors import new_request_id, request_id
from schema.principal import ANONYMOUS, Principal, Role

# The scope entry holding a request's parameters once `answer_planned` has read them.
READ_PARAMS = "guide.graphql_params"
# The documented frontend queries, registered as persisted queries at start.
FRONTEND_QUERIES = Path(__file__).resolve().parent.parent / "docs" / "frontends"


@dataclass(frozen=True)
class Outcome:
    """One operation's answer, before it becomes (part of) an HTTP response."""

    body: dict
    status: int
    sub_response: Response
    principal: Principal
    persisted: bool  # the client sent the hash of a registered query
    cacheable: bool  # a query answered without errors: caches may keep it (api.cache.http)


def limits_from(settings: Settings) -> Limits:
    return Limits(
        max_depth=settings.max_depth,
        max_aliases=settings.max_aliases,
        max_tokens=settings.max_tokens,
        max_cost=settings.max_cost,
        max_page_size=settings.max_page_size,
        introspection=settings.introspection,
    )


class GuideGraphQL(GraphQL):
    """Builds a fresh context (database reader, loaders, visibility) for every request."""

    def __init__(
        self, engine: AsyncEngine, settings: Settings, content_watch: ContentWatch
    ) -> None:
        super().__init__(
            build_schema(limits_from(settings), extensions=[RecordOperation]),
            graphql_ide="graphiql" if settings.graphql_ide else None,
            allow_queries_via_get=True,
        )
        self._engine = engine
        self._media_base_url = settings.public_url.rstrip("/")
        self._max_body_bytes = settings.max_body_bytes
        self._max_batch = settings.max_batch
        self._content = content_watch
        self._http_caching = HttpCaching(
            max_age=settings.persisted_max_age,
            stale_while_revalidate=settings.stale_while_revalidate,
        )
        self.responses = ResponseCache(
            settings.response_cache_bytes, enabled=settings.response_cache
        )
        content_watch.on_change(self.responses.clear)
        registry = QueryRegistry()
        registry.register_directory(FRONTEND_QUERIES)
        self.compiled = compiled_queries(self.schema, engine, settings)
        self.persisted = PersistedQueries(
            registry,
            auto_register=settings.persisted_queries_auto_register,
            partners_registered_only=settings.partners_registered_only,
        )

    def encode_json(self, data: object) -> bytes:
        # orjson: several times faster than json.dumps on article-sized answers.
        return orjson.dumps(data)

    async def get_context(self, request, response) -> GuideContext:
        return build_context(
            self._engine,
            request,
            response,
            media_base_url=self._media_base_url,
            principal=getattr(request.state, "principal", ANONYMOUS),
        )

    async def run(self, request, context=UNSET, root_value=UNSET):
        if self.is_websocket_request(request):
            return await super().run(request, context, root_value)
        return await self._answering(request, self._answer)

    async def answer_planned(self, scope: Scope, receive: Receive, send: Send) -> bool:
        """Answer an anonymous request whose query has a compiled plan; else False, unsent.

        The fast layer (api.cache.fast) calls this before routing, so the request
        skips the router and middleware. The answer is the normal path's own: the
        same steps from the resolved query on, the same bytes and headers.
        """
        if self.compiled is None:
            return False
        request = Request(scope, receive)
        try:
            params = await read_params(request, self._max_body_bytes, self._max_batch)
            if isinstance(params, list):
                return False
            resolved = self._resolve(params, ANONYMOUS)
        except RequestError:
            return False  # the normal path reports it
        if not self.compiled.has_plan(resolved.query, params.operation_name):
            scope[READ_PARAMS] = params  # the normal path need not read them again
            return False

        async def answer_resolved(request: Request, media_type: str) -> Response:
            return await self._answer_one(request, params, resolved, ANONYMOUS, media_type)

        response = await self._answering(request, answer_resolved)
        await response(scope, receive, send)
        return True

    async def _answering(
        self, request: Request, answer: Callable[[Request, str], Awaitable[Response]]
    ) -> Response:
        """`answer`'s response, with the request id set and request errors answered."""
        observed = current_request.get()
        token = request_id.set(observed.request_id if observed else new_request_id())
        media_type = choose_media_type(request.headers.get("accept"))
        try:
            return await answer(request, media_type)
        except RequestError as error:
            return error_response(error, media_type)
        finally:
            request_id.reset(token)

    async def _answer(self, request: Request, media_type: str) -> Response:
        if request.method not in ("GET", "POST"):
            raise RequestError(
                405,
                f"{request.method} is not supported: send GraphQL by POST (or queries by GET)",
                headers={"Allow": "GET, POST"},
            )
        if self._wants_ide(request):
            return await self.render_graphql_ide(request)
        params = request.scope.pop(READ_PARAMS, None) or await read_params(
            request, self._max_body_bytes, self._max_batch
        )
        if isinstance(params, list):
            return await self._answer_batch(request, params, media_type)
        principal = getattr(request.state, "principal", ANONYMOUS)
        resolved = self._resolve(params, principal)
        return await self._answer_one(request, params, resolved, principal, media_type)

    async def _answer_one(
        self,
        request: Request,
        params: GraphQLParams,
        resolved: Resolved,
        principal: Principal,
        media_type: str,
    ) -> Response:
        """One operation's response: from the response cache, or run and maybe kept."""
        # Read before executing: an answer computed while the content moves is not kept.
        version = self._content.version
        key = None
        if self.responses.enabled:
            key = cache_key(
                version, principal, resolved.query, params.variables, params.operation_name
            )
        cached = self.responses.get(key)
        if cached is not None:
            if (observed := current_request.get()) and cached.operation:
                observed.operation = cached.operation  # as RecordOperation noted it on the miss
            return self._validated_response(
                request, cached, media_type, principal, resolved, "hit", key
            )
        outcome = await self._run_one(request, params, media_type, resolved)
        body = self.encode_json(outcome.body)
        if isinstance(body, str):  # strawberry's encoder gives text; caches keep bytes
            body = body.encode()
        if not (outcome.cacheable and validated(principal)):
            return self._plain_response(request, outcome, body, media_type)
        answer = CachedAnswer(
            body=body,
            status=outcome.status,
            headers=tuple(outcome.sub_response.headers.raw),
            etag=etag_for(version, body),
            size=entry_size(key, body) if key is not None else len(body),
            operation=observed.operation if (observed := current_request.get()) else None,
        )
        if version == self._content.version:
            self.responses.put(key, answer)
        return self._validated_response(
            request, answer, media_type, principal, resolved, "miss", key
        )

    def _validated_response(
        self,
        request: Request,
        answer: CachedAnswer,
        media_type: str,
        principal: Principal,
        resolved: Resolved,
        cache_state: str,
        key: CacheKey | None = None,
    ) -> Response:
        """A cacheable answer: with its ETag, or 304 when the client holds it already."""
        if principal.role is Role.PUBLIC and (recording := request.scope.get(RECORDING)):
            recording.note(key, answer)  # the fast layer may answer this raw request next time
        headers = {"ETag": answer.etag, "Vary": VARY, "X-Cache": cache_state}
        control = self._http_caching.cache_control(principal, request.method, resolved.persisted)
        if control is not None:
            headers["Cache-Control"] = control
        if matches_if_none_match(request.headers.get("if-none-match"), answer.etag):
            return Response(status_code=304, headers=headers)
        response = Response(
            answer.body, status_code=answer.status, media_type=media_type, headers=headers
        )
        response.headers.raw.extend(answer.headers)
        return response

    def _plain_response(
        self, request: Request, outcome: Outcome, body: bytes, media_type: str
    ) -> Response:
        """An answer no cache keeps: errors, mutations, preview and admin callers."""
        response = Response(body, status_code=outcome.status, media_type=media_type)
        response.headers.raw.extend(outcome.sub_response.headers.raw)
        response.headers["Vary"] = VARY
        response.headers["X-Cache"] = "miss"
        if outcome.cacheable:
            response.headers["Cache-Control"] = self._http_caching.cache_control(
                outcome.principal, request.method, outcome.persisted
            )
        return response

    async def _answer_batch(
        self, request: Request, batch: list[GraphQLParams], media_type: str
    ) -> Response:
        """Each operation runs on its own context (snapshot, loaders); answers keep their order."""
        bodies = []
        for params in batch:
            try:
                bodies.append((await self._run_one(request, params, media_type)).body)
            except RequestError as error:
                bodies.append(error.body())
        response = Response(self.encode_json(bodies), media_type=media_type)
        response.headers["Vary"] = VARY
        return response

    def _resolve(self, params: GraphQLParams, principal: Principal) -> Resolved:
        """The query text to run: the request's own, or the registered one of its hash."""
        resolved = self.persisted.resolve(params, principal)
        if resolved.query is None:
            raise RequestError(
                400, "No GraphQL query found: send `query`, or the hash of a persisted query"
            )
        return resolved

    async def _run_one(
        self,
        request: Request,
        params: GraphQLParams,
        media_type: str,
        resolved: Resolved | None = None,
    ) -> Outcome:
        principal = getattr(request.state, "principal", ANONYMOUS)
        resolved = resolved or self._resolve(params, principal)
        sub_response = await self.get_sub_response(request)
        if self.compiled is not None and principal.role is Role.PUBLIC:
            compiled = await self.compiled.execute(
                resolved.query, params.variables, params.operation_name
            )
            if compiled is not None:
                record_compiled_operation(compiled.operation)
                body = {"data": compiled.data}
                return Outcome(body, 200, sub_response, principal, resolved.persisted, True)
        context = await self.get_context(request, sub_response)
        result = await self._execute(request, resolved.query, params, context)
        body, status = answer(result, media_type)
        cacheable = False
        if status == 200 and not result.errors:
            cacheable = is_query(resolved.query, params.operation_name)
            if cacheable and self.compiled is not None:
                self.compiled.learn(resolved.query, params.operation_name)
            if not cacheable:
                # A mutation changed content: this process stops serving older answers at
                # once, before the content watch tells every process of the new version.
                self.responses.clear()
        return Outcome(body, status, sub_response, principal, resolved.persisted, cacheable)

    def _wants_ide(self, request: Request) -> bool:
        return (
            self.graphql_ide is not None
            and request.method == "GET"
            and accepts_html(request.headers.get("accept"))
            and not any(name in request.query_params for name in PARAMETERS)
        )

    async def _execute(
        self, request: Request, query: str, params: GraphQLParams, context: GuideContext
    ) -> ExecutionResult:
        try:
            return await self.schema.execute(
                query,
                variable_values=params.variables,
                context_value=context,
                root_value=await self.get_root_value(request),
                operation_name=params.operation_name,
                allowed_operation_types=OperationType.from_http(request.method),
                operation_extensions=params.extensions,
            )
        except InvalidOperationTypeError as error:
            raise RequestError(
                405,
                f"{error.operation_type.value.capitalize()}s cannot be sent by GET: use POST",
                headers={"Allow": "POST"},
            ) from error
        except CannotGetOperationTypeError as error:
            name = params.operation_name
            reason = (
                f"The document has no operation named {name!r}"
                if name
                else "The document holds several operations (or none)"
            )
            raise RequestError(
                400, f"{reason}: name one of its operations in `operationName`", json_status=200
            ) from error
