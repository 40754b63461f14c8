"""Join the feature branches (Slack, reminders, measurements, Teams) into one head,
so plain `alembic upgrade head` works again.

Revision ID: 0006_merge
Revises: 0002_slack, 0003_reminders, 0004_measurements, 0005_teams
Create Date: 2026-11-25 15:15:00

"""

from collections.abc import Sequence

# revision identifiers, used by Alembic.
revision: str = "0006_merge"
down_revision: str | Sequence[str] | None = (
    "0002_slack",
    "0003_reminders",
    "0004_measurements",
    "0005_teams",
)
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
