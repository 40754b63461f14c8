"""Chart images kept for chats that fetch them by URL (Teams).

Revision ID: 0007_chart_images
Revises: 0006_merge
Create Date: 2026-11-25 15:45:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0007_chart_images"
down_revision: str | Sequence[str] | None = "0006_merge"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "chart_images",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("png", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_chart_images")),
    )
    op.create_index(
        op.f("ix_chart_images_created_at"), "chart_images", ["created_at"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_chart_images_created_at"), table_name="chart_images")
    op.drop_table("chart_images")
