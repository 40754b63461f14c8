"""Measurements: a group's imported data set, and where it came from.

Revision ID: 0004_measurements
Revises: 0001
Create Date: 2026-11-25 14:45:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0004_measurements"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "measurement_sets",
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("imported_by", sa.String(length=255), nullable=False),
        sa.Column("row_count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["groups.id"],
            name=op.f("fk_measurement_sets_group_id_groups"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("group_id", name=op.f("pk_measurement_sets")),
    )
    op.create_table(
        "measurements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("citizen", sa.String(length=100), nullable=False),
        sa.Column("parameter", sa.String(length=300), nullable=False),
        sa.Column("point_name", sa.String(length=32), nullable=True),
        sa.Column("point_number", sa.Integer(), nullable=False),
        sa.Column("point_day", sa.Date(), nullable=True),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("subgroup", sa.String(length=300), nullable=True),
        sa.Column("intervention", sa.String(length=300), nullable=True),
        sa.Column("scale_low", sa.Float(), nullable=True),
        sa.Column("scale_high", sa.Float(), nullable=True),
        sa.Column("goal_type", sa.String(length=32), nullable=True),
        sa.Column("goal_attainment", sa.String(length=32), nullable=True),
        sa.Column("source_row", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["groups.id"],
            name=op.f("fk_measurements_group_id_groups"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_measurements")),
    )
    op.create_index(
        op.f("ix_measurements_group_id"), "measurements", ["group_id", "parameter"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_measurements_group_id"), table_name="measurements")
    op.drop_table("measurements")
    op.drop_table("measurement_sets")
