"""Reading and bumping the content version.

Every applied change to the content (a seed, a rollback, an admin mutation)
calls `bump_version` inside its own transaction, so the new version becomes
visible exactly when the new content does. On PostgreSQL the bump also sends
`NOTIFY guide_content, '<version>'`, delivered at commit, so every API process
listening on that channel learns of it at once; SQLite processes poll
`read_version`, which is one indexed single-row read.
"""

from datetime import UTC, datetime

from sqlalchemy import func, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncConnection

from schema.tables import Article, ContentState
from schema.visibility import Visibility

NOTIFY_CHANNEL = "guide_content"


# The current content version (no row: nothing was ever seeded, version 0).
VERSION = select(ContentState.version).where(ContentState.id == 1)
# How many articles the public sees, counted at each bump ...
PUBLIC_ARTICLES = select(func.count()).select_from(Article).where(Visibility().articles())
# ... and as the last bump stored it (0 before the first seed): the public's `totalCount`.
STORED_PUBLIC_ARTICLES = select(
    func.coalesce(
        select(ContentState.public_articles).where(ContentState.id == 1).scalar_subquery(), 0
    ).label("total")
)


async def read_version(connection: AsyncConnection) -> int:
    """The current content version; 0 when nothing was ever seeded."""
    return await connection.scalar(VERSION) or 0


async def bump_version(connection: AsyncConnection) -> int:
    """Add one to the content version in the caller's transaction; return the new version.
    The last step of a change, after its rows: it also stores how many articles the
    public sees now (the teaser list's `totalCount`, read by schema.compiled)."""
    insert = pg_insert if connection.dialect.name == "postgresql" else sqlite_insert
    await connection.execute(
        insert(ContentState).values(id=1, version=0).on_conflict_do_nothing(index_elements=["id"])
    )
    version = await connection.scalar(
        update(ContentState)
        .where(ContentState.id == 1)
        .values(
            version=ContentState.version + 1,
            changed_at=datetime.now(UTC),
            public_articles=PUBLIC_ARTICLES.scalar_subquery(),
        )
        .returning(ContentState.version)
    )
    if connection.dialect.name == "postgresql":
        await connection.execute(
            text("SELECT pg_notify(:channel, :payload)"),
            {"channel": NOTIFY_CHANNEL, "payload": str(version)},
        )
    return version
