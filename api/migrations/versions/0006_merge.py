"""Merge the feature branches: revisions, webhooks, access keys, search

Revision ID: 0006
Revises: 0002, 0003, 0004, 0005
Create Date: 2026-11-27

The four migrations were written side by side on top of 0001; from here on the
history is one line again, so new migrations go on top of this one.
"""

from collections.abc import Sequence

revision: str = "0006"
down_revision: str | Sequence[str] | None = ("0002", "0003", "0004", "0005")
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
