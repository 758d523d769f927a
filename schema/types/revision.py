"""Content revisions as admins see them, and an article as it was at one of them."""

from datetime import datetime
from typing import Any

import strawberry
from strawberry import relay

from schema.revisions.files import article_text
from schema.revisions.history import RevisionInfo


@strawberry.type(description="An article whose document a revision stores.")
class RevisionArticle:
    slug: str = strawberry.field(description="Slug of the article.")
    content_hash: str | None = strawberry.field(
        description="sha256 of the article's seed document; null when it was deleted."
    )


@strawberry.type(description="One applied change of the content: a seed, rollback or admin edit.")
class Revision:
    number: int = strawberry.field(description="1, 2, 3, … in the order they were applied.")
    created_at: datetime = strawberry.field(description="When it was applied (UTC).")
    author: str = strawberry.field(description="Who applied it (--author, key name, OS user).")
    source: str = strawberry.field(
        description="What applied it: `seed`, `rollback to revision N`, `mutation …`."
    )
    summary: str = strawberry.field(description="What changed, counted per kind.")
    articles: list[RevisionArticle] = strawberry.field(
        description="Articles it stores a document of, with their content hashes."
    )


def revision_from_info(info: RevisionInfo) -> Revision:
    return Revision(
        number=info.number,
        created_at=info.created_at,
        author=info.author,
        source=info.source,
        summary=info.summary,
        articles=[
            RevisionArticle(slug=slug, content_hash=digest)
            for slug, digest in info.articles.items()
        ],
    )


@strawberry.type(description="A page of revisions, newest first.")
class RevisionConnection(relay.Connection[Revision]):
    pass


@strawberry.type(description="One section of an article as it was at a revision.")
class SectionRevision:
    anchor: str = strawberry.field(description="Anchor derived from the heading.")
    heading: str = strawberry.field(description="Heading.")
    body: str = strawberry.field(description="Text as markdown.")


@strawberry.type(description="An article as it was at one revision: its seed document.")
class ArticleRevision:
    slug: str = strawberry.field(description="Slug of the article.")
    revision: int = strawberry.field(description="The revision asked for.")
    content_hash: str | None = strawberry.field(description="sha256 of the seed document.")
    status: str = strawberry.field(description="draft, published or archived at that revision.")
    title: str = strawberry.field(description="Title at that revision.")
    lead: str = strawberry.field(description="Lead as markdown.")
    sections: list[SectionRevision] = strawberry.field(description="Sections in reading order.")
    document: str = strawberry.field(
        description="The complete seed file (front matter and body), as `guide-api show` prints."
    )


def article_revision(
    slug: str, number: int, document: dict[str, Any], digest: str | None, anchors: list[str]
) -> ArticleRevision:
    front = document["front_matter"]
    sections = [
        SectionRevision(anchor=anchor, heading=section["heading"], body=section["body"])
        for anchor, section in zip(anchors, document["sections"], strict=True)
    ]
    return ArticleRevision(
        slug=slug,
        revision=number,
        content_hash=digest,
        status=front.get("status", "published"),
        title=front["title"],
        lead=document["lead"],
        sections=sections,
        document=article_text(document),
    )
