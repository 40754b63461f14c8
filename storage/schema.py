"""Every table the application owns, on one `Base.metadata` (what Alembic compares).

A feature that adds tables in a module of its own imports that module here.
"""

from __future__ import annotations

from storage import (
    measurement_tables,  # noqa: F401  (imported measurements)
    reminder_tables,  # noqa: F401  (group schedules and reminders)
    slack_tables,  # noqa: F401  (Slack's tables on Base.metadata)
)
from storage.tables import Base

__all__ = ["Base"]
