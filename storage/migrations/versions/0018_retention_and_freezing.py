"""Retention and uninstall (issue 15): a group's own retention periods (NULL: the
settings' defaults), when its workspace or team removed the app (`frozen_at`; NULL
while installed), and the meeting a kept chart image was drawn for (`chart_images.meeting_id`,
deleted with it; NULL for the images kept before). A frozen group is deleted when the grace
period has passed.

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
    with op.batch_alter_table("chart_images") as batch:
        batch.add_column(sa.Column("meeting_id", sa.Integer(), nullable=True))
        batch.create_index(batch.f("ix_chart_images_meeting_id"), ["meeting_id"], unique=False)
        batch.create_foreign_key(
            batch.f("fk_chart_images_meeting_id_meetings"),
            "meetings",
            ["meeting_id"],
            ["id"],
            ondelete="CASCADE",
        )


def downgrade() -> None:
    with op.batch_alter_table("chart_images") as batch:
        batch.drop_constraint(batch.f("fk_chart_images_meeting_id_meetings"), type_="foreignkey")
        batch.drop_index(batch.f("ix_chart_images_meeting_id"))
        batch.drop_column("meeting_id")
    with op.batch_alter_table("groups") as batch:
        batch.drop_column("frozen_at")
        for kind in reversed(PERIODS):
            batch.drop_column(f"retention_{kind}_days")
