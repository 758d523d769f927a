"""Database objects that SQLModel does not model, which autogenerate must leave alone.

Full-text search objects are created and dropped by hand-written migrations
(0005: SQLite's FTS5 table and its shadow tables; PostgreSQL's generated
tsvector columns and their GIN indexes). `include_name` is the filter for
alembic's `include_name` option: env.py passes it to autogenerate, and
tests/test_migrations.py should pass it to `compare_metadata`.
"""

# FTS5 virtual tables and the shadow tables SQLite creates for them.
UNMODELLED_SUFFIXES = (
    "_fts",
    "_fts_data",
    "_fts_idx",
    "_fts_docsize",
    "_fts_config",
    "_fts_content",
)
# PostgreSQL full-text search (migration 0005): generated tsvector columns and their indexes.
UNMODELLED_COLUMNS = ("search_tsv",)
UNMODELLED_INDEXES = ("ix_article_search_tsv", "ix_section_search_tsv")


def include_name(name, type_, _parent_names) -> bool:
    if type_ == "column":
        return name not in UNMODELLED_COLUMNS
    if type_ == "index":
        return name not in UNMODELLED_INDEXES
    return not (type_ == "table" and name and name.endswith(UNMODELLED_SUFFIXES))
