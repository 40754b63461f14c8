"""Cancel with care: a cancelled meeting keeps when it was cancelled and the step it was
cancelled from, so the leader can undo the cancel on the same day.

Plain ALTER TABLE (no batch copy): SQLite adds and drops these columns in place, so the
meetings table is never recreated (with foreign keys on, dropping it would delete what
every meeting holds).

Revision ID: 0012_cancel_undo
Revises: 0011_measurement_direction
Create Date: 2026-11-30 12:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0012_cancel_undo"
down_revision: str | Sequence[str] | None = "0011_measurement_direction"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("meetings", sa.Column("cancelled_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("meetings", sa.Column("cancelled_from", sa.String(length=32), nullable=True))


def downgrade() -> None:
    op.drop_column("meetings", "cancelled_from")
    op.drop_column("meetings", "cancelled_at")
