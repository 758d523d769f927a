"""HTML for section embeds, from Jinja2 templates with autoescaping.

Every string from the database is escaped by the template engine; the one
exception is the section body, HTML that nh3 sanitized at import time, which
the templates mark `|safe` in a single place (`section.html`).
"""

from dataclasses import dataclass

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from api.embed.data import SectionEmbed
from api.embed.links import doi_url, is_real_url

_TEMPLATES = Environment(
    loader=PackageLoader("api.embed", "templates"),
    autoescape=select_autoescape(["html"], default_for_string=True, default=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)


@dataclass(frozen=True)
class ReferenceView:
    number: int
    citation: str
    doi_href: str | None
    url_href: str | None


@dataclass(frozen=True)
class EmbedView:
    """Everything the templates show; links already checked."""

    section: SectionEmbed
    # Where the attribution points: the section in the whole article, or the publisher's site.
    canonical_href: str | None
    # The oEmbed description of this embed, for the page's discovery link.
    oembed_href: str
    references: tuple[ReferenceView, ...]


def reference_views(section: SectionEmbed) -> tuple[ReferenceView, ...]:
    """The article's references, numbered as in the article, with the links that really open."""
    return tuple(
        ReferenceView(
            number=citation.number,
            citation=citation.citation,
            doi_href=doi_url(citation.doi),
            url_href=citation.url if is_real_url(citation.url) else None,
        )
        for citation in section.citations
    )


def render_fragment(view: EmbedView) -> str:
    """The embed as an HTML fragment: one wrapper element with its own scoped <style>."""
    return _TEMPLATES.get_template("fragment.html").render(view=view, section=view.section)


def render_page(view: EmbedView) -> str:
    """The embed as a complete HTML5 document, for an iframe."""
    return _TEMPLATES.get_template("page.html").render(view=view, section=view.section)


def render_error(status: int, title: str, message: str, *, page: bool) -> str:
    """A small error notice in the embed's look (a page or a fragment)."""
    return _TEMPLATES.get_template("error.html").render(
        status=status, title=title, message=message, page=page
    )
