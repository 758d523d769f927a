"""`GET /oembed`: the oEmbed 1.0 provider endpoint for section embeds (https://oembed.com).

`url` names a section (see `api.embed.targets`); the answer is a `rich` item
whose HTML is an iframe showing the embed page. Only JSON is offered: the
spec asks for 501 Not Implemented for any other `format`.
"""

import logging

import strawberry
from markupsafe import escape
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from api.embed.data import EmbedQueryError, SectionEmbed, load_section, principal_of
from api.embed.links import base_url, canonical_link, embed_url, publisher_url
from api.embed.policy import PUBLIC_MAX_AGE, cache_headers
from api.embed.targets import resolve
from api.settings import Settings

logger = logging.getLogger(__name__)

DEFAULT_WIDTH = 640
DEFAULT_HEIGHT = 480


class OEmbedError(Exception):
    """A request the endpoint cannot answer with an item; `status` is the HTTP status."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class OEmbedEndpoint:
    """The oEmbed endpoint; one instance per app, reading through the /graphql schema."""

    def __init__(self, schema: strawberry.Schema, engine: AsyncEngine, settings: Settings) -> None:
        self._schema = schema
        self._engine = engine
        self._settings = settings

    async def respond(self, request: Request) -> Response:
        try:
            item = await self._item(request)
        except OEmbedError as error:
            return JSONResponse(
                {"error": error.message},
                status_code=error.status,
                headers={"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"},
            )
        headers = cache_headers(principal_of(request)) | {"X-Content-Type-Options": "nosniff"}
        return JSONResponse(item, headers=headers)

    async def _item(self, request: Request) -> dict:
        params = request.query_params
        url = params.get("url")
        if not url:
            raise OEmbedError(400, "the url parameter is missing: /oembed?url=<embed URL>")
        output = params.get("format", "json")
        if output != "json":
            raise OEmbedError(501, f"format {output!r} is not offered; use format=json")
        max_width = _dimension(params, "maxwidth")
        max_height = _dimension(params, "maxheight")

        base = base_url(self._settings, request)
        bases = [base, str(request.base_url).rstrip("/")]
        target = resolve(url, bases=bases, template=self._settings.article_url_template)
        if target is None:
            raise OEmbedError(404, f"{url!r} is not a section embed or article URL of this guide")
        section = await self._section(request, target.article, target.anchor)
        if section is None:
            raise OEmbedError(404, f"no section {target.anchor!r} in article {target.article!r}")

        width = min(DEFAULT_WIDTH, max_width or DEFAULT_WIDTH)
        height = min(DEFAULT_HEIGHT, max_height or DEFAULT_HEIGHT)
        return self._describe(section, base, width, height)

    async def _section(self, request: Request, article: str, anchor: str) -> SectionEmbed | None:
        try:
            return await load_section(self._schema, self._engine, request, article, anchor)
        except EmbedQueryError as error:
            logger.error("oembed %s/%s failed: %s", article, anchor, error)
            raise OEmbedError(500, "the section cannot be described right now") from None

    def _describe(self, section: SectionEmbed, base: str, width: int, height: int) -> dict:
        title = f"{section.heading} – {section.title}"
        src = embed_url(base, section.article_slug, section.anchor)
        html = (
            f'<iframe src="{escape(src)}" width="{width}" height="{height}" '
            f'title="{escape(title)}" loading="lazy" referrerpolicy="no-referrer" '
            f'sandbox="allow-popups allow-popups-to-escape-sandbox" style="border:0"></iframe>'
        )
        item = {
            "version": "1.0",
            "type": "rich",
            "html": html,
            "width": width,
            "height": height,
            "title": title,
            "provider_name": section.publisher or _host(base),
            "provider_url": publisher_url(section.publisher) or f"{base}/",
            "cache_age": PUBLIC_MAX_AGE,
        }
        if section.publisher:
            item["author_name"] = section.publisher
            author_url = canonical_link(
                self._settings,
                slug=section.article_slug,
                anchor=section.anchor,
                url=section.url,
                publisher=section.publisher,
            )
            if author_url:
                item["author_url"] = author_url
        return item


def _dimension(params, name: str) -> int | None:
    """A positive pixel count from the query, or None when absent."""
    value = params.get(name)
    if value is None or value == "":
        return None
    if not value.isdigit() or int(value) < 1:
        raise OEmbedError(400, f"{name} must be a positive whole number of pixels, not {value!r}")
    return int(value)


def _host(base: str) -> str:
    return base.split("://", 1)[-1].split("/", 1)[0]
