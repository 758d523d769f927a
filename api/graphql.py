"""The GraphQL endpoint: strawberry's ASGI app with our per-request context."""

from sqlalchemy.ext.asyncio import AsyncEngine
from strawberry.asgi import GraphQL

from api.settings import Settings
from schema import build_schema
from schema.context import GuideContext, build_context


class GuideGraphQL(GraphQL):
    """Builds a fresh context (database reader, loaders, visibility) for every request."""

    def __init__(self, engine: AsyncEngine, settings: Settings) -> None:
        super().__init__(
            build_schema(),
            graphql_ide="graphiql" if settings.graphql_ide else None,
            allow_queries_via_get=True,
        )
        self._engine = engine
        self._media_base_url = settings.public_url.rstrip("/")

    async def get_context(self, request, response) -> GuideContext:
        return build_context(self._engine, request, response, media_base_url=self._media_base_url)
