"""Scheduling and reminders: each group's rhythm and offsets, and the reminder rows.

A branch from 0001 beside the Slack migration; `upgrade` runs to "heads".

Revision ID: 0003_reminders
Revises: 0001
Create Date: 2026-11-25 14:32:12.850131

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0003_reminders"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "group_schedules",
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("frequency", sa.String(length=32), nullable=True),
        sa.Column("interval", sa.Integer(), nullable=True),
        sa.Column("weekday", sa.Integer(), nullable=True),
        sa.Column("nth", sa.Integer(), nullable=True),
        sa.Column("at_time", sa.String(length=5), nullable=True),
        sa.Column("holidays", sa.String(length=32), nullable=True),
        sa.Column("start_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("timeline", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["groups.id"],
            name=op.f("fk_group_schedules_group_id_groups"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("group_id", name=op.f("pk_group_schedules")),
    )
    op.create_table(
        "reminders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("recipient", sa.String(length=255), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=64), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("action_number", sa.Integer(), nullable=True),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("available_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("claimed_by", sa.String(length=64), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["groups.id"],
            name=op.f("fk_reminders_group_id_groups"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminders")),
    )
    op.create_index(op.f("ix_reminders_group_id"), "reminders", ["group_id"])
    op.create_index(op.f("ix_reminders_source"), "reminders", ["source", "status"])
    claimable = sa.text("status IN ('pending', 'claimed')")
    op.create_index(
        "ix_reminders_claimable",
        "reminders",
        ["available_at"],
        postgresql_where=claimable,
        sqlite_where=claimable,
    )


def downgrade() -> None:
    op.drop_index("ix_reminders_claimable", table_name="reminders")
    op.drop_index(op.f("ix_reminders_source"), table_name="reminders")
    op.drop_index(op.f("ix_reminders_group_id"), table_name="reminders")
    op.drop_table("reminders")
    op.drop_table("group_schedules")
