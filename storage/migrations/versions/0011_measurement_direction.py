"""Measurements keep the file's `retning` (which way is better for the parameter), so
captions can say better or worse from what the team imported; and a row that records only
goal attainment may have no value.

Revision ID: 0011_measurement_direction
Revises: 0010_measurement_versions
Create Date: 2026-11-29 22:20:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0011_measurement_direction"
down_revision: str | Sequence[str] | None = "0010_measurement_versions"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("measurements", schema=None) as batch_op:
        batch_op.add_column(sa.Column("direction", sa.String(length=32), nullable=True))
        batch_op.alter_column("value", existing_type=sa.Float(), nullable=True)


def downgrade() -> None:
    with op.batch_alter_table("measurements", schema=None) as batch_op:
        batch_op.drop_column("direction")
    op.execute("DELETE FROM measurements WHERE value IS NULL")
    with op.batch_alter_table("measurements", schema=None) as batch_op:
        batch_op.alter_column("value", existing_type=sa.Float(), nullable=False)
