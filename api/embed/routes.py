"""`GET /embed/{article}/{anchor}`: one section as an HTML fragment, or as a page for iframes."""

import logging

import strawberry
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from api.embed.data import EmbedQueryError, SectionEmbed, load_section, principal_of
from api.embed.links import base_url, canonical_link, embed_url, oembed_url
from api.embed.policy import cache_headers, etag_of, not_modified, security_headers
from api.embed.render import EmbedView, reference_views, render_error, render_fragment, render_page
from api.settings import Settings

logger = logging.getLogger(__name__)

_PAGE_VALUES = {"1": True, "0": False}


class SectionEmbedEndpoint:
    """The embed endpoint; one instance per app, holding the schema it reads through."""

    def __init__(self, schema: strawberry.Schema, engine: AsyncEngine, settings: Settings) -> None:
        self._schema = schema
        self._engine = engine
        self._settings = settings

    async def respond(self, request: Request) -> Response:
        principal = principal_of(request)
        headers = security_headers(principal)
        page_value = request.query_params.get("page", "0")
        if page_value not in _PAGE_VALUES:
            message = f"Der Parameter page={page_value!r} ist ungültig; erlaubt sind 0 und 1."
            return _error(400, "Ungültige Anfrage", message, page=False, headers=headers)
        page = _PAGE_VALUES[page_value]
        article, anchor = request.path_params["article"], request.path_params["anchor"]
        try:
            section = await load_section(self._schema, self._engine, request, article, anchor)
        except EmbedQueryError as error:
            logger.error("embed %s/%s failed: %s", article, anchor, error)
            message = "Der Abschnitt kann gerade nicht angezeigt werden."
            return _error(500, "Vorübergehender Fehler", message, page=page, headers=headers)
        if section is None:
            message = f"Den Abschnitt „{anchor}“ im Artikel „{article}“ gibt es nicht."
            return _error(404, "Abschnitt nicht gefunden", message, page=page, headers=headers)

        view = self._view(request, section)
        body = (render_page(view) if page else render_fragment(view)).encode()
        etag = etag_of(body)
        headers |= cache_headers(principal) | {"ETag": etag}
        if not_modified(request.headers, etag):
            return Response(status_code=304, headers=headers)
        return HTMLResponse(body, headers=headers)

    def _view(self, request: Request, section: SectionEmbed) -> EmbedView:
        base = base_url(self._settings, request)
        canonical = canonical_link(
            self._settings,
            slug=section.article_slug,
            anchor=section.anchor,
            url=section.url,
            publisher=section.publisher,
        )
        return EmbedView(
            section=section,
            canonical_href=canonical,
            oembed_href=oembed_url(base, embed_url(base, section.article_slug, section.anchor)),
            references=reference_views(section),
        )


def _error(status: int, title: str, message: str, *, page: bool, headers: dict) -> HTMLResponse:
    body = render_error(status, title, message, page=page)
    return HTMLResponse(body, status_code=status, headers=headers | {"Cache-Control": "no-store"})
