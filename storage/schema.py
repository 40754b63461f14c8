"""Every table the application owns, on one `Base.metadata` (what Alembic compares).

A feature that adds tables in a module of its own imports that module here.
"""

from __future__ import annotations

import storage.reminder_tables  # group schedules and reminders, on Base.metadata
import storage.teams_tables  # noqa: F401  (Teams conversation references)
from storage import (
    audit,  # noqa: F401  (the audit log, issue 15)
    chart_images,  # noqa: F401  (charts fetched by URL)
    inbox,  # noqa: F401  (chat requests kept before their ack)
    learning_tables,  # noqa: F401  (the learning loop's verdicts, issue 17)
    live_messages,  # noqa: F401  (messages edited in place, issue 16)
    measurement_tables,  # noqa: F401  (imported measurements)
    offer_tables,  # noqa: F401  (the offer level, issue 17)
    slack_tables,  # noqa: F401  (Slack's tables on Base.metadata)
)
from storage.tables import Base

__all__ = ["Base"]
