"""public article count beside the content version

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-27

`content_state.public_articles`: how many articles the public sees, set with
every content version bump (schema.content_version), so the first page of the
teaser list reads its `totalCount` from one row instead of counting the
corpus on every request. Filled here from the rows as they are.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("content_state") as table:
        table.add_column(
            sa.Column("public_articles", sa.Integer(), nullable=False, server_default="0")
        )
    # 'published' is the public's one status at this revision (schema.visibility).
    op.execute(
        "UPDATE content_state SET public_articles = "
        "(SELECT count(*) FROM article WHERE status = 'published')"
    )


def downgrade() -> None:
    with op.batch_alter_table("content_state") as table:
        table.drop_column("public_articles")
