"""Content revisions: one per applied change, with the documents of what changed.

A revision stores, per entity it changed, the entity's complete seed document
(a topic or reference entry, an article's front matter and body) or None when
the entity was deleted. The state of the whole content at revision N is, per
entity, its newest document at or before N; the first revision also stores every
unchanged entity, so each state can be rebuilt from the table alone.
"""

from datetime import datetime

from sqlalchemy import Column, Index
from sqlmodel import Field, SQLModel

from schema.tables.columns import JSON_TYPE, TIMESTAMP


class ContentRevision(SQLModel, table=True):
    __tablename__ = "content_revision"

    # The revision number: 1, 2, 3, … in commit order (one seed holds the write lock).
    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = Field(sa_type=TIMESTAMP)
    author: str = Field(max_length=200)
    # "seed", "rollback of 3", "mutation updateSection", …
    source: str = Field(max_length=200)
    # One line per kind, e.g. "articles: 1 updated; sections: 1 updated".
    summary: str


class RevisionDocument(SQLModel, table=True):
    __tablename__ = "revision_document"
    # The key (kind, key, revision) serves "newest document of each entity at or
    # before N"; the index serves "what did revision N change".
    __table_args__ = (Index("ix_revision_document_revision", "revision_id"),)

    kind: str = Field(primary_key=True, max_length=20)  # topic | reference | article
    key: str = Field(primary_key=True, max_length=200)  # slug or reference key
    revision_id: int = Field(
        foreign_key="content_revision.id", primary_key=True, ondelete="CASCADE"
    )
    # The seed document; None: deleted in this revision.
    document: dict | None = Field(default=None, sa_column=Column(JSON_TYPE, nullable=True))
    # Articles: the content hash the importer stores (what the file says).
    content_hash: str | None = Field(default=None, max_length=64)
