"""The queue the scheduler sends from: due reminder rows leased by one process at a time.

Claim, commit, send, record. Claiming (`ReminderQueue.claim`) is one short transaction
per batch, committed before anything is sent:

    UPDATE reminders SET status='claimed', claimed_by=:me, available_at=:lease_end,
                         attempts=attempts+1
    WHERE id IN (SELECT id FROM reminders
                 WHERE status IN ('pending','claimed') AND available_at <= :now
                 ORDER BY available_at LIMIT :n
                 FOR UPDATE SKIP LOCKED)          -- PostgreSQL only
    RETURNING ...

On PostgreSQL concurrent claimers skip each other's locked rows, so each row goes to
one process, and the locks last only as long as that statement's transaction; on
SQLite the single UPDATE runs under the database's write lock, which makes the same
conditional claim atomic. The rows are then sent outside any transaction, and each
outcome is its own short transaction, conditional on still holding this claim (same
worker, same attempt number): a send that outlived its lease cannot overwrite what
the row's next claimer recorded. A process that dies holding rows loses nothing: when
`available_at` (the lease end) passes they are claimable again.

What becomes of a taken batch is recorded by `storage.reminder_batches.LeasedBatch`;
PostgreSQL's statements run as plain SQL on connections kept between batches
(`storage.locked_reminder_batch`, `storage.kept_connections`).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Engine, Select, and_, func, or_, select, update

from flows.reminder_plan import Reminder, ReminderKind, ReminderStatus
from storage.kept_connections import KeptConnections
from storage.locked_reminder_batch import PostgresLease
from storage.reminder_batches import Batch, LeasedBatch, after_failure
from storage.reminder_tables import ReminderRow
from storage.reminders import reminder_from_row

__all__ = ["CLAIMABLE", "CLOSED", "Batch", "ReminderQueue", "closed_before"]

S = ReminderStatus
#: Rows still to be sent (a claimed row whose lease ran out is taken again).
CLAIMABLE = (S.PENDING.value, S.CLAIMED.value)
#: Rows done with: sent, failed for good, expired, skipped or cancelled.
CLOSED = tuple(s.value for s in S if s.value not in CLAIMABLE)


def closed_before(before: datetime) -> ColumnElement[bool]:
    """Closed rows due, and sent if they were, before `before`: what the retention job
    deletes (`storage.retention`, per group after DATADIALOG_REMINDER_RETENTION_DAYS)."""
    sent_before = or_(ReminderRow.sent_at.is_(None), ReminderRow.sent_at < before)
    return and_(ReminderRow.status.in_(CLOSED), ReminderRow.due_at < before, sent_before)


def _due(now: datetime, limit: int) -> Select[Any]:
    return (
        select(ReminderRow.id)
        .where(ReminderRow.status.in_(CLAIMABLE), ReminderRow.available_at <= now)
        .order_by(ReminderRow.available_at)
        .limit(limit)
    )


class ReminderQueue:
    """Lease due reminder rows, then close each after sending; no transaction is held
    open while anything is sent.

    `take` hands out a `LeasedBatch`: the rows are this worker's until `now + lease`
    (committed at once); each outcome is written as it comes (`mark_sent`,
    `mark_closed`, `mark_failed`), or the rows are given back (`release`). A process
    that dies mid-batch leaves its rows to come back when the lease ends: nothing is
    lost, and only rows already delivered but not yet marked sent can go out again.
    """

    def __init__(self, engine: Engine, worker: str, lease: timedelta) -> None:
        self._engine = engine
        self._postgres = engine.dialect.name == "postgresql"
        self._connections = KeptConnections(engine)
        self._pg = PostgresLease(self._connections, worker) if self._postgres else None
        self.worker = worker
        self.lease = lease

    def close(self) -> None:
        """Close the connections kept between batches."""
        self._connections.close()

    def take(self, now: datetime, limit: int) -> Batch:
        return LeasedBatch(self, self.claim(now, limit), now)

    def claim(self, now: datetime, limit: int) -> list[Reminder]:
        """Lease up to `limit` due rows to this worker until `now + lease` (committed)."""
        if self._pg is not None:
            taken = self._pg.claim(now, limit, now + self.lease)
        else:
            with self._engine.begin() as conn:
                rows = conn.execute(
                    update(ReminderRow)
                    .where(ReminderRow.id.in_(_due(now, limit).scalar_subquery()))
                    .values(
                        status=S.CLAIMED.value,
                        claimed_by=self.worker,
                        available_at=now + self.lease,
                        attempts=ReminderRow.attempts + 1,
                    )
                    .returning(*ReminderRow.__table__.columns)
                ).all()
            taken = [reminder_from_row(r) for r in rows]
        return sorted(taken, key=lambda r: (r.due_at, r.id or 0))

    def _close(self, reminder_id: int, attempt: int | None, **values: Any) -> bool:
        """Close a row this claim still holds; False when its lease was lost meanwhile.

        `attempt` (the claim's attempt number) tells this claim from a later one by the
        same worker; None checks the worker only."""
        if self._pg is not None:
            return self._pg.close(reminder_id, attempt, values)
        held = [
            ReminderRow.id == reminder_id,
            ReminderRow.status == S.CLAIMED.value,
            ReminderRow.claimed_by == self.worker,
        ]
        if attempt is not None:
            held.append(ReminderRow.attempts == attempt)
        with self._engine.begin() as conn:
            done = conn.execute(update(ReminderRow).where(*held).values(**values))
            return bool(done.rowcount)

    def mark_sent(self, reminder_id: int, now: datetime, attempt: int | None = None) -> bool:
        return self._close(reminder_id, attempt, status=S.SENT.value, sent_at=now)

    def mark_closed(
        self, reminder_id: int, status: ReminderStatus, reason: str, attempt: int | None = None
    ) -> bool:
        return self._close(reminder_id, attempt, status=status.value, last_error=reason[:500])

    def mark_failed(self, reminder: Reminder, now: datetime, error: str) -> ReminderStatus:
        """Back off and retry later, or give up after `MAX_ATTEMPTS`."""
        status, values = after_failure(reminder, now, error)
        self._close(reminder.id or 0, reminder.attempts, **values)
        return status

    def release(self, reminder: Reminder, available_at: datetime) -> bool:
        """Give a claimed row back (the process is stopping): claimable again from
        `available_at` instead of when the lease ends. The attempt still counts: a send
        cut short may have gone out."""
        values = {"status": S.PENDING.value, "available_at": available_at}
        return self._close(reminder.id or 0, reminder.attempts, **values)

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
