"""Group changes: when a group was archived (NULL while it is active).

Removed members need no column: they stay in `group_members` with the role "former", so
the names on what they wrote still render. Plain ALTER TABLE (no batch copy), as in
0012_cancel_undo: the groups table is never recreated (with foreign keys on, dropping it
would delete every group's meetings).

Revision ID: 0014_group_changes
Revises: 0013_corrections
Create Date: 2026-12-01 09:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0014_group_changes"
down_revision: str | Sequence[str] | None = "0013_corrections"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("groups", sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    op.drop_column("groups", "archived_at")
