"""Articles and their links to topics."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, Index
from sqlmodel import Field, SQLModel

from schema.tables.columns import TIMESTAMP


class ArticleStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    ARCHIVED = "archived"


class Article(SQLModel, table=True):
    __tablename__ = "article"
    __table_args__ = (
        CheckConstraint("status IN ('draft', 'published', 'archived')", name="ck_article_status"),
        # Public listings filter on status and page by slug.
        Index("ix_article_status_slug", "status", "slug"),
    )

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(unique=True, max_length=200)
    locale: str = Field(default="de", max_length=20)
    status: str = Field(default=ArticleStatus.PUBLISHED, max_length=20)
    title: str
    subtitle: str | None = None
    # Rich text is rendered once at seed time: markdown is the source of truth.
    lead_markdown: str = ""
    lead_html: str = ""
    lead_text: str = ""
    hero_url: str | None = None
    hero_alt: str | None = None
    hero_caption: str | None = None
    hero_width: int | None = None
    hero_height: int | None = None
    publisher: str | None = None
    url: str | None = None
    published_at: datetime | None = Field(default=None, sa_type=TIMESTAMP)
    updated_at: datetime | None = Field(default=None, sa_type=TIMESTAMP)
    reviewed_at: datetime | None = Field(default=None, sa_type=TIMESTAMP)
    # Hash of everything the seed file says; an unchanged hash means no write.
    content_hash: str = Field(default="", max_length=64)


class ArticleTopic(SQLModel, table=True):
    __tablename__ = "article_topic"

    article_id: int = Field(foreign_key="article.id", primary_key=True, ondelete="CASCADE")
    topic_id: int = Field(foreign_key="topic.id", primary_key=True, index=True, ondelete="CASCADE")
