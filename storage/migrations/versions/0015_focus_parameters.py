"""Focus parameters (issue 13): the parameters a group's leader chose for its data charts,
kept on the group's one data-set row (`measurement_sets.focus`, a JSON list; NULL or empty:
every parameter), which imports and restores leave as it is.

Revision ID: 0015_focus_parameters
Revises: 0014_group_changes
Create Date: 2026-11-30 12:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0015_focus_parameters"
down_revision: str | Sequence[str] | None = "0014_group_changes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("measurement_sets", schema=None) as batch_op:
        batch_op.add_column(sa.Column("focus", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("measurement_sets", schema=None) as batch_op:
        batch_op.drop_column("focus")
