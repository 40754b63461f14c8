"""Live messages (issue 16): where each meeting step's list of themes and votes was posted
(the Slack channel and `ts`, or the Teams conversation and activity ids), so every process
edits that one message in place instead of posting the list again (`storage.live_messages`).
Deleted with the meeting.

Revision ID: 0019_live_messages
Revises: 0018_retention_and_freezing
Create Date: 2026-12-04 09:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0019_live_messages"
down_revision: str | Sequence[str] | None = "0018_retention_and_freezing"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "live_messages",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("step", sa.String(length=32), nullable=False),
        sa.Column("channel", sa.String(length=400), nullable=False),
        sa.Column("message_ids", sa.Text(), nullable=False),
        sa.Column("claimed_by", sa.String(length=100), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_live_messages_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("meeting_id", "kind", name=op.f("pk_live_messages")),
    )


def downgrade() -> None:
    op.drop_table("live_messages")
