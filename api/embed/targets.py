"""Which section a URL given to the oEmbed endpoint means.

Two kinds of URL name a section:

- an embed URL of this service: `<base>/embed/<article>/<anchor>` (any query);
- an article URL of the website, GUIDE_ARTICLE_URL_TEMPLATE with the slug
  filled in, with the section's anchor as fragment: `…/artikel/<slug>#<anchor>`.

Anything else is not ours (oEmbed answers 404).
"""

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit


@dataclass(frozen=True)
class SectionTarget:
    article: str
    anchor: str


def from_embed_url(url: str, bases: list[str]) -> SectionTarget | None:
    """The section of an embed URL under one of `bases` (scheme and host compared)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return None
    location = f"{parts.scheme}://{parts.netloc}".lower()
    for base in bases:
        base_parts = urlsplit(base)
        if location != f"{base_parts.scheme}://{base_parts.netloc}".lower():
            continue
        prefix = base_parts.path.rstrip("/") + "/embed/"
        if not parts.path.startswith(prefix):
            continue
        pieces = parts.path[len(prefix) :].split("/")
        if len(pieces) == 2 and all(pieces):
            return SectionTarget(article=unquote(pieces[0]), anchor=unquote(pieces[1]))
    return None


def from_article_url(url: str, template: str) -> SectionTarget | None:
    """The section of `<article URL>#<anchor>` when the article URL fits `template`."""
    if not template:
        return None
    address, _, anchor = url.partition("#")
    if not anchor:
        return None
    before, after = template.split("{slug}", 1)
    pattern = f"{re.escape(before)}(?P<slug>[^/?#&]+){re.escape(after)}/?"
    match = re.fullmatch(pattern, address)
    if match is None:
        return None
    return SectionTarget(article=unquote(match["slug"]), anchor=unquote(anchor))


def resolve(url: str, *, bases: list[str], template: str) -> SectionTarget | None:
    """The section `url` names, or None when it is not a URL of ours."""
    return from_embed_url(url, bases) or from_article_url(url, template)
