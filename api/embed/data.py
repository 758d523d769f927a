"""The data of one section embed, read through the GraphQL schema in-process.

Going through `schema.execute` (not SQL of our own) means an embed sees exactly
what a GraphQL client with the same key sees: drafts, archived articles and
partner scopes follow the request's `Visibility`.
"""

from dataclasses import dataclass
from typing import Any

import strawberry
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.requests import Request
from starlette.responses import Response

from schema.context import build_context
from schema.principal import ANONYMOUS, Principal

EMBED_QUERY = """
query SectionEmbed($article: String!, $anchor: String!) {
  section(article: $article, anchor: $anchor) {
    anchor
    heading
    body { html }
    article {
      slug
      locale
      title
      publisher
      url
      references { number reference { citation doi url } }
    }
  }
}
"""


class EmbedQueryError(RuntimeError):
    """The fixed embed query failed; a bug or an unavailable database, never the caller's fault."""


@dataclass(frozen=True)
class Citation:
    number: int
    citation: str
    doi: str | None
    url: str | None


@dataclass(frozen=True)
class SectionEmbed:
    article_slug: str
    locale: str
    title: str
    publisher: str | None
    url: str | None
    anchor: str
    heading: str
    # Sanitized with nh3 when the content was imported: the only HTML inserted unescaped.
    body_html: str
    citations: tuple[Citation, ...]


def principal_of(request: Request) -> Principal:
    """The caller the access-key middleware recognised; anonymous without a key."""
    return getattr(request.state, "principal", ANONYMOUS)


async def load_section(
    schema: strawberry.Schema, engine: AsyncEngine, request: Request, article: str, anchor: str
) -> SectionEmbed | None:
    """The section `anchor` of `article` as this request may see it; None if it may not."""
    context = build_context(engine, request, Response(), principal=principal_of(request))
    result = await schema.execute(
        EMBED_QUERY,
        variable_values={"article": article, "anchor": anchor},
        context_value=context,
        operation_name="SectionEmbed",
    )
    if result.errors:
        raise EmbedQueryError("; ".join(error.message for error in result.errors))
    section = (result.data or {}).get("section")
    return _embed_from(section) if section else None


def _embed_from(section: dict[str, Any]) -> SectionEmbed:
    article = section["article"]
    citations = tuple(
        Citation(
            number=entry["number"],
            citation=entry["reference"]["citation"],
            doi=entry["reference"]["doi"],
            url=entry["reference"]["url"],
        )
        for entry in article["references"]
    )
    return SectionEmbed(
        article_slug=article["slug"],
        locale=article["locale"],
        title=article["title"],
        publisher=article["publisher"],
        url=article["url"],
        anchor=section["anchor"],
        heading=section["heading"],
        body_html=section["body"]["html"],
        citations=citations,
    )
