"""The learning loop (issue 17): what a sign of progress expects of the data (a parameter, a
direction, a target value or share), the group's verdicts on the signs at the next meeting
(`sign_verdicts`, deleted with either meeting), an explanation's link to the sign it
explains, and the local day an action was done or dropped (on time or late).

Revision ID: 0020_learning
Revises: 0019_live_messages
Create Date: 2026-12-05 09:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0020_learning"
down_revision: str | Sequence[str] | None = "0019_live_messages"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("agreement_signs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("parameter", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("direction", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("target", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("target_share", sa.Float(), nullable=True))
    with op.batch_alter_table("explanations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sign_number", sa.Integer(), nullable=True))
    with op.batch_alter_table("actions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("closed_on", sa.Date(), nullable=True))
    op.create_table(
        "sign_verdicts",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("sign_meeting_id", sa.Integer(), nullable=False),
        sa.Column("sign_number", sa.Integer(), nullable=False),
        sa.Column("verdict", sa.String(length=32), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("author", sa.String(length=255), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_sign_verdicts_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["sign_meeting_id"],
            ["meetings.id"],
            name=op.f("fk_sign_verdicts_sign_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "meeting_id", "sign_meeting_id", "sign_number", name=op.f("pk_sign_verdicts")
        ),
    )
    with op.batch_alter_table("sign_verdicts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_sign_verdicts_sign_meeting_id"), ["sign_meeting_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("sign_verdicts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sign_verdicts_sign_meeting_id"))
    op.drop_table("sign_verdicts")
    with op.batch_alter_table("actions", schema=None) as batch_op:
        batch_op.drop_column("closed_on")
    with op.batch_alter_table("explanations", schema=None) as batch_op:
        batch_op.drop_column("sign_number")
    with op.batch_alter_table("agreement_signs", schema=None) as batch_op:
        batch_op.drop_column("target_share")
        batch_op.drop_column("target")
        batch_op.drop_column("direction")
        batch_op.drop_column("parameter")
