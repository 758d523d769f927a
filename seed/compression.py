"""PostgreSQL: compress what the seed writes with lz4 instead of pglz.

Rows of long text (a section keeps its markdown, HTML and plain text) are compressed
when PostgreSQL stores them; pglz takes about twice as long as lz4 for the text a
seed writes. `default_toast_compression` is set for the seed's transaction only
(SET LOCAL); values keep the method they were written with, and readers decompress
either. Servers built without lz4 keep pglz.
"""

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

_SUPPORTED = text(
    "SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'"
)


async def compress_with_lz4(connection: AsyncConnection) -> None:
    """Within the current transaction, if the server supports it."""
    if connection.dialect.name == "postgresql" and await connection.scalar(_SUPPORTED):
        await connection.execute(text("SET LOCAL default_toast_compression = lz4"))
