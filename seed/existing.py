"""What the database holds now, read in a few bulk SELECTs (never one per article)."""

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.ext.asyncio import AsyncConnection

from schema.tables import Article, ArticleTopic, Citation, Reference, Section, Topic

ARTICLE = Article.__table__
ARTICLE_TOPIC = ArticleTopic.__table__
CITATION = Citation.__table__
REFERENCE = Reference.__table__
SECTION = Section.__table__
TOPIC = Topic.__table__

# Bound parameters per IN (…) list: well below the limits of SQLite and asyncpg.
CHUNK = 1000


@dataclass
class Existing:
    """Rows by natural key: topics by slug, references by key, articles by slug."""

    topics: dict[str, Row]
    references: dict[str, Row]
    articles: dict[str, Row]


@dataclass
class Children:
    """Sections, citations and topic links of some articles, by article id."""

    sections: dict[int, dict[str, Row]]  # anchor -> row
    citations: dict[int, list[str]]  # reference keys in citation order
    topics: dict[int, set[str]]  # topic slugs


def chunks(values: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def as_utc(value: datetime | None) -> datetime | None:
    # SQLite hands timestamps back without a zone; they were stored in UTC.
    return value.replace(tzinfo=UTC) if value is not None and value.tzinfo is None else value


async def load_existing(connection: AsyncConnection) -> Existing:
    topics = await connection.execute(select(TOPIC))
    references = await connection.execute(
        select(REFERENCE.c.id, REFERENCE.c.key, REFERENCE.c.content_hash)
    )
    articles = await connection.execute(
        select(
            ARTICLE.c.id,
            ARTICLE.c.slug,
            ARTICLE.c.status,
            ARTICLE.c.content_hash,
            ARTICLE.c.published_at,
            ARTICLE.c.updated_at,
        )
    )
    return Existing(
        topics={row.slug: row for row in topics},
        references={row.key: row for row in references},
        articles={row.slug: row for row in articles},
    )


async def load_children(connection: AsyncConnection, article_ids: list[int]) -> Children:
    children = Children(defaultdict(dict), defaultdict(list), defaultdict(set))
    for ids in chunks(article_ids):
        sections = await connection.execute(select(SECTION).where(SECTION.c.article_id.in_(ids)))
        for row in sections:
            children.sections[row.article_id][row.anchor] = row
        citations = await connection.execute(
            select(CITATION.c.article_id, REFERENCE.c.key)
            .join(REFERENCE, REFERENCE.c.id == CITATION.c.reference_id)
            .where(CITATION.c.article_id.in_(ids))
            .order_by(CITATION.c.article_id, CITATION.c.number)
        )
        for article_id, key in citations:
            children.citations[article_id].append(key)
        links = await connection.execute(
            select(ARTICLE_TOPIC.c.article_id, TOPIC.c.slug)
            .join(TOPIC, TOPIC.c.id == ARTICLE_TOPIC.c.topic_id)
            .where(ARTICLE_TOPIC.c.article_id.in_(ids))
        )
        for article_id, slug in links:
            children.topics[article_id].add(slug)
    return children


async def citing_articles(
    connection: AsyncConnection, reference_ids: list[int]
) -> dict[int, list[str]]:
    """Slugs of the articles (in the database) that cite each of these references."""
    citing: dict[int, list[str]] = defaultdict(list)
    for ids in chunks(reference_ids):
        rows = await connection.execute(
            select(CITATION.c.reference_id, ARTICLE.c.slug)
            .join(ARTICLE, ARTICLE.c.id == CITATION.c.article_id)
            .where(CITATION.c.reference_id.in_(ids))
            .order_by(ARTICLE.c.slug)
        )
        for reference_id, slug in rows:
            citing[reference_id].append(slug)
    return citing
