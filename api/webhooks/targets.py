"""Which URLs receive webhooks: GUIDE_WEBHOOK_URLS plus those added with the CLI."""

from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from api.settings import Settings
from schema.tables import WebhookEndpoint


class WebhookURLError(ValueError):
    """A receiver URL this service cannot send to."""


def check_url(url: str, *, where: str = "webhook URL") -> str:
    """`url` stripped, if it is an absolute http(s) URL; else WebhookURLError naming it."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise WebhookURLError(
            f"{where}: {url!r} is not an http(s) URL; write e.g. https://example.org/hooks/guide"
        )
    if len(url) > 2000:
        raise WebhookURLError(f"{where}: {url[:60]!r}… is longer than 2000 characters")
    return url


def configured_urls(settings: Settings) -> list[str]:
    """The URLs of GUIDE_WEBHOOK_URLS (comma separated), checked."""
    return [
        check_url(url, where="GUIDE_WEBHOOK_URLS")
        for url in settings.webhook_urls.split(",")
        if url.strip()
    ]


async def receiver_urls(connection: AsyncConnection, settings: Settings) -> list[str]:
    """Every receiver, settings first, each URL once."""
    registered = await connection.scalars(select(WebhookEndpoint.url).order_by(WebhookEndpoint.id))
    return list(dict.fromkeys([*configured_urls(settings), *registered]))
