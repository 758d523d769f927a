"""Section embeds for partner portals, and the oEmbed endpoint that describes them.

- `GET /embed/{article}/{anchor}` — the section as a self-contained HTML fragment
  (`?page=1`: a full HTML5 page for an iframe); `routes.SectionEmbedEndpoint`.
- `GET /oembed?url=…&format=json` — oEmbed 1.0, type `rich`; `oembed.OEmbedEndpoint`.

Data comes through the GraphQL schema in-process (`data`), so visibility rules
apply exactly as for GraphQL clients; HTML comes from autoescaping Jinja2
templates (`render`, `templates/`); headers from `policy`. Partner docs:
docs/embedding.md.
"""

import strawberry
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.routing import Route

from api.embed.oembed import OEmbedEndpoint
from api.embed.routes import SectionEmbedEndpoint
from api.settings import Settings


def embed_routes(schema: strawberry.Schema, engine: AsyncEngine, settings: Settings) -> list[Route]:
    """The embed and oEmbed routes, reading through `schema` (the one /graphql serves)."""
    return [
        Route(
            "/embed/{article}/{anchor}",
            SectionEmbedEndpoint(schema, engine, settings).respond,
            methods=["GET"],
            name="section_embed",
        ),
        Route(
            "/oembed",
            OEmbedEndpoint(schema, engine, settings).respond,
            methods=["GET"],
            name="oembed",
        ),
    ]
