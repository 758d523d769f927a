"""Access keys: who may read what, and who may change content.

Only a hash of each key is stored; the secret itself is shown once, when the
key is created (see `api.auth.tokens`).
"""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, Column
from sqlmodel import Field, SQLModel

from schema.tables.columns import JSON_TYPE, TIMESTAMP


class KeyRole(StrEnum):
    PARTNER = "partner"
    PREVIEW = "preview"
    ADMIN = "admin"


class AccessKey(SQLModel, table=True):
    __tablename__ = "access_key"
    __table_args__ = (
        CheckConstraint("role IN ('partner', 'preview', 'admin')", name="ck_access_key_role"),
    )

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200)
    role: str = Field(max_length=20)
    # Hex SHA-256 of the whole secret; requests are matched by it.
    secret_hash: str = Field(unique=True, max_length=64)
    # The secret's first characters ("gk_AbCd"), so people can tell keys apart.
    hint: str = Field(max_length=16)
    # Partner keys: topic slugs (subtopics included) and article slugs they may read.
    topics: list[str] = Field(default_factory=list, sa_column=Column(JSON_TYPE, nullable=False))
    articles: list[str] = Field(default_factory=list, sa_column=Column(JSON_TYPE, nullable=False))
    # Browser origins allowed to send this key (CORS), e.g. "https://portal.example".
    origins: list[str] = Field(default_factory=list, sa_column=Column(JSON_TYPE, nullable=False))
    created_at: datetime = Field(sa_type=TIMESTAMP)
    # None: never expires.
    expires_at: datetime | None = Field(default=None, sa_type=TIMESTAMP)
    revoked_at: datetime | None = Field(default=None, sa_type=TIMESTAMP)
    # Updated at most once a minute per process, not on every request.
    last_used_at: datetime | None = Field(default=None, sa_type=TIMESTAMP)
