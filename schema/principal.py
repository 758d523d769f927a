"""Who is asking: the role of the caller and what it may read.

The app decides the principal from the request (access keys, `api.auth`) and
passes it into the GraphQL context; resolvers and loaders only read it.
"""

from dataclasses import dataclass, field
from enum import StrEnum


class Role(StrEnum):
    PUBLIC = "public"  # no key: published content only
    PARTNER = "partner"  # published content within the key's topics or articles
    PREVIEW = "preview"  # drafts and archived content too
    ADMIN = "admin"  # everything, and the mutations


@dataclass(frozen=True)
class Principal:
    role: Role = Role.PUBLIC
    # The access key's name, for logs and revision authors; None without a key.
    name: str | None = None
    # Partner keys: the topic slugs and article slugs they may read. The
    # topics' subtopics are included by `schema.visibility`, in SQL.
    topics: frozenset[str] = field(default_factory=frozenset)
    articles: frozenset[str] = field(default_factory=frozenset)
    # The access key's id, for logs; None without a key.
    key_id: int | None = None

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN


ANONYMOUS = Principal()
