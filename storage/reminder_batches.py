"""A batch of reminders taken for sending, and what became of each.

`Batch` is what the scheduler works with; `LeasedBatch` records each outcome at once
on rows leased by `ReminderQueue.claim` (SQLite), `storage.locked_reminder_batch`
records them together on rows locked FOR UPDATE (PostgreSQL).
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from flows.reminder_plan import MAX_ATTEMPTS, Reminder, ReminderStatus, backoff

if TYPE_CHECKING:
    from storage.reminder_queue import ReminderQueue

S = ReminderStatus
log = logging.getLogger(__name__)


def after_failure(
    reminder: Reminder, now: datetime, error: str
) -> tuple[ReminderStatus, dict[str, Any]]:
    """The row's new values after a failed attempt number `reminder.attempts`."""
    if reminder.attempts >= MAX_ATTEMPTS:
        return S.FAILED, {"status": S.FAILED.value, "last_error": error[:500]}
    return S.PENDING, {
        "status": S.PENDING.value,
        "available_at": now + backoff(reminder.attempts),
        "last_error": error[:500],
    }


class Batch(Protocol):
    """Reminders taken for sending, and what became of each."""

    reminders: list[Reminder]

    def sent(self, reminder: Reminder, now: datetime) -> None: ...
    def closed(self, reminder: Reminder, status: ReminderStatus, reason: str) -> None: ...
    def failed(self, reminder: Reminder, now: datetime, error: str) -> ReminderStatus: ...
    def finish(self) -> None:
        """Make the outcomes durable (and release the rows)."""
        ...

    def abandon(self) -> None:
        """Give the rows back untouched (the process is stopping)."""
        ...


class LeasedBatch:
    """Leased rows; each outcome is written at once in its own transaction."""

    def __init__(self, queue: ReminderQueue, reminders: list[Reminder]) -> None:
        self.queue, self.reminders = queue, reminders

    def sent(self, reminder: Reminder, now: datetime) -> None:
        if not self.queue.mark_sent(reminder.id or 0, now):
            log.warning("reminder %s: lease ran out while sending", reminder.id)

    def closed(self, reminder: Reminder, status: ReminderStatus, reason: str) -> None:
        self.queue.mark_closed(reminder.id or 0, status, reason)

    def failed(self, reminder: Reminder, now: datetime, error: str) -> ReminderStatus:
        return self.queue.mark_failed(reminder, now, error)

    def finish(self) -> None:
        pass

    def abandon(self) -> None:
        pass  # the lease runs out and the rows are claimable again
