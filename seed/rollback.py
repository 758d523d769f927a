"""`guide-api seed --rollback N`: apply the content as it was at revision N, as a new revision.

The state at N is rebuilt from the revision history (schema.revisions), written as
a content folder and imported like any other: validated, diffed, written in one
transaction. Articles that did not exist at N are archived, never deleted. Images
are not versioned: the current media folder serves the old content too.
"""

import tempfile
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncEngine

from schema.revisions.files import write_content
from schema.revisions.history import rows_of, state_at
from schema.revisions.lock import DEFAULT_TIMEOUT
from seed.importer import import_content
from seed.report import ImportReport


async def rollback(
    engine: AsyncEngine,
    number: int,
    *,
    media: Path | None,
    author: str | None = None,
    dry_run: bool = False,
    lock_timeout: float = DEFAULT_TIMEOUT,
    workers: int | None = None,
) -> ImportReport:
    """Re-apply revision `number`'s content; raises UnknownRevisionError for a wrong number."""
    async with engine.connect() as connection:
        state = await state_at(rows_of(connection), number)
    with tempfile.TemporaryDirectory(prefix="guide-rollback-") as folder:
        content_dir = Path(folder) / "content"
        write_content(state, content_dir, media)
        return await import_content(
            engine,
            content_dir,
            dry_run=dry_run,
            author=author,
            source=f"rollback to revision {number}",
            lock_timeout=lock_timeout,
            workers=workers,
        )
