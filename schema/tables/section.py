"""Sections: the ordered parts of one article."""

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel


class Section(SQLModel, table=True):
    __tablename__ = "section"
    __table_args__ = (
        UniqueConstraint("article_id", "anchor", name="uq_section_article_anchor"),
        Index("ix_section_article_position", "article_id", "position"),
    )

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", ondelete="CASCADE")
    position: int
    anchor: str = Field(max_length=200)
    heading: str
    body_markdown: str = ""
    body_html: str = ""
    body_text: str = ""
