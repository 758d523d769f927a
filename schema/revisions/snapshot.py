"""Seed documents built from the rows as they are now, in a few bulk reads.

Used for what has no file behind it: the first revision's record of everything,
articles archived because their file is gone, and admin changes. An article's
`published_at` and `updated_at` are left out: the importer keeps them itself.
"""

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from schema.tables import Article, ArticleTopic, Citation, Reference, Section, Topic
from schema.types.article import utc

A, S, T, R = Article.__table__, Section.__table__, Topic.__table__, Reference.__table__
CITATION, ARTICLE_TOPIC = Citation.__table__, ArticleTopic.__table__
_CHUNK = 1000


async def topic_documents(connection: AsyncConnection) -> dict[str, dict[str, Any]]:
    rows = list(await connection.execute(select(T).order_by(T.c.position, T.c.id)))
    slug_of = {row.id: row.slug for row in rows}
    documents = {}
    for row in rows:
        item = {"slug": row.slug, "name": row.name, "description": row.description}
        item["parent"] = slug_of.get(row.parent_id)
        item = {name: value for name, value in item.items() if value is not None}
        documents[row.slug] = {"item": item, "position": row.position}
    return documents


async def reference_documents(connection: AsyncConnection) -> dict[str, dict[str, Any]]:
    rows = await connection.execute(select(R.c.key, R.c.csl).order_by(R.c.key))
    return {row.key: {"item": row.csl} for row in rows}


async def article_documents(
    connection: AsyncConnection, slugs: Sequence[str] | None = None
) -> dict[str, tuple[dict[str, Any], str]]:
    """slug -> (document, content hash) of the given articles (every article for None)."""
    statement = select(A).order_by(A.c.slug)
    rows = []
    for chunk in [None] if slugs is None else _chunks(list(slugs)):
        part = statement if chunk is None else statement.where(A.c.slug.in_(chunk))
        rows += list(await connection.execute(part))
    ids = [row.id for row in rows]
    sections, citations, topics = await _children(connection, ids)
    return {
        row.slug: (
            {
                "front_matter": _front_matter(row, topics[row.id], citations[row.id]),
                "lead": row.lead_markdown,
                "sections": sections[row.id],
            },
            row.content_hash,
        )
        for row in rows
    }


def _front_matter(row: Any, topics: list[str], references: list[str]) -> dict[str, Any]:
    hero = None
    if row.hero_url is not None:
        hero = {
            "url": row.hero_url,
            "alt": row.hero_alt,
            "caption": row.hero_caption,
            "width": row.hero_width,
            "height": row.hero_height,
        }
        hero = {name: value for name, value in hero.items() if value is not None}
    reviewed = utc(row.reviewed_at)
    front = {
        "slug": row.slug,
        "locale": row.locale,
        "status": row.status,
        "title": row.title,
        "subtitle": row.subtitle,
        "publisher": row.publisher,
        "url": row.url,
        "reviewed_at": reviewed.isoformat().replace("+00:00", "Z") if reviewed else None,
        "hero": hero,
        "topics": topics,
        "references": references,
    }
    return {name: value for name, value in front.items() if value is not None}


async def _children(connection: AsyncConnection, ids: list[int]):
    sections: defaultdict[int, list[dict[str, str]]] = defaultdict(list)
    citations: defaultdict[int, list[str]] = defaultdict(list)
    topics: defaultdict[int, list[str]] = defaultdict(list)
    for chunk in _chunks(ids):
        found = await connection.execute(
            select(S.c.article_id, S.c.heading, S.c.body_markdown)
            .where(S.c.article_id.in_(chunk))
            .order_by(S.c.article_id, S.c.position)
        )
        for row in found:
            sections[row.article_id].append({"heading": row.heading, "body": row.body_markdown})
        found = await connection.execute(
            select(CITATION.c.article_id, R.c.key)
            .join(R, R.c.id == CITATION.c.reference_id)
            .where(CITATION.c.article_id.in_(chunk))
            .order_by(CITATION.c.article_id, CITATION.c.number)
        )
        for row in found:
            citations[row.article_id].append(row.key)
        found = await connection.execute(
            select(ARTICLE_TOPIC.c.article_id, T.c.slug)
            .join(T, T.c.id == ARTICLE_TOPIC.c.topic_id)
            .where(ARTICLE_TOPIC.c.article_id.in_(chunk))
            .order_by(ARTICLE_TOPIC.c.article_id, T.c.position)
        )
        for row in found:
            topics[row.article_id].append(row.slug)
    return sections, citations, topics


def _chunks(values: list[Any]):
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]
