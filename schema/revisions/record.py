"""Recording a revision in the caller's transaction: its row, documents and change rows."""

import getpass
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncConnection

from schema.tables import ContentChange, ContentRevision, RevisionDocument

REVISION = ContentRevision.__table__
DOCUMENT = RevisionDocument.__table__
CHANGE = ContentChange.__table__


@dataclass(frozen=True)
class Document:
    """The seed document of one entity as of the new revision; None: it was deleted."""

    kind: str  # topic | reference | article
    key: str
    document: dict[str, Any] | None
    content_hash: str | None = None


def default_author(author: str | None = None) -> str:
    """`author`, else $GUIDE_AUTHOR, else the operating-system user."""
    if author:
        return author
    if os.environ.get("GUIDE_AUTHOR"):
        return os.environ["GUIDE_AUTHOR"]
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name for this uid (e.g. in a container)
        return f"uid {os.getuid()}" if hasattr(os, "getuid") else "unknown"


async def has_revisions(connection: AsyncConnection) -> bool:
    return await connection.scalar(select(REVISION.c.id).limit(1)) is not None


async def add_revision(connection: AsyncConnection, *, author: str, source: str) -> int:
    """Add revision N+1's row (its summary comes when the change is done); return N+1."""
    return await connection.scalar(
        insert(REVISION)
        .values(created_at=datetime.now(UTC), author=author[:200], source=source, summary="")
        .returning(REVISION.c.id)
    )


async def add_documents(
    connection: AsyncConnection, number: int, documents: Iterable[Document]
) -> None:
    """Store `documents` as the entities' state in revision `number`."""
    rows = [
        {
            "revision_id": number,
            "kind": document.kind,
            "key": document.key,
            "document": document.document,
            "content_hash": document.content_hash,
        }
        for document in documents
    ]
    if rows:
        await connection.execute(insert(DOCUMENT), rows)
