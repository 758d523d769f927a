"""The app's `CompiledQueries` (schema.compiled), from its settings and engine."""

import strawberry
from sqlalchemy.ext.asyncio import AsyncEngine

from api.database import sqlite_reading_engine
from api.observability.sql import count_sql_statement
from api.settings import Settings
from schema.compiled import (
    CompiledQueries,
    FetchSettings,
    PostgresSnapshot,
    SqliteConnection,
    SqliteSnapshot,
)
from schema.compiled.connections import PostgresConnections


def compiled_queries(
    schema: strawberry.Schema, engine: AsyncEngine, settings: Settings
) -> CompiledQueries | None:
    """None when GUIDE_COMPILED_QUERIES is off: every request takes the full path."""
    if not settings.compiled_queries:
        return None
    fetch_settings = FetchSettings(
        media_base_url=settings.public_url.rstrip("/"),
        max_page_size=schema.config.relay_max_results,
    )
    reading = sqlite_reading_engine(engine)
    if reading is not None:
        shared = SqliteConnection(reading, on_statement=count_sql_statement)
        return CompiledQueries(
            schema._schema, lambda: SqliteSnapshot(shared), fetch_settings, close=shared.close
        )
    connections = PostgresConnections(engine, on_statement=count_sql_statement)
    return CompiledQueries(
        schema._schema,
        lambda: PostgresSnapshot(connections),
        fetch_settings,
        close=connections.close,
    )
