"""The Starlette application factory."""

from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Mount, Route

from api.auth import AccessMiddleware, KeyResolver, cors
from api.background import running_in_background
from api.cache.fast import FastAnswers
from api.content_watch import ContentWatch
from api.database import create_engine
from api.embed import embed_routes
from api.graphql import GuideGraphQL
from api.health import healthz, readyz
from api.media import MediaFiles
from api.observability.metrics import metrics
from api.observability.requests import ObserveRequests
from api.observability.sql import count_sql_statements
from api.settings import Settings


def create_app(settings: Settings | None = None) -> Starlette:
    """Build the service; without arguments (uvicorn --factory) settings come from the env."""
    settings = settings or Settings()
    engine = create_engine(settings.database_url)
    count_sql_statements(engine)
    content_watch = ContentWatch(poll_interval=settings.content_poll_interval)

    @asynccontextmanager
    async def lifespan(app: Starlette):
        # The content watch and webhook delivery run while the app serves (api.background).
        async with running_in_background(app):
            yield
        if graphql.compiled is not None:
            graphql.compiled.close()
        await engine.dispose()

    graphql = GuideGraphQL(engine, settings, content_watch)
    routes = [
        # Every method reaches the endpoint, so a PUT gets a GraphQL-shaped 405 (api.graphql).
        Route("/graphql", graphql),
        Route("/healthz", healthz, methods=["GET"]),
        Route("/readyz", readyz, methods=["GET"]),
        Route("/metrics", metrics, methods=["GET"]),
        Mount("/media", MediaFiles(directory=settings.content_dir / "media", check_dir=False)),
        *embed_routes(graphql.schema, engine, settings),
    ]
    middleware = [
        Middleware(ObserveRequests, content_watch=content_watch),
        *_fast_answers(graphql, routes[0], content_watch, settings),
        Middleware(
            AccessMiddleware,
            resolver=KeyResolver(engine, ttl=settings.access_key_cache_seconds),
            public_cors=settings.public_cors,
        ),
    ]
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan)
    app.state.settings = settings
    app.state.engine = engine
    app.state.content_watch = content_watch
    return app


def _fast_answers(
    graphql: GuideGraphQL, route: Route, content_watch: ContentWatch, settings: Settings
) -> list[Middleware]:
    """Anonymous requests answered before routing (api.cache.fast): repeats from stored
    bytes when caching, queries with a compiled plan when that path is on."""
    if not graphql.responses.enabled and graphql.compiled is None:
        return []
    return [
        Middleware(
            FastAnswers,
            responses=graphql.responses,
            content_watch=content_watch,
            route=route,
            max_body_bytes=settings.max_body_bytes,
            answer_planned=graphql.answer_planned if graphql.compiled is not None else None,
            anonymous_headers=cors.for_anonymous(settings.public_cors),
        )
    ]
