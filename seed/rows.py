"""Database rows built from the documents (rich text as rendered once per article), and
the hashes that say whether they changed (seed.digest)."""

from typing import Any

from schema.richtext import RenderedText
from seed.body import SectionDoc
from seed.content import ArticleDoc, Located
from seed.digest import content_hash
from seed.documents import ReferenceDoc, TopicDoc


def article_hash(article: ArticleDoc) -> str:
    """sha256 of a canonical JSON of what the file says (seed.digest.article_digest)."""
    return article.digest


def topic_row(entry: Located[TopicDoc], position: int) -> dict[str, Any]:
    """Without parent_id: parents are linked by slug once every topic has an id."""
    doc = entry.doc
    return {
        "slug": doc.slug,
        "name": doc.name,
        "description": doc.description,
        "position": position,
    }


def reference_row(entry: Located[ReferenceDoc]) -> dict[str, Any]:
    """The columns of one reference.

    `csl` is the item exactly as written in references.yaml, our own `id`, `citation` and
    `et-al` included (CSL processors ignore variables they do not know).
    """
    doc = entry.doc
    return {
        "key": doc.id,
        "type": doc.type,
        "title": doc.title,
        "authors": [name.display() for name in doc.author],
        "year": doc.issued.year if doc.issued else None,
        "container_title": doc.container_title,
        "doi": doc.doi,
        "url": doc.url,
        "accessed": doc.accessed.as_date() if doc.accessed else None,
        "citation": doc.citation,
        "csl": entry.raw,
        "content_hash": content_hash(entry.raw),
    }


def article_row(article: ArticleDoc, content_hash: str) -> dict[str, Any]:
    """Every column but id, published_at and updated_at (those depend on the database)."""
    meta, hero = article.meta, article.meta.hero
    lead = article.rendered.lead
    return {
        "slug": meta.slug,
        "locale": meta.locale,
        "status": meta.status.value,
        "title": meta.title,
        "subtitle": meta.subtitle,
        "lead_markdown": lead.markdown,
        "lead_html": lead.html,
        "lead_text": lead.text,
        "hero_url": hero.url if hero else None,
        "hero_alt": hero.alt if hero else None,
        "hero_caption": hero.caption if hero else None,
        "hero_width": hero.width if hero else None,
        "hero_height": hero.height if hero else None,
        "publisher": meta.publisher,
        "url": meta.url,
        "reviewed_at": meta.reviewed_at,
        "content_hash": content_hash,
    }


def section_rows(article: ArticleDoc) -> list[dict[str, Any]]:
    """The rows of the article's sections, in order (positions from 1)."""
    pairs = zip(article.body.sections, article.rendered.sections, strict=True)
    return [section_row(section, number, body) for number, (section, body) in enumerate(pairs, 1)]


def section_row(section: SectionDoc, position: int, body: RenderedText) -> dict[str, Any]:
    """Every column but id and article_id."""
    return {
        "position": position,
        "anchor": section.anchor,
        "heading": section.heading,
        "body_markdown": body.markdown,
        "body_html": body.html,
        "body_text": body.text,
    }
