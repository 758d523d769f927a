"""The content version: one row, bumped by every applied change to the content.

With it, what the public's first page needs and every change may alter: how many
articles the public sees (set by schema.content_version at each bump)."""

from datetime import datetime

from sqlmodel import Field, SQLModel

from schema.tables.columns import TIMESTAMP


class ContentState(SQLModel, table=True):
    __tablename__ = "content_state"

    id: int = Field(default=1, primary_key=True)
    # 0 before anything was seeded; +1 with each applied seed, rollback or admin change.
    version: int = 0
    changed_at: datetime | None = Field(default=None, sa_type=TIMESTAMP)
    public_articles: int = 0
