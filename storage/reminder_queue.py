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

What becomes of a taken batch is recorded by `storage.reminder_batches` (leased rows,
one write per outcome) or `storage.locked_reminder_batch` (PostgreSQL: locked rows,
outcomes written together); connections kept between batches are
`storage.kept_connections`.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, Select, delete, func, or_, select, update

from flows.reminder_plan import Reminder, ReminderKind, ReminderStatus
from storage.kept_connections import KeptConnections
from storage.locked_reminder_batch import LockedBatch
from storage.reminder_batches import Batch, LeasedBatch, after_failure
from storage.reminder_tables import ReminderRow
from storage.reminders import reminder_from_row

__all__ = ["CLAIMABLE", "Batch", "ReminderQueue"]

S = ReminderStatus
#: Rows still to be sent (a claimed row whose lease ran out is taken again).
CLAIMABLE = (S.PENDING.value, S.CLAIMED.value)


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
        self._connections = KeptConnections(engine)
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
        status, values = after_failure(reminder, now, error)
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
