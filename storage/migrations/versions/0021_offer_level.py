"""The offer level (issue 17): offers with their theory of change (core elements, intended
results), overseers (management, a quality team) of an offer or of a whole workspace, the
offers' core-element ratings, a meeting's notes from its core-elements review; a group's
offer and escalation days, and the core element an explanation or action is tagged with.

Revision ID: 0021_offer_level
Revises: 0020_learning
Create Date: 2026-12-10 09:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0021_offer_level"
down_revision: str | Sequence[str] | None = "0020_learning"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _offer_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["offer_id"], ["offers.id"], name=op.f(f"fk_{table}_offer_id_offers"), ondelete="CASCADE"
    )


def upgrade() -> None:
    op.create_table(
        "offers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace", sa.String(length=255), server_default="", nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("numbered", sa.Integer(), server_default="0", nullable=False),
        sa.Column("ratings_filename", sa.String(length=255), nullable=True),
        sa.Column("ratings_imported_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ratings_imported_by", sa.String(length=255), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offers")),
        sa.UniqueConstraint("workspace", "name", name=op.f("uq_offers_workspace_name")),
    )
    op.create_table(
        "core_elements",
        sa.Column("offer_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        _offer_fk("core_elements"),
        sa.PrimaryKeyConstraint("offer_id", "number", name=op.f("pk_core_elements")),
    )
    op.create_table(
        "intended_results",
        sa.Column("offer_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("parameter", sa.String(length=300), nullable=True),
        sa.Column("elements", sa.Text(), nullable=False),
        _offer_fk("intended_results"),
        sa.PrimaryKeyConstraint("offer_id", "number", name=op.f("pk_intended_results")),
    )
    op.create_table(
        "overseers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace", sa.String(length=255), server_default="", nullable=False),
        sa.Column("offer_id", sa.Integer(), nullable=True),
        sa.Column("user_id", sa.String(length=255), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        _offer_fk("overseers"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_overseers")),
        sa.UniqueConstraint(
            "workspace", "offer_id", "user_id", name=op.f("uq_overseers_workspace_offer_id_user_id")
        ),
    )
    op.create_index(op.f("ix_overseers_user_id"), "overseers", ["user_id"])
    # NULL offer ids are distinct to the unique constraint: whole-workspace rows get their own.
    whole_workspace = sa.text("offer_id IS NULL")
    op.create_index(
        "uq_overseers_whole_workspace",
        "overseers",
        ["workspace", "user_id"],
        unique=True,
        postgresql_where=whole_workspace,
        sqlite_where=whole_workspace,
    )
    op.create_table(
        "core_element_ratings",
        sa.Column("offer_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("citizen", sa.String(length=100), nullable=False),
        sa.Column("parameter", sa.String(length=300), nullable=False),
        sa.Column("point_name", sa.String(length=32), nullable=True),
        sa.Column("point_number", sa.Integer(), nullable=False),
        sa.Column("point_day", sa.Date(), nullable=True),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("subgroup", sa.String(length=300), nullable=True),
        sa.Column("intervention", sa.String(length=300), nullable=True),
        sa.Column("scale_low", sa.Float(), nullable=True),
        sa.Column("scale_high", sa.Float(), nullable=True),
        sa.Column("goal_type", sa.String(length=32), nullable=True),
        sa.Column("goal_attainment", sa.String(length=32), nullable=True),
        sa.Column("direction", sa.String(length=32), nullable=True),
        sa.Column("source_row", sa.Integer(), nullable=False),
        _offer_fk("core_element_ratings"),
        sa.PrimaryKeyConstraint("offer_id", "position", name=op.f("pk_core_element_ratings")),
    )
    op.create_index(op.f("ix_core_element_ratings_citizen"), "core_element_ratings", ["citizen"])
    op.create_table(
        "element_notes",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("element", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("author", sa.String(length=255), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_element_notes_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("meeting_id", "position", name=op.f("pk_element_notes")),
    )
    # Plain ALTER TABLE, as in 0014_group_changes: the groups table is never recreated (with
    # foreign keys on, dropping it would delete every group's meetings). SQLite takes a
    # foreign key only inline, in the column's definition.
    kept = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("groups")}
    if op.get_bind().dialect.name != "sqlite":
        op.add_column("groups", sa.Column("offer_id", sa.Integer(), nullable=True))
        op.create_foreign_key(
            op.f("fk_groups_offer_id_offers"), "groups", "offers", ["offer_id"], ["id"],
            ondelete="SET NULL",
        )  # fmt: skip
    elif "offer_id" not in kept:  # SQLite keeps it through a downgrade (see there)
        op.execute(
            "ALTER TABLE groups ADD COLUMN offer_id INTEGER CONSTRAINT fk_groups_offer_id_offers"
            " REFERENCES offers (id) ON DELETE SET NULL"
        )
    op.add_column("groups", sa.Column("escalate_after_days", sa.Integer(), nullable=True))
    op.add_column("explanations", sa.Column("element", sa.Integer(), nullable=True))
    op.add_column("actions", sa.Column("element", sa.Integer(), nullable=True))


def downgrade() -> None:
    op.drop_column("actions", "element")
    op.drop_column("explanations", "element")
    op.drop_column("groups", "escalate_after_days")
    if op.get_bind().dialect.name == "sqlite":
        # SQLite drops no column that a foreign key uses, short of recreating the groups
        # table (see the upgrade): the nullable column stays, cleared, unused below 0021.
        op.execute("UPDATE groups SET offer_id = NULL")
    else:
        op.drop_constraint(op.f("fk_groups_offer_id_offers"), "groups", type_="foreignkey")
        op.drop_column("groups", "offer_id")
    op.drop_table("element_notes")
    op.drop_index(op.f("ix_core_element_ratings_citizen"), table_name="core_element_ratings")
    op.drop_table("core_element_ratings")
    op.drop_index("uq_overseers_whole_workspace", table_name="overseers")
    op.drop_index(op.f("ix_overseers_user_id"), table_name="overseers")
    op.drop_table("overseers")
    op.drop_table("intended_results")
    op.drop_table("core_elements")
    op.drop_table("offers")
