"""The change feed: one row per entity a revision created, updated or removed.

Rows are never changed; their id orders the feed. Articles and sections carry
the article's status before and after, so the feed can show each caller only
what it may see (a draft's creation is nothing to the public, its publishing a
creation, its archiving a removal).
"""

from sqlalchemy import Index
from sqlmodel import Field, SQLModel


class ContentChange(SQLModel, table=True):
    __tablename__ = "content_change"
    __table_args__ = (Index("ix_content_change_revision", "revision_id"),)

    id: int | None = Field(default=None, primary_key=True)
    revision_id: int = Field(foreign_key="content_revision.id", ondelete="CASCADE")
    kind: str = Field(max_length=20)  # article | section | topic | reference
    entity_id: int
    # The Relay global id, also for tombstones whose row is gone.
    global_id: str = Field(max_length=300)
    action: str = Field(max_length=20)  # created | updated | removed
    # Slug, anchor or reference key; sections also name their article.
    key: str = Field(max_length=200)
    article: str | None = Field(default=None, max_length=200)
    # Articles and sections: the article's status before and after (None: did not exist).
    status_before: str | None = Field(default=None, max_length=20)
    status_after: str | None = Field(default=None, max_length=20)
