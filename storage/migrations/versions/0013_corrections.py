"""Corrections: who wrote each sign of progress and each action (so its author may correct
it), and the leader's amendments to a closed meeting's agreement paper.

Revision ID: 0013_corrections
Revises: 0012_cancel_undo
Create Date: 2026-11-30 00:40:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0013_corrections"
down_revision: str | Sequence[str] | None = "0012_cancel_undo"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    for table in ("agreement_signs", "actions"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("author", sa.String(length=255), server_default="", nullable=False)
            )
    op.create_table(
        "agreement_amendments",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("by", sa.String(length=255), nullable=False),
        sa.Column("item", sa.String(length=32), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("removed", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_agreement_amendments_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("meeting_id", "position", name=op.f("pk_agreement_amendments")),
    )


def downgrade() -> None:
    op.drop_table("agreement_amendments")
    for table in ("actions", "agreement_signs"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("author")
