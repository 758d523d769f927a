"""The Starlette application factory."""

from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.routing import Mount, Route

from api.database import create_engine
from api.graphql import GuideGraphQL
from api.health import healthz
from api.media import MediaFiles
from api.settings import Settings


def create_app(settings: Settings | None = None) -> Starlette:
    """Build the service; without arguments (uvicorn --factory) settings come from the env."""
    settings = settings or Settings()
    engine = create_engine(settings.database_url)

    @asynccontextmanager
    async def lifespan(_app: Starlette):
        yield
        await engine.dispose()

    graphql = GuideGraphQL(engine, settings)
    routes = [
        Route("/graphql", graphql, methods=["GET", "POST"]),
        Route("/healthz", healthz, methods=["GET"]),
        Mount("/media", MediaFiles(directory=settings.content_dir / "media", check_dir=False)),
    ]
    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.settings = settings
    app.state.engine = engine
    return app
