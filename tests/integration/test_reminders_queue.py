"""Reminder rows on a real database (SQLite here, PostgreSQL with DATADIALOG_TEST_DATABASE_URL):
planning through the unit of work, the claim, leases, retries with back-off, giving up,
and a process stopped across a day that sends what still makes sense and expires the rest.
"""

from __future__ import annotations

import asyncio
import threading
from collections import Counter
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import inspect

from bot.calendar_rules import HolidayCalendar
from bot.scheduler import ReminderWorker
from flows import service
from flows.cadence import Cadence, Frequency, HolidayRule
from flows.commands import CreateGroup
from flows.model import Level
from flows.outputs import Output
from flows.reminder_plan import MAX_ATTEMPTS, Reminder, ReminderKind, ReminderStatus
from storage.reminder_queue import ReminderQueue
from tests.fakes import FixedClock
from tests.integration.conftest import Database

pytestmark = pytest.mark.storage

TZ = ZoneInfo("Europe/Copenhagen")
S = ReminderStatus


def local(y: int, mo: int, d: int, h: int = 9, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=TZ)


def create_group(db: Database, clock: FixedClock, **options: object) -> int:
    cmd = CreateGroup(
        actor="lea",
        name="Team Nord",
        level=Level.CITIZEN,
        leader=("lea", "Lea"),
        participants=(("ali", "Ali"), ("bo", "Bo")),
        **options,  # type: ignore[arg-type]
    )
    service.handle(cmd, db.uow(), clock, HolidayCalendar())
    with db.uow() as uow:
        (group,) = uow.groups.list()
        return group.id or 0


def notes(db: Database, group_id: int, count: int, due: datetime) -> None:
    with db.uow() as uow:
        for i in range(count):
            uow.reminders.add(
                Reminder(
                    ReminderKind.NOTE, f"u{i}", due, group_id, "test", payload={"text": str(i)}
                )
            )
        uow.commit()


class Recorder:
    def __init__(self, fail_times: int = 0) -> None:
        self.outputs: list[Output] = []
        self.fail_times = fail_times

    async def deliver(self, output: Output) -> None:
        if self.fail_times > 0:
            self.fail_times -= 1
            raise ConnectionError("chat API unavailable")
        self.outputs.append(output)


def worker(
    db: Database, clock: FixedClock, recorder: Recorder, name: str = "w1", batch: int = 20
) -> ReminderWorker:
    queue = ReminderQueue(db.engine, name, timedelta(minutes=2))
    return ReminderWorker(queue, db.uow, clock, recorder.deliver, batch=batch)


def statuses(db: Database) -> Counter[str]:
    with db.uow() as uow:
        return Counter(r.status.value for r in uow.reminders.list())


def test_the_schema_has_the_reminder_tables_and_a_group_keeps_its_rhythm(db):
    assert {"reminders", "group_schedules"} <= set(inspect(db.engine).get_table_names())
    clock = FixedClock(datetime(2027, 1, 1, 8, tzinfo=UTC))
    rule = Cadence(Frequency.MONTHLY, 1, weekday=3, nth=-1, holidays=HolidayRule.SKIP)
    create_group(db, clock, cadence=rule, first_meeting_at=local(2027, 1, 28))
    with db.uow() as uow:
        (group,) = uow.groups.list()
        assert group.cadence == rule
        assert group.cadence_start == local(2027, 1, 28)
        kinds = Counter(r.kind for r in uow.reminders.list(statuses=frozenset({S.PENDING})))
    assert kinds == {
        ReminderKind.INVITATION: 3,
        ReminderKind.PREPARATION_REQUEST: 2,
        ReminderKind.UNPREPARED: 2,
        ReminderKind.LEADER_STATUS: 1,
        ReminderKind.START_NUDGE: 1,
    }


def test_a_claim_takes_each_due_row_once_and_a_lost_lease_makes_it_claimable_again(db):
    clock = FixedClock(datetime(2027, 1, 1, 8, tzinfo=UTC))
    gid = create_group(db, clock)
    notes(db, gid, 30, clock.now())
    a = ReminderQueue(db.engine, "a", timedelta(minutes=2))
    b = ReminderQueue(db.engine, "b", timedelta(minutes=2))
    now = clock.now()
    first = a.claim(now, 20)
    second = b.claim(now, 20)
    ids_a, ids_b = {r.id for r in first}, {r.id for r in second}
    assert not ids_a & ids_b
    # Invitations (3) are due too: 33 due rows in all.
    assert len(ids_a | ids_b) == 33 and b.claim(now, 20) == []
    for r in second:
        assert b.mark_sent(r.id or 0, now)
    # "a" dies holding its rows; after the lease "b" takes them over.
    assert b.claim(now + timedelta(minutes=1), 50) == []
    retaken = b.claim(now + timedelta(minutes=2, seconds=1), 50)
    assert {r.id for r in retaken} == ids_a
    assert all(r.attempts == 2 for r in retaken)
    # The late "a" can no longer mark them: marking checks who holds the claim.
    assert not a.mark_sent(first[0].id or 0, now)
    assert b.mark_sent(first[0].id or 0, now)


def test_concurrent_claims_from_threads_never_share_a_row(db):
    clock = FixedClock(datetime(2027, 1, 1, 8, tzinfo=UTC))
    gid = create_group(db, clock)
    notes(db, gid, 200, clock.now())
    got: dict[str, list[int]] = {}

    def claim_all(name: str) -> None:
        queue = ReminderQueue(db.engine, name, timedelta(minutes=2))
        mine: list[int] = []
        while batch := queue.claim(clock.now(), 7):
            mine += [r.id or 0 for r in batch]
        got[name] = mine

    threads = [threading.Thread(target=claim_all, args=(f"t{i}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    every = [i for ids in got.values() for i in ids]
    assert len(every) == len(set(every)) == 203


def test_failures_back_off_then_succeed_or_give_up_after_the_limit(db, caplog):
    clock = FixedClock(datetime(2027, 1, 1, 8, tzinfo=UTC))
    gid = create_group(db, clock)
    with db.uow() as uow:
        uow.reminders.cancel("meeting:1")
        uow.commit()
    notes(db, gid, 1, clock.now())
    flaky = Recorder(fail_times=2)
    w = worker(db, clock, flaky)
    assert asyncio.run(w.tick())["pending"] == 1  # failed once, waits 30 s
    assert asyncio.run(w.tick()) == Counter()
    clock.advance(seconds=31)
    assert asyncio.run(w.tick())["pending"] == 1  # failed twice, waits 2 min
    clock.advance(minutes=2, seconds=1)
    assert asyncio.run(w.tick())["sent"] == 1
    assert len(flaky.outputs) == 1

    notes(db, gid, 1, clock.now())
    broken = Recorder(fail_times=1000)
    w = worker(db, clock, broken)
    for _ in range(MAX_ATTEMPTS + 2):
        asyncio.run(w.tick())
        clock.advance(hours=1)
    assert statuses(db)["failed"] == 1
    with db.uow() as uow:
        (failed,) = uow.reminders.list(statuses=frozenset({S.FAILED}))
    assert failed.attempts == MAX_ATTEMPTS and "chat API unavailable" in failed.last_error
    assert "gave up after 5 attempts" in caplog.text


def test_a_process_stopped_across_a_day_sends_what_still_makes_sense_and_expires_the_rest(db):
    # Meeting Tuesday 8 Dec 09:00; the process runs until Sunday and is down until
    # Tuesday 10:00, after the meeting started: the preparation reminders, the leader's
    # status and the start nudge all make no sense any more. An action reminder
    # due on Monday and a plain note still do.
    clock = FixedClock(datetime(2026, 12, 1, 8, tzinfo=UTC))
    gid = create_group(db, clock, first_meeting_at=local(2026, 12, 8))
    rec = Recorder()
    w = worker(db, clock, rec)
    asyncio.run(w.tick())  # invitations
    clock.current = local(2026, 12, 4, 9)
    assert asyncio.run(w.tick())["sent"] == 2  # the preparation requests
    with db.uow() as uow:
        uow.reminders.add(
            Reminder(
                ReminderKind.NOTE,
                "lea",
                local(2026, 12, 7, 12),
                gid,
                "test",
                payload={"text": "Bring the printouts"},
            )
        )
        uow.commit()

    clock.current = local(2026, 12, 8, 10)  # restarted a day and a half later
    counts = asyncio.run(w.tick())
    assert counts["expired"] == 4  # 2 "not prepared" reminders, leader's status, start nudge
    assert counts["sent"] == 1
    assert rec.outputs[-1].text.params == {"text": "Bring the printouts"}
    assert statuses(db) == {"sent": 6, "expired": 4}


def test_a_due_reminder_for_a_meeting_already_held_is_expired_even_if_claimed(db):
    clock = FixedClock(datetime(2026, 12, 1, 8, tzinfo=UTC))
    gid = create_group(db, clock, first_meeting_at=local(2026, 12, 8))
    with db.uow() as uow:
        meeting = uow.meetings.latest(gid)
        assert meeting is not None
        uow.reminders.add(
            Reminder(
                ReminderKind.UNPREPARED,
                "ali",
                local(2026, 12, 7),
                gid,
                "meeting:other",
                meeting.id,
                None,
                None,
                {"at": meeting.scheduled_at.isoformat()},
            )
        )
        uow.commit()
    rec = Recorder()
    clock.current = local(2026, 12, 8, 12)
    with db.uow() as uow:
        m = uow.meetings.latest(gid)
        assert m is not None
        m.step = m.step.__class__("closed")
        uow.meetings.save(m)
        uow.commit()
    asyncio.run(worker(db, clock, rec).tick())
    assert not [o for o in rec.outputs if getattr(o, "to", None) and "Reminder" in str(o)]
    assert statuses(db)["sent"] == 0


def test_batches_taken_side_by_side_never_share_a_row_and_an_abandoned_one_comes_back(db):
    clock = FixedClock(datetime(2027, 1, 1, 8, tzinfo=UTC))
    gid = create_group(db, clock)
    notes(db, gid, 200, clock.now())
    got: dict[str, list[int]] = {}

    def take_all(name: str) -> None:
        queue = ReminderQueue(db.engine, name, timedelta(minutes=2))
        mine: list[int] = []
        while (batch := queue.take(clock.now(), 7)).reminders:
            for r in batch.reminders:
                mine.append(r.id or 0)
                batch.sent(r, clock.now())
            batch.finish()
        got[name] = mine
        queue.close()

    threads = [threading.Thread(target=take_all, args=(f"t{i}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    every = [i for ids in got.values() for i in ids]
    assert len(every) == len(set(every)) == 203
    assert statuses(db)["sent"] == 203

    notes(db, gid, 3, clock.now())
    queue = ReminderQueue(db.engine, "x", timedelta(seconds=10))
    batch = queue.take(clock.now(), 10)
    assert len(batch.reminders) == 3
    batch.abandon()  # e.g. the process is stopping; the rows are not lost
    later = clock.now() + timedelta(seconds=11)  # SQLite: after the lease; PostgreSQL: at once
    again = queue.take(later, 10)
    assert sorted(r.id for r in again.reminders) == sorted(r.id for r in batch.reminders)
    again.abandon()
    queue.close()
