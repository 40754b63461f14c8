"""The inbox: chat requests kept before their ack (storage/inbox.py); it replaces the
processed-request and processed-activity key tables (a request's dedupe claim is its row).

Revision ID: 0008_inbox
Revises: 0007_chart_images
Create Date: 2026-11-29 12:00:56.558098

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0008_inbox"
down_revision: str | Sequence[str] | None = "0007_chart_images"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "inbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=400), nullable=False),
        sa.Column("platform", sa.String(length=16), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("plan", sa.LargeBinary(), nullable=True),
        sa.Column("progress", sa.Integer(), nullable=False),
        sa.Column("outbox", sa.LargeBinary(), nullable=True),
        sa.Column("sent", sa.Integer(), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inbox")),
        sa.UniqueConstraint("key", name=op.f("uq_inbox_key")),
    )
    with op.batch_alter_table("inbox", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_inbox_done_at"), ["done_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_inbox_lease_until"), ["lease_until"], unique=False)
        batch_op.create_index(batch_op.f("ix_inbox_received_at"), ["received_at"], unique=False)

    with op.batch_alter_table("teams_processed_activities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_teams_processed_activities_received_at"))

    op.drop_table("teams_processed_activities")
    with op.batch_alter_table("slack_processed_requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_slack_processed_requests_received_at"))

    op.drop_table("slack_processed_requests")


def downgrade() -> None:
    op.create_table(
        "slack_processed_requests",
        sa.Column("key", sa.VARCHAR(length=255), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_slack_processed_requests")),
    )
    with op.batch_alter_table("slack_processed_requests", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_slack_processed_requests_received_at"), ["received_at"], unique=False
        )

    op.create_table(
        "teams_processed_activities",
        sa.Column("key", sa.VARCHAR(length=400), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_teams_processed_activities")),
    )
    with op.batch_alter_table("teams_processed_activities", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_teams_processed_activities_received_at"), ["received_at"], unique=False
        )

    with op.batch_alter_table("inbox", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_inbox_received_at"))
        batch_op.drop_index(batch_op.f("ix_inbox_lease_until"))
        batch_op.drop_index(batch_op.f("ix_inbox_done_at"))

    op.drop_table("inbox")
