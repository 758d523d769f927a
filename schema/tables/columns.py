"""Column types shared by the tables."""

from sqlalchemy import JSON, DateTime
from sqlalchemy.dialects.postgresql import JSONB

# JSON on SQLite, jsonb on PostgreSQL.
JSON_TYPE = JSON().with_variant(JSONB(), "postgresql")

# Stored in UTC; SQLite hands them back naive, the type layer adds UTC again.
TIMESTAMP = DateTime(timezone=True)
