"""Literature references (CSL-JSON) and their numbered citations in articles."""

from datetime import date

from sqlalchemy import Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from schema.tables.columns import JSON_TYPE


class Reference(SQLModel, table=True):
    __tablename__ = "reference"

    id: int | None = Field(default=None, primary_key=True)
    # The editors' stable key (the CSL-JSON `id` in references.yaml).
    key: str = Field(unique=True, max_length=200)
    type: str = Field(max_length=50)
    title: str
    # Display names, e.g. "Coleman R" or "NICE"; the structured names live in `csl`.
    authors: list[str] = Field(default_factory=list, sa_column=Column(JSON_TYPE, nullable=False))
    year: int | None = None
    container_title: str | None = None
    doi: str | None = None
    url: str | None = None
    accessed: date | None = None
    # The citation line exactly as the source prints it.
    citation: str
    # The complete CSL-JSON item, for citation processors.
    csl: dict = Field(default_factory=dict, sa_column=Column(JSON_TYPE, nullable=False))
    content_hash: str = Field(default="", max_length=64)


class Citation(SQLModel, table=True):
    __tablename__ = "citation"
    __table_args__ = (
        UniqueConstraint("article_id", "reference_id", name="uq_citation_article_reference"),
        Index("ix_citation_reference", "reference_id"),
    )

    article_id: int = Field(foreign_key="article.id", primary_key=True, ondelete="CASCADE")
    number: int = Field(primary_key=True)
    reference_id: int = Field(foreign_key="reference.id", ondelete="RESTRICT")
