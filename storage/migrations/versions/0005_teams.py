"""Microsoft Teams: conversation references and processed activity ids.

Revision ID: 0005_teams
Revises: 0001
Create Date: 2026-11-25 15:10:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0005_teams"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "teams_conversations",
        sa.Column("key", sa.String(length=400), nullable=False),
        sa.Column("reference", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_teams_conversations")),
    )
    op.create_table(
        "teams_processed_activities",
        sa.Column("key", sa.String(length=400), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_teams_processed_activities")),
    )
    op.create_index(
        op.f("ix_teams_processed_activities_received_at"),
        "teams_processed_activities",
        ["received_at"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(
        op.f("ix_teams_processed_activities_received_at"), table_name="teams_processed_activities"
    )
    op.drop_table("teams_processed_activities")
    op.drop_table("teams_conversations")
