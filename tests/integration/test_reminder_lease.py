"""Claim, commit, send, record: the lease on reminder rows, on SQLite and on PostgreSQL.

A taken batch is committed before anything is sent (the rows are 'claimed', nothing is
locked or left open meanwhile); each outcome lands only for the claim that still holds
the row (same worker, same attempt), so a send that outlived its lease cannot overwrite
what a later claim recorded, even one by the same worker; a batch given back (the
process is stopping) makes its unrecorded rows claimable at once.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, text

from flows.reminder_plan import ReminderStatus
from storage.reminder_queue import ReminderQueue
from storage.reminder_tables import ReminderRow
from tests.fakes import FixedClock
from tests.integration.conftest import Database
from tests.integration.test_reminders_queue import create_group, notes

pytestmark = pytest.mark.storage

S = ReminderStatus
LEASE = timedelta(seconds=30)


def status_of(db: Database) -> dict[int, tuple[str, int]]:
    with db.engine.connect() as conn:
        rows = conn.execute(select(ReminderRow.id, ReminderRow.status, ReminderRow.attempts))
        return {rid: (status, attempts) for rid, status, attempts in rows}


def test_a_taken_batch_is_committed_and_holds_no_lock_while_it_is_sent(db) -> None:
    clock = FixedClock(datetime(2027, 1, 4, 8, tzinfo=UTC))
    gid = create_group(db, clock)
    with db.uow() as uow:  # only the notes below
        for planned in uow.reminders.list(statuses=frozenset({S.PENDING})):
            uow.reminders.cancel(planned.source)
        uow.commit()
    notes(db, gid, 5, clock.now())
    queue = ReminderQueue(db.engine, "w1", LEASE)
    try:
        batch = queue.take(clock.now(), 10)
        ids = sorted(r.id or 0 for r in batch.reminders)
        assert len(ids) == 5 and all(r.attempts == 1 for r in batch.reminders)
        # Another connection sees the claim (committed), and can lock the rows at once.
        with db.engine.begin() as conn:
            if db.engine.dialect.name == "postgresql":
                conn.execute(text("SET LOCAL lock_timeout = '1s'"))
                locked = conn.execute(
                    select(ReminderRow.id)
                    .where(ReminderRow.id.in_(ids))
                    .with_for_update(nowait=True)
                ).all()
                assert len(locked) == 5
            claimed = conn.execute(
                select(ReminderRow.status, ReminderRow.claimed_by).where(ReminderRow.id.in_(ids))
            ).all()
        assert set(claimed) == {("claimed", "w1")}
        for reminder in batch.reminders:
            batch.sent(reminder, clock.now())
        batch.finish()
        assert {status_of(db)[i] for i in ids} == {("sent", 1)}
    finally:
        queue.close()


def test_a_late_outcome_of_an_expired_claim_does_not_overwrite_the_next_claim(db) -> None:
    clock = FixedClock(datetime(2027, 1, 4, 8, tzinfo=UTC))
    gid = create_group(db, clock)
    with db.uow() as uow:
        for planned in uow.reminders.list(statuses=frozenset({S.PENDING})):
            uow.reminders.cancel(planned.source)
        uow.commit()
    notes(db, gid, 1, clock.now())
    queue = ReminderQueue(db.engine, "w1", LEASE)
    try:
        first = queue.take(clock.now(), 10)
        (stale,) = first.reminders
        # The send hangs past the lease; the same worker takes the row again.
        second = queue.take(clock.now() + LEASE + timedelta(seconds=1), 10)
        (fresh,) = second.reminders
        assert (fresh.id, fresh.attempts) == (stale.id, 2)
        first.failed(stale, clock.now(), "DeliveryFailed: no answer within 10 s")  # too late
        assert status_of(db)[stale.id or 0] == ("claimed", 2)
        second.sent(fresh, clock.now())
        assert status_of(db)[stale.id or 0] == ("sent", 2)
        first.sent(stale, clock.now())  # and nothing the first claim says lands any more
        assert status_of(db)[stale.id or 0] == ("sent", 2)
    finally:
        queue.close()


def test_a_batch_given_back_makes_only_its_unrecorded_rows_claimable_at_once(db) -> None:
    clock = FixedClock(datetime(2027, 1, 4, 8, tzinfo=UTC))
    gid = create_group(db, clock)
    with db.uow() as uow:
        for planned in uow.reminders.list(statuses=frozenset({S.PENDING})):
            uow.reminders.cancel(planned.source)
        uow.commit()
    notes(db, gid, 3, clock.now())
    queue = ReminderQueue(db.engine, "w1", LEASE)
    other = ReminderQueue(db.engine, "w2", LEASE)
    try:
        batch = queue.take(clock.now(), 10)
        done, *left = batch.reminders
        batch.sent(done, clock.now())
        batch.abandon()  # the process is stopping
        again = other.take(clock.now(), 10)  # no need to wait for the lease
        assert sorted(r.id or 0 for r in again.reminders) == sorted(r.id or 0 for r in left)
        assert status_of(db)[done.id or 0] == ("sent", 1)
        again.abandon()
    finally:
        queue.close()
        other.close()
