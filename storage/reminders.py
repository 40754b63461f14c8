"""Reminder rows: the repository the flows plan with (`SqlReminders`).

The queue the scheduler claims due rows from is `storage.reminder_queue`.
"""

from __future__ import annotations

import logging
from typing import Any, cast

from sqlalchemy import (
    CursorResult,
    false,
    or_,
    select,
    update,
)
from sqlalchemy.orm import Session

from flows.reminder_plan import Reminder, ReminderKind, ReminderStatus, still_to_send
from storage.reminder_tables import ReminderRow

S = ReminderStatus
log = logging.getLogger(__name__)


# Rows <-> reminders -------------------------------------------------------------------


def _columns(r: Reminder) -> dict[str, Any]:
    return {
        "kind": r.kind.value,
        "recipient": r.recipient,
        "group_id": r.group_id,
        "source": r.source,
        "meeting_id": r.meeting_id,
        "action_number": r.action_number,
        "due_at": r.due_at,
        "available_at": r.due_at,
        "expires_at": r.expires_at,
        "payload": r.payload,
        "status": r.status.value,
        "attempts": r.attempts,
        "claimed_by": None,
        "last_error": r.last_error,
        "sent_at": r.sent_at,
    }


def reminder_from_row(row: Any) -> Reminder:
    return Reminder(
        kind=ReminderKind(row.kind),
        recipient=row.recipient,
        due_at=row.due_at,
        group_id=row.group_id,
        source=row.source,
        meeting_id=row.meeting_id,
        action_number=row.action_number,
        expires_at=row.expires_at,
        payload=dict(row.payload or {}),
        status=ReminderStatus(row.status),
        attempts=row.attempts,
        last_error=row.last_error,
        sent_at=row.sent_at,
        id=row.id,
    )


class SqlReminders:
    """`flows.ports.ReminderRepository` on one session (inside the unit of work)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, reminder: Reminder) -> None:
        row = ReminderRow(**_columns(reminder))
        self.session.add(row)
        self.session.flush()
        reminder.id = row.id

    def replace(self, source: str, reminders: list[Reminder]) -> None:
        self.cancel(source)
        reminders = still_to_send(reminders, self.list(source=source))
        if reminders:
            self.session.execute(ReminderRow.__table__.insert(), [_columns(r) for r in reminders])

    def cancel(
        self,
        source: str,
        kinds: frozenset[ReminderKind] | None = None,
        action_number: int | None = None,
    ) -> int:
        where = [ReminderRow.source == source, ReminderRow.status == S.PENDING.value]
        if kinds is not None:
            # OR of equalities, not IN (a list): see storage.child_rows on the garbage.
            where.append(or_(false(), *(ReminderRow.kind == k.value for k in sorted(kinds))))
        if action_number is not None:
            where.append(ReminderRow.action_number == action_number)
        # An UPDATE without RETURNING gives a CursorResult (typed as a plain Result).
        done = cast(
            "CursorResult[Any]",
            self.session.execute(
                update(ReminderRow)
                .where(*where)
                .values(status=S.CANCELLED.value)
                .execution_options(synchronize_session=False)
            ),
        )
        return int(done.rowcount or 0)

    def list(
        self, *, source: str | None = None, statuses: frozenset[ReminderStatus] | None = None
    ) -> list[Reminder]:
        query = select(ReminderRow).order_by(ReminderRow.due_at, ReminderRow.id)
        if source is not None:
            query = query.where(ReminderRow.source == source)
        if statuses is not None:
            query = query.where(ReminderRow.status.in_([s.value for s in statuses]))
        return [reminder_from_row(row) for row in self.session.scalars(query)]

    # Group changes (issue 14)
    def cancel_for_group(
        self,
        group_id: int,
        *,
        recipient: str | None = None,
        kinds: frozenset[ReminderKind] | None = None,
    ) -> int:
        where = [ReminderRow.group_id == group_id, ReminderRow.status == S.PENDING.value]
        if recipient is not None:
            where.append(ReminderRow.recipient == recipient)
        if kinds is not None:  # OR of equalities, as in `cancel`
            where.append(or_(false(), *(ReminderRow.kind == k.value for k in sorted(kinds))))
        done = cast(
            "CursorResult[Any]",
            self.session.execute(
                update(ReminderRow)
                .where(*where)
                .values(status=S.CANCELLED.value)
                .execution_options(synchronize_session=False)
            ),
        )
        return int(done.rowcount or 0)
