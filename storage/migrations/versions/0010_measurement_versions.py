"""Measurement versions: each import keeps the data set it replaces (measurement_versions,
and the measurements of every kept version, told apart by their version column).

A group's existing data set becomes its version 1, with what it holds worked out from its
rows; the claim counter in measurement_sets starts again at 1 with it.

Revision ID: 0010_measurement_versions
Revises: 0009_measurement_set_version
Create Date: 2026-12-01 10:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0010_measurement_versions"
down_revision: str | Sequence[str] | None = "0009_measurement_set_version"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_sets = sa.table(
    "measurement_sets",
    sa.column("group_id", sa.Integer()),
    sa.column("filename", sa.String()),
    sa.column("imported_at", sa.DateTime(timezone=True)),
    sa.column("imported_by", sa.String()),
    sa.column("version", sa.Integer()),
)
_rows = sa.table(
    "measurements",
    sa.column("group_id", sa.Integer()),
    sa.column("citizen", sa.String()),
    sa.column("parameter", sa.String()),
    sa.column("point_day", sa.Date()),
    sa.column("year", sa.Integer()),
    sa.column("version", sa.Integer()),
)
_versions = sa.table(
    "measurement_versions",
    sa.column("group_id", sa.Integer()),
    sa.column("number", sa.Integer()),
    sa.column("filename", sa.String()),
    sa.column("imported_at", sa.DateTime(timezone=True)),
    sa.column("imported_by", sa.String()),
    sa.column("restored_from", sa.Integer()),
    sa.column("row_count", sa.Integer()),
    sa.column("citizens", sa.Integer()),
    sa.column("parameters", sa.JSON()),
    sa.column("first_year", sa.Integer()),
    sa.column("last_year", sa.Integer()),
    sa.column("first_day", sa.Date()),
    sa.column("last_day", sa.Date()),
)


def upgrade() -> None:
    op.create_table(
        "measurement_versions",
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("imported_by", sa.String(length=255), nullable=False),
        sa.Column("restored_from", sa.Integer(), nullable=True),
        sa.Column("row_count", sa.Integer(), nullable=False),
        sa.Column("citizens", sa.Integer(), nullable=False),
        sa.Column("parameters", sa.JSON(), nullable=False),
        sa.Column("first_year", sa.Integer(), nullable=True),
        sa.Column("last_year", sa.Integer(), nullable=True),
        sa.Column("first_day", sa.Date(), nullable=True),
        sa.Column("last_day", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["groups.id"],
            name=op.f("fk_measurement_versions_group_id_groups"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("group_id", "number", name=op.f("pk_measurement_versions")),
    )
    with op.batch_alter_table("measurements", schema=None) as batch_op:
        batch_op.add_column(sa.Column("version", sa.Integer(), server_default="1", nullable=False))
        batch_op.drop_index(batch_op.f("ix_measurements_group_id"))
        batch_op.create_index(
            batch_op.f("ix_measurements_group_id"),
            ["group_id", "version", "parameter"],
            unique=False,
        )
    op.execute(_sets.update().values(version=1))
    _first_versions(op.get_bind())


def _first_versions(bind: sa.Connection) -> None:
    """A version 1 for each group's data set, with what its rows hold."""
    sets = bind.execute(
        sa.select(_sets.c.group_id, _sets.c.filename, _sets.c.imported_at, _sets.c.imported_by)
    ).all()
    for group_id, filename, imported_at, imported_by in sets:
        mine = _rows.c.group_id == group_id
        rows, citizens, first_year, last_year, first_day, last_day = bind.execute(
            sa.select(
                sa.func.count(),
                sa.func.count(sa.distinct(_rows.c.citizen)),
                sa.func.min(_rows.c.year),
                sa.func.max(_rows.c.year),
                sa.func.min(_rows.c.point_day),
                sa.func.max(_rows.c.point_day),
            ).where(mine)
        ).one()
        parameters = bind.scalars(sa.select(_rows.c.parameter).where(mine).distinct()).all()
        bind.execute(
            _versions.insert().values(
                group_id=group_id,
                number=1,
                filename=filename,
                imported_at=imported_at,
                imported_by=imported_by,
                row_count=rows,
                citizens=citizens,
                parameters=sorted(parameters),
                first_year=first_year,
                last_year=last_year,
                first_day=first_day,
                last_day=last_day,
            )
        )


def downgrade() -> None:
    # Only the current version's rows stay: the table without versions holds one data set.
    current = (
        sa.select(_sets.c.version).where(_sets.c.group_id == _rows.c.group_id).scalar_subquery()
    )
    op.execute(_rows.delete().where(_rows.c.version != current))
    with op.batch_alter_table("measurements", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_measurements_group_id"))
        batch_op.create_index(
            batch_op.f("ix_measurements_group_id"), ["group_id", "parameter"], unique=False
        )
        batch_op.drop_column("version")
    op.drop_table("measurement_versions")
