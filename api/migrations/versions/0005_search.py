"""full-text search: FTS5 table on SQLite, generated tsvector columns on PostgreSQL

Revision ID: 0005
Revises: 0001
Create Date: 2026-11-27 05:50:00

Written by hand (SQLModel does not model full-text objects; api/migrations/env.py
keeps autogenerate away from them). See schema/search/ and docs/search.md.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# A text's tsvector, weighted: the text as written and transliterated (ä → ae,
# ö → oe, ü → ue, ß → ss), soft hyphens removed. IMMUTABLE (the configuration
# is a literal), so generated columns may use it; self-contained, so a restore
# with an empty search_path can still compute it.
POSTGRES_FUNCTION = r"""
CREATE FUNCTION search_vector(value text, weight "char") RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT pg_catalog.setweight(
    pg_catalog.to_tsvector('pg_catalog.german'::pg_catalog.regconfig, cleaned.text)
    || pg_catalog.to_tsvector('pg_catalog.german'::pg_catalog.regconfig,
      pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(
      pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(cleaned.text,
      'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'Ä', 'Ae'), 'Ö', 'Oe'), 'Ü', 'Ue'), 'ß', 'ss')),
    weight)
  FROM (SELECT pg_catalog.replace(coalesce(value, ''), U&'\00AD', '') AS text) AS cleaned
$$
"""

POSTGRES_COLUMNS = {
    "article": "search_vector(title, 'A') || search_vector(subtitle, 'B')"
    " || search_vector(lead_text, 'C')",
    "section": "search_vector(heading, 'B') || search_vector(body_text, 'C')",
}


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(POSTGRES_FUNCTION)
        for table, expression in POSTGRES_COLUMNS.items():
            op.execute(
                f"ALTER TABLE {table} ADD COLUMN search_tsv tsvector "
                f"GENERATED ALWAYS AS ({expression}) STORED"
            )
            op.execute(f"CREATE INDEX ix_{table}_search_tsv ON {table} USING gin (search_tsv)")
    else:
        op.execute(
            "CREATE VIRTUAL TABLE search_fts USING fts5("
            "title, heading, body, article_id UNINDEXED, section_id UNINDEXED, "
            "tokenize = 'unicode61 remove_diacritics 2')"
        )
        # Filled by migration 0008, which replaces this table with its newer layout.


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in POSTGRES_COLUMNS:
            op.execute(f"DROP INDEX ix_{table}_search_tsv")
            op.execute(f"ALTER TABLE {table} DROP COLUMN search_tsv")
        op.execute('DROP FUNCTION search_vector(text, "char")')
    else:
        op.execute("DROP TABLE search_fts")
