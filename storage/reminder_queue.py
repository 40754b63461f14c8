"""The queue the scheduler sends from: due reminder rows claimed by one process at a time.

Claiming (`ReminderQueue.claim`) is one statement per batch:

    UPDATE reminders SET status='claimed', claimed_by=:me, available_at=:lease_end,
                         attempts=attempts+1
    WHERE id IN (SELECT id FROM reminders
                 WHERE status IN ('pending','claimed') AND available_at <= :now
                 ORDER BY available_at LIMIT :n
                 FOR UPDATE SKIP LOCKED)          -- PostgreSQL only
    RETURNING ...

On PostgreSQL concurrent claimers skip each other's locked rows, so each row goes to
one process; on SQLite the single UPDATE runs under the database's write lock,
which makes the same conditional claim atomic. A process that dies holding rows
loses nothing: when `available_at` (the lease end) passes they are claimable again.
Marking sent is conditional on still holding the claim.
"""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import (
    Connection,
    Engine,
    Select,
    bindparam,
    delete,
    func,
    or_,
    select,
    update,
)

from flows.reminder_plan import MAX_ATTEMPTS, Reminder, ReminderKind, ReminderStatus, backoff
from storage.reminder_tables import ReminderRow
from storage.reminders import reminder_from_row

S = ReminderStatus
log = logging.getLogger(__name__)
CLAIMABLE = (S.PENDING.value, S.CLAIMED.value)


# The queue the scheduler works -----------------------------------------------------------


def _due(now: datetime, limit: int) -> Select[Any]:
    return (
        select(ReminderRow.id)
        .where(ReminderRow.status.in_(CLAIMABLE), ReminderRow.available_at <= now)
        .order_by(ReminderRow.available_at)
        .limit(limit)
    )


class ReminderQueue:
    """Take due reminder rows and close them after sending.

    `take` hands out a batch the way the backend does it best:
      - PostgreSQL: `SELECT ... FOR UPDATE SKIP LOCKED` in a transaction held while the
        batch is sent (`LockedBatch`). The row locks are the claim; the outcomes are
        written and committed together at the end. A process that dies mid-batch loses
        its connection, PostgreSQL releases the locks and another process takes the
        rows: nothing is lost, and only rows of that one batch already delivered can
        be delivered again. A claim writes nothing, so it costs about a SELECT.
      - SQLite (one process, the embedded default): an atomic conditional UPDATE that
        leases the rows (`claim`, `LeasedBatch`), then one short write per outcome.
    """

    def __init__(self, engine: Engine, worker: str, lease: timedelta) -> None:
        self._engine = engine
        self._postgres = engine.dialect.name == "postgresql"
        self._connections = _Connections(engine)
        self.worker = worker
        self.lease = lease

    def close(self) -> None:
        """Close the connections kept between batches."""
        self._connections.close()

    def take(self, now: datetime, limit: int) -> Batch:
        if self._postgres:
            return LockedBatch.lock(self._connections, now, limit)
        return LeasedBatch(self, self.claim(now, limit))

    # The lease (SQLite; also works on PostgreSQL) ----------------------------------------

    def claim(self, now: datetime, limit: int) -> list[Reminder]:
        """Lease up to `limit` due rows to this worker until `now + lease`."""
        due = _due(now, limit)
        with self._engine.begin() as conn:
            if self._postgres:
                due = due.with_for_update(skip_locked=True)
                # A lease need not survive a server crash: the rows would just be
                # claimable again. Marking sent stays a synchronous commit.
                conn.exec_driver_sql("SET LOCAL synchronous_commit TO OFF")
            rows = conn.execute(
                update(ReminderRow)
                .where(ReminderRow.id.in_(due.scalar_subquery()))
                .values(
                    status=S.CLAIMED.value,
                    claimed_by=self.worker,
                    available_at=now + self.lease,
                    attempts=ReminderRow.attempts + 1,
                )
                .returning(*ReminderRow.__table__.columns)
            ).all()
        return sorted((reminder_from_row(r) for r in rows), key=lambda r: (r.due_at, r.id or 0))

    def _close(self, reminder_id: int, **values: Any) -> bool:
        """Close a row this worker still holds; False when its lease was lost meanwhile."""
        with self._engine.begin() as conn:
            done = conn.execute(
                update(ReminderRow)
                .where(
                    ReminderRow.id == reminder_id,
                    ReminderRow.status == S.CLAIMED.value,
                    ReminderRow.claimed_by == self.worker,
                )
                .values(**values)
            )
            return bool(done.rowcount)

    def mark_sent(self, reminder_id: int, now: datetime) -> bool:
        return self._close(reminder_id, status=S.SENT.value, sent_at=now)

    def mark_closed(self, reminder_id: int, status: ReminderStatus, reason: str) -> bool:
        return self._close(reminder_id, status=status.value, last_error=reason[:500])

    def mark_failed(self, reminder: Reminder, now: datetime, error: str) -> ReminderStatus:
        """Back off and retry later, or give up after `MAX_ATTEMPTS`."""
        status, values = _failure(reminder, now, error)
        self._close(reminder.id or 0, **values)
        return status

    # Both --------------------------------------------------------------------------------

    def expire_stale(self, now: datetime) -> int:
        """Close due rows that no longer make sense without sending (after downtime).

        Rows another process is sending right now are left alone."""
        stale = select(ReminderRow.id).where(
            ReminderRow.status.in_(CLAIMABLE),
            ReminderRow.available_at <= now,
            ReminderRow.expires_at <= now,
            ReminderRow.kind != ReminderKind.NOTE.value,
        )
        if self._postgres:
            stale = stale.with_for_update(skip_locked=True)
        with self._engine.begin() as conn:
            done = conn.execute(
                update(ReminderRow)
                .where(ReminderRow.id.in_(stale.scalar_subquery()))
                .values(status=S.EXPIRED.value, last_error="expired before it was sent")
            )
            return int(done.rowcount or 0)

    def counts(self) -> dict[str, int]:
        with self._engine.connect() as conn:
            rows = conn.execute(
                select(ReminderRow.status, func.count()).group_by(ReminderRow.status)
            ).all()
        return {status: n for status, n in rows}

    def purge(self, before: datetime) -> int:
        """Delete closed rows older than `before` (operators; keeps the table small)."""
        closed = [s.value for s in S if s.value not in CLAIMABLE]
        with self._engine.begin() as conn:
            done = conn.execute(
                delete(ReminderRow).where(
                    ReminderRow.status.in_(closed),
                    or_(ReminderRow.sent_at < before, ReminderRow.due_at < before),
                )
            )
            return int(done.rowcount or 0)


def _failure(
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

    def __init__(self, keeper: _Connections, conn: Connection, reminders: list[Reminder]) -> None:
        self._keeper, self._conn = keeper, conn
        self.reminders = reminders
        self._updates: list[dict[str, Any]] = []
        self._sent: list[int] = []
        self._sent_at: datetime | None = None
        self._done = False

    @classmethod
    def lock(cls, keeper: _Connections, now: datetime, limit: int) -> LockedBatch:
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
        status, values = _failure(reminder, now, error)
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


class _Connections:
    """Connections a queue keeps between batches (no pool checkout, ping and reset per
    batch: a small batch then costs two round trips to take and two to finish)."""

    def __init__(self, engine: Engine, keep: int = 8) -> None:
        self._engine, self._keep = engine, keep
        self._idle: list[Connection] = []
        self._lock = threading.Lock()

    def acquire(self) -> Connection:
        with self._lock:
            if self._idle:
                return self._idle.pop()
        return self._engine.connect()

    def release(self, conn: Connection) -> None:
        with self._lock:
            if len(self._idle) < self._keep:
                self._idle.append(conn)
                return
        conn.close()

    def discard(self, conn: Connection) -> None:
        """A connection that failed (the server may have restarted): never reused."""
        try:
            conn.invalidate()
        finally:
            conn.close()

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for conn in idle:
            conn.close()
