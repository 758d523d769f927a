"""content revisions, their documents and the change feed

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 05:29:44.848040
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "content_revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("author", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("summary", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "content_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("revision_id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("global_id", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("action", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("article", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("status_before", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
        sa.Column("status_after", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
        sa.ForeignKeyConstraint(["revision_id"], ["content_revision.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("content_change", schema=None) as batch_op:
        batch_op.create_index("ix_content_change_revision", ["revision_id"], unique=False)

    op.create_table(
        "revision_document",
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("revision_id", sa.Integer(), nullable=False),
        sa.Column(
            "document",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=True,
        ),
        sa.Column("content_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.ForeignKeyConstraint(["revision_id"], ["content_revision.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("kind", "key", "revision_id"),
    )
    with op.batch_alter_table("revision_document", schema=None) as batch_op:
        batch_op.create_index("ix_revision_document_revision", ["revision_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("revision_document", schema=None) as batch_op:
        batch_op.drop_index("ix_revision_document_revision")

    op.drop_table("revision_document")
    with op.batch_alter_table("content_change", schema=None) as batch_op:
        batch_op.drop_index("ix_content_change_revision")

    op.drop_table("content_change")
    op.drop_table("content_revision")
