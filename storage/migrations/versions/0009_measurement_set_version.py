"""Measurement sets: a version per group's data set, so concurrent imports are serialised
(storage/measurements.py claims the next version before replacing the rows).

Revision ID: 0009_measurement_set_version
Revises: 0008_inbox
Create Date: 2026-11-29 16:30:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0009_measurement_set_version"
down_revision: str | Sequence[str] | None = "0008_inbox"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("measurement_sets", schema=None) as batch_op:
        batch_op.add_column(sa.Column("version", sa.Integer(), server_default="1", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("measurement_sets", schema=None) as batch_op:
        batch_op.drop_column("version")
