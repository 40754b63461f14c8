"""A batch of reminders taken for sending, and what became of each.

`Batch` is what the scheduler works with. `LeasedBatch` holds rows leased by
`ReminderQueue.claim` (both databases): the claim committed before anything is sent,
and each outcome is written at once, in its own short transaction, only while this
claim still holds the row.
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
        """Every outcome is recorded (nothing left to write)."""
        ...

    def abandon(self) -> None:
        """Give back the rows whose outcome is not recorded (the process is stopping)."""
        ...


class LeasedBatch:
    """Leased rows; each outcome is written at once in its own transaction."""

    def __init__(self, queue: ReminderQueue, reminders: list[Reminder], taken_at: datetime) -> None:
        self.queue, self.reminders, self.taken_at = queue, reminders, taken_at
        self._open = {r.id for r in reminders}  # outcome not yet recorded

    def sent(self, reminder: Reminder, now: datetime) -> None:
        self._open.discard(reminder.id)
        if not self.queue.mark_sent(reminder.id or 0, now, reminder.attempts):
            log.warning("reminder %s: lease ran out while sending", reminder.id)

    def closed(self, reminder: Reminder, status: ReminderStatus, reason: str) -> None:
        self._open.discard(reminder.id)
        self.queue.mark_closed(reminder.id or 0, status, reason, reminder.attempts)

    def failed(self, reminder: Reminder, now: datetime, error: str) -> ReminderStatus:
        self._open.discard(reminder.id)
        return self.queue.mark_failed(reminder, now, error)

    def finish(self) -> None:
        pass  # each outcome was committed as it came

    def abandon(self) -> None:
        """Rows not yet closed are claimable again at once (else: when the lease ends)."""
        for reminder in self.reminders:
            if reminder.id in self._open:
                self._open.discard(reminder.id)
                self.queue.release(reminder, self.taken_at)
