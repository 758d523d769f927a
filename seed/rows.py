"""Database rows built from the documents, and the hashes that say whether they changed."""

import hashlib
import json
from typing import Any

from pydantic_core import to_json

from schema.richtext import render
from seed.body import SectionDoc
from seed.content import ArticleDoc, Located
from seed.documents import ReferenceDoc, TopicDoc

# Part of every hash: bump it when the rows built from unchanged files change (e.g. a new
# rich-text renderer), so the next seed rewrites every article and reference.
ROW_FORMAT = 1


def content_hash(data: Any) -> str:
    """sha256 of a canonical JSON (sorted keys, no spaces) of `data`, e.g. a CSL item."""
    canonical = json.dumps(
        {"format": ROW_FORMAT, "data": data},
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def article_hash(article: ArticleDoc) -> str:
    """sha256 of a canonical JSON of what the file says: front matter (validated, so
    defaults filled in and fields in model order), lead and sections.

    pydantic's JSON encoder (Rust) instead of `json`: articles are long, and a
    no-change seed of 10,000 of them hashes every one.
    """
    sections = [[section.heading, section.body] for section in article.body.sections]
    document = {"format": ROW_FORMAT, "meta": article.meta, "lead": article.body.lead}
    return hashlib.sha256(to_json({**document, "sections": sections})).hexdigest()


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
    lead = render(article.body.lead)
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


def section_row(section: SectionDoc, position: int) -> dict[str, Any]:
    """Every column but id and article_id."""
    body = render(section.body)
    return {
        "position": position,
        "anchor": section.anchor,
        "heading": section.heading,
        "body_markdown": body.markdown,
        "body_html": body.html,
        "body_text": body.text,
    }
