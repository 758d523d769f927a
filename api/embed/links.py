"""Absolute links an embed prints: the service's base URL, the canonical article, DOIs.

Reference URLs are kept as the source prints them, and some are not addresses
("PDF", or shortened with "..."); an embed links only what a browser can open.
"""

import re
from urllib.parse import quote, urlencode, urlsplit

from starlette.requests import Request

from api.settings import Settings

# A publisher given as a bare host name ("visite-medizin.de") names its own site.
_HOST_NAME = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$", re.IGNORECASE)
# DOI syntax: directory indicator "10.", a registrant code, "/", a suffix.
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")


def base_url(settings: Settings, request: Request) -> str:
    """The service's public base URL without a trailing slash: GUIDE_PUBLIC_URL or the request's."""
    return (settings.public_url or str(request.base_url)).rstrip("/")


def embed_url(base: str, article: str, anchor: str) -> str:
    """The URL of a section embed as the full HTML page an iframe shows."""
    return f"{base}/embed/{quote(article, safe='')}/{quote(anchor, safe='')}?page=1"


def oembed_url(base: str, url: str) -> str:
    """The oEmbed endpoint's answer for `url`, in JSON (for discovery links)."""
    return f"{base}/oembed?{urlencode({'url': url, 'format': 'json'})}"


def is_real_url(value: str | None) -> bool:
    """True for an absolute http(s) URL a browser can open (not "PDF", not shortened)."""
    if not value or any(character.isspace() for character in value):
        return False
    parts = urlsplit(value)
    shortened = "..." in value or "…" in value
    return parts.scheme in ("http", "https") and bool(parts.hostname) and not shortened


def doi_url(doi: str | None) -> str | None:
    """The resolver link of a DOI, or None when `doi` is not a DOI."""
    if not doi or not _DOI.match(doi):
        return None
    return f"https://doi.org/{quote(doi, safe='/:;()._-')}"


def article_url(settings: Settings, *, slug: str, url: str | None) -> str | None:
    """Where readers find the whole article, or None when that is not known.

    The article's own canonical `url` when it is a real address, else
    GUIDE_ARTICLE_URL_TEMPLATE with the slug filled in.
    """
    if is_real_url(url):
        return url
    if settings.article_url_template:
        return settings.article_url_template.replace("{slug}", quote(slug, safe=""))
    return None


def publisher_url(publisher: str | None) -> str | None:
    """The publisher's site when the publisher is given as a host name, e.g. visite-medizin.de."""
    if publisher and _HOST_NAME.match(publisher):
        return f"https://{publisher.lower()}/"
    return None


def canonical_link(
    settings: Settings, *, slug: str, anchor: str, url: str | None, publisher: str | None
) -> str | None:
    """The attribution link: the section in the article, else the publisher's site."""
    article = article_url(settings, slug=slug, url=url)
    if article:
        return f"{article.split('#', 1)[0]}#{quote(anchor, safe='')}"
    return publisher_url(publisher)
