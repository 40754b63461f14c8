"""PostgreSQL: reminder rows locked FOR UPDATE SKIP LOCKED while their batch is sent.

The row locks are the claim; the outcomes are written and committed together at the
end (`LockedBatch.finish`). Plain SQL on the driver: this runs for every small batch.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, bindparam, update

from flows.reminder_plan import Reminder, ReminderKind, ReminderStatus
from storage.kept_connections import KeptConnections
from storage.reminder_batches import after_failure
from storage.reminder_tables import ReminderRow

S = ReminderStatus

_COLUMNS = (
    "id, kind, recipient, group_id, source, meeting_id, action_number, due_at, expires_at,"
    " payload, status, attempts, last_error, sent_at"
)
_LOCK_SQL = (
    f"SELECT {_COLUMNS} FROM reminders"
    " WHERE status IN ('pending', 'claimed') AND available_at <= %(now)s"
    " ORDER BY available_at LIMIT %(limit)s FOR UPDATE SKIP LOCKED"
)
_SENT_SQL = (
    "UPDATE reminders SET status = %(status)s, sent_at = %(at)s, attempts = attempts + 1"
    " WHERE id = ANY(%(ids)s)"
)


_KINDS: dict[str, ReminderKind] = {k.value: k for k in ReminderKind}
_STATUSES: dict[str, ReminderStatus] = {s.value: s for s in ReminderStatus}


def _utc(value: datetime | None) -> datetime | None:
    if value is None or value.tzinfo is UTC:
        return value
    return value.astimezone(UTC)


def _from_locked(row: Any) -> Reminder:
    """A reminder from a `_LOCK_SQL` row (driver types: aware datetimes, decoded JSON).

    Runs for every taken row, so it skips the generic mapping's conversions."""
    (
        rid,
        kind,
        recipient,
        group_id,
        source,
        meeting_id,
        action_number,
        due_at,
        expires_at,
        payload,
        status,
        attempts,
        last_error,
        sent_at,
    ) = row
    return Reminder(
        _KINDS[kind],
        recipient,
        _utc(due_at) or due_at,
        group_id,
        source,
        meeting_id,
        action_number,
        _utc(expires_at),
        payload or {},
        _STATUSES[status],
        attempts,
        last_error,
        _utc(sent_at),
        rid,
    )


class LockedBatch:
    """Rows locked FOR UPDATE in an open transaction; outcomes written on `finish`."""

    def __init__(
        self, keeper: KeptConnections, conn: Connection, reminders: list[Reminder]
    ) -> None:
        self._keeper, self._conn = keeper, conn
        self.reminders = reminders
        self._updates: list[dict[str, Any]] = []
        self._sent: list[int] = []
        self._sent_at: datetime | None = None
        self._done = False

    @classmethod
    def lock(cls, keeper: KeptConnections, now: datetime, limit: int) -> LockedBatch:
        conn = keeper.acquire()
        try:
            conn.begin()
            # Plain SQL on the driver: this runs for every small batch, and SQLAlchemy's
            # statement and row processing cost more than the query itself here.
            driver = conn.connection.driver_connection
            assert driver is not None  # a checked-out connection has its driver's connection
            with driver.cursor() as cursor:
                cursor.execute(_LOCK_SQL, {"now": now, "limit": limit})
                rows = cursor.fetchall()
        except BaseException:
            keeper.discard(conn)
            raise
        reminders = [_from_locked(r) for r in rows]
        for r in reminders:
            r.attempts += 1  # this attempt
        batch = cls(keeper, conn, reminders)
        if not reminders:
            batch.abandon()
        return batch

    def _record(self, reminder: Reminder, **values: Any) -> None:
        values["attempts"] = reminder.attempts
        self._updates.append({"rid": reminder.id, **{f"v_{k}": v for k, v in values.items()}})

    def sent(self, reminder: Reminder, now: datetime) -> None:
        self._sent.append(reminder.id or 0)
        self._sent_at = max(now, self._sent_at or now)

    def closed(self, reminder: Reminder, status: ReminderStatus, reason: str) -> None:
        self._record(reminder, status=status.value, last_error=reason[:500])

    def failed(self, reminder: Reminder, now: datetime, error: str) -> ReminderStatus:
        status, values = after_failure(reminder, now, error)
        self._record(reminder, **values)
        return status

    def finish(self) -> None:
        if self._done:
            return
        self._done = True
        try:
            if self._sent:
                self._conn.exec_driver_sql(
                    _SENT_SQL, {"ids": self._sent, "at": self._sent_at, "status": S.SENT.value}
                )
            by_columns: dict[tuple[str, ...], list[dict[str, Any]]] = {}
            for values in self._updates:
                by_columns.setdefault(tuple(sorted(values)), []).append(values)
            for columns, rows in by_columns.items():
                statement = (
                    update(ReminderRow)
                    .where(ReminderRow.id == bindparam("rid"))
                    .values({c[2:]: bindparam(c) for c in columns if c != "rid"})
                )
                self._conn.execute(statement, rows)
            self._conn.commit()
        except BaseException:
            self._keeper.discard(self._conn)
            raise
        self._keeper.release(self._conn)

    def abandon(self) -> None:
        if self._done:
            return
        self._done = True
        try:
            self._conn.rollback()
        except BaseException:
            self._keeper.discard(self._conn)
            raise
        self._keeper.release(self._conn)
