"""search index for speed: ids in the FTS5 rowid (SQLite), a narrow tsvector table (PostgreSQL)

Revision ID: 0008
Revises: 0006
Create Date: 2026-11-27

Written by hand, like 0005 (see schema/search/ and docs/search.md). Both
databases get a `search_fts` with one row per search document and a digest of
the text it was built from, so a refresh re-indexes only changed documents:

- SQLite: the FTS5 table is rebuilt with the document's ids in its rowid
  (article id << 32 | section id, 0 for the article's own document), so a
  search never reads the content table to learn which article a hit belongs to.
- PostgreSQL: the tsvectors move from generated columns of `article` and
  `section` into the narrow table `search_fts(article_id, section_id, digest,
  tsv)` with a GIN index: counting thousands of hits does not visit the wide
  section rows. Texts are indexed once, as written (`search_text_vector`); the
  other spellings of umlauts are now asked for by the query (half the
  tsvector to compute, store and read per document than 0005's
  `search_vector`, which indexed each text twice).

The fill below writes the layout of 0008 itself (not through the application's
refresh), so later changes to the refresh cannot break this revision.
"""

from collections.abc import Sequence

from alembic import op
from sqlalchemy import text

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQLITE_TABLE = (
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "digest UNINDEXED, title, heading, body, tokenize = 'unicode61 remove_diacritics 2')"
)
SQLITE_0005_TABLE = (
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "title, heading, body, article_id UNINDEXED, section_id UNINDEXED, "
    "tokenize = 'unicode61 remove_diacritics 2')"
)

# The text as written, soft hyphens removed. IMMUTABLE (the configuration is a
# literal) and self-contained, like 0005's search_vector; a single expression,
# so the planner inlines it.
POSTGRES_FUNCTION = r"""
CREATE FUNCTION search_text_vector(value text, weight "char") RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT pg_catalog.setweight(pg_catalog.to_tsvector('pg_catalog.german'::pg_catalog.regconfig,
    pg_catalog.replace(coalesce(value, ''), U&'\00AD', '')), weight)
$$
"""

POSTGRES_FILL = """
INSERT INTO search_fts (article_id, section_id, digest, tsv)
SELECT a.id, NULL, md5(ROW(a.title, a.subtitle, a.lead_text)::text),
  search_text_vector(a.title, 'A') || search_text_vector(a.subtitle, 'B')
  || search_text_vector(a.lead_text, 'C')
FROM article AS a
UNION ALL
SELECT s.article_id, s.id, md5(ROW(s.heading, s.body_text)::text),
  search_text_vector(s.heading, 'B') || search_text_vector(s.body_text, 'C')
FROM section AS s
"""
# The generated columns of 0005, for the downgrade.
POSTGRES_0005_COLUMNS = {
    "article": "search_vector(title, 'A') || search_vector(subtitle, 'B')"
    " || search_vector(lead_text, 'C')",
    "section": "search_vector(heading, 'B') || search_vector(body_text, 'C')",
}


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(POSTGRES_FUNCTION)
        op.execute(
            "CREATE TABLE search_fts (article_id integer NOT NULL, section_id integer, "
            "digest text NOT NULL, tsv tsvector NOT NULL)"
        )
        op.execute(POSTGRES_FILL)
        op.execute("CREATE INDEX ix_search_fts_document ON search_fts (article_id, section_id)")
        op.execute("CREATE INDEX ix_search_fts_tsv ON search_fts USING gin (tsv)")
        for table in POSTGRES_0005_COLUMNS:
            op.execute(f"DROP INDEX ix_{table}_search_tsv")
            op.execute(f"ALTER TABLE {table} DROP COLUMN search_tsv")
    else:
        op.execute("DROP TABLE search_fts")
        op.execute(SQLITE_TABLE)
        _fill_sqlite()


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TABLE search_fts")
        op.execute('DROP FUNCTION search_text_vector(text, "char")')
        for table, expression in POSTGRES_0005_COLUMNS.items():
            op.execute(
                f"ALTER TABLE {table} ADD COLUMN search_tsv tsvector "
                f"GENERATED ALWAYS AS ({expression}) STORED"
            )
            op.execute(f"CREATE INDEX ix_{table}_search_tsv ON {table} USING gin (search_tsv)")
    else:
        op.execute("ALTER TABLE search_fts RENAME TO search_fts_0008")
        op.execute(SQLITE_0005_TABLE)
        op.execute(
            "INSERT INTO search_fts (title, heading, body, article_id, section_id) "
            "SELECT title, heading, body, rowid >> 32, nullif(rowid & 4294967295, 0) "
            "FROM search_fts_0008"
        )
        op.execute("DROP TABLE search_fts_0008")


def _fill_sqlite() -> None:
    # Pure functions of the application: the stemmer, and the digest the refresh
    # compares (should it change one day, the next refresh re-indexes, nothing worse).
    from schema.search.sqlite_index import text_digest
    from schema.search.words import index_text

    bind = op.get_bind()
    documents = [
        (article_id << 32, title, subtitle, lead)
        for article_id, title, subtitle, lead in bind.execute(
            text("SELECT id, title, subtitle, lead_text FROM article")
        )
    ]
    documents += [
        (article_id << 32 | section_id, None, heading, body)
        for article_id, section_id, heading, body in bind.execute(
            text("SELECT article_id, id, heading, body_text FROM section")
        )
    ]
    if documents:
        bind.execute(
            text(
                "INSERT INTO search_fts (rowid, digest, title, heading, body) "
                "VALUES (:rowid, :digest, :title, :heading, :body)"
            ),
            [
                {
                    "rowid": rowid,
                    "digest": text_digest(title, heading, body),
                    "title": index_text(title),
                    "heading": index_text(heading),
                    "body": index_text(body),
                }
                for rowid, title, heading, body in documents
            ],
        )
