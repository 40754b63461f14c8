"""Retention and uninstall (issue 15): a group's own retention periods (NULL: the
settings' defaults) and when its workspace or team removed the app (`frozen_at`; NULL
while installed). A frozen group is deleted when the grace period has passed.

Revision ID: 0018_retention_and_freezing
Revises: 0017_audit_log
Create Date: 2026-12-03 09:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0018_retention_and_freezing"
down_revision: str | Sequence[str] | None = "0017_audit_log"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PERIODS = ("meeting", "measurement", "chart", "reminder")


def upgrade() -> None:
    with op.batch_alter_table("groups") as batch:
        for kind in PERIODS:
            batch.add_column(sa.Column(f"retention_{kind}_days", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("frozen_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("groups") as batch:
        batch.drop_column("frozen_at")
        for kind in reversed(PERIODS):
            batch.drop_column(f"retention_{kind}_days")
