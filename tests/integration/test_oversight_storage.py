"""The overseers' monthly digest on a real database (SQLite here, PostgreSQL with
DATADIALOG_TEST_DATABASE_URL): planned by the daily job's function, sent by the reminder
job's workers like every reminder, once even when two processes planned it and two
workers tick at once, and retried after a failed delivery with the error recorded.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections import Counter
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.calendar_rules import HolidayCalendar
from bot.scheduler import ReminderWorker
from flows import service
from flows.commands import CreateGroup
from flows.escalation import ChangeEscalation
from flows.model import Level
from flows.offer_model import Offer, Overseer
from flows.outputs import Output, Say, ToUser
from flows.oversight_plan import plan_digests
from flows.reminder_plan import ReminderKind, ReminderStatus
from storage.reminder_queue import ReminderQueue
from tests.fakes import FixedClock
from tests.integration.conftest import Database

pytestmark = pytest.mark.storage

TZ = ZoneInfo("Europe/Copenhagen")


def local(y: int, mo: int, d: int, h: int = 9, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=TZ)


class Recorder:
    def __init__(self, fail_times: int = 0) -> None:
        self.outputs: list[Output] = []
        self.fail_times = fail_times

    async def deliver(self, output: Output) -> None:
        if self.fail_times > 0:
            self.fail_times -= 1
            raise ConnectionError("chat API unavailable")
        self.outputs.append(output)


def setup(db: Database, clock: FixedClock) -> int:
    cmd = CreateGroup(
        actor="lea",
        name="Team Nord",
        level=Level.CITIZEN,
        leader=("lea", "Lea"),
        participants=(("ali", "Ali"), ("bo", "Bo")),
    )
    service.handle(cmd, db.uow(), clock, HolidayCalendar())
    with db.uow() as uow:
        uow.offers.add(Offer("Mentorindsats"))
        (offer,) = uow.offers.list()
        (group,) = uow.groups.list()
        group.offer_id = offer.id
        uow.groups.save(group)
        uow.offers.add_overseer(Overseer("anne", "Anne", offer_id=offer.id))
        uow.offers.add_overseer(Overseer("dorte", "Dorte"))
        uow.commit()
        return group.id or 0


def plan(db: Database, clock: FixedClock) -> int:
    with db.uow() as uow:
        added = plan_digests(uow, clock.now(), hour=8)
        uow.commit()
        return added


def worker(db: Database, clock: FixedClock, recorder: Recorder, name: str) -> ReminderWorker:
    queue = ReminderQueue(db.engine, name, timedelta(minutes=2))
    return ReminderWorker(queue, db.uow, clock, recorder.deliver)


def digests(db: Database) -> Counter[tuple[str, str]]:
    with db.uow() as uow:
        rows = [r for r in uow.reminders.list() if r.kind is ReminderKind.OVERSIGHT_DIGEST]
    return Counter((r.recipient, r.status.value) for r in rows)


def headings(recorder: Recorder) -> Counter[str]:
    return Counter(
        o.to.user_id
        for o in recorder.outputs
        if isinstance(o, Say) and isinstance(o.to, ToUser) and o.text.key.endswith("heading")
    )


def test_a_digest_planned_by_two_processes_goes_out_once(db):
    clock = FixedClock(local(2026, 11, 20, 12))
    setup(db, clock)
    assert plan(db, clock) == 2
    assert plan(db, clock) == 0
    with db.uow() as uow:  # a second process planned Anne's at the same moment
        anne = next(r for r in uow.reminders.list() if r.recipient == "anne")
        uow.reminders.add(dataclasses.replace(anne, id=None))
        uow.commit()
    clock.current = local(2026, 12, 1, 8)
    one, two = Recorder(), Recorder()

    async def both() -> None:
        await asyncio.gather(
            worker(db, clock, one, "w1").tick(), worker(db, clock, two, "w2").tick()
        )

    asyncio.run(both())
    sent = headings(one) + headings(two)
    assert sent == Counter({"anne": 1, "dorte": 1})
    assert digests(db) == Counter(
        {("anne", "sent"): 1, ("anne", "skipped"): 1, ("dorte", "sent"): 1}
    )


def test_a_failed_digest_is_recorded_and_retried(db):
    clock = FixedClock(local(2026, 11, 20, 12))
    setup(db, clock)
    plan(db, clock)
    clock.current = local(2026, 12, 1, 8)
    recorder = Recorder(fail_times=1)
    asyncio.run(worker(db, clock, recorder, "w1").tick())
    with db.uow() as uow:
        rows = [r for r in uow.reminders.list() if r.kind is ReminderKind.OVERSIGHT_DIGEST]
        failed = [r for r in rows if r.last_error]
    assert len(failed) == 1 and "chat API unavailable" in failed[0].last_error
    assert failed[0].status is ReminderStatus.PENDING
    clock.advance(minutes=1)
    asyncio.run(worker(db, clock, recorder, "w1").tick())
    assert headings(recorder) == Counter({"anne": 1, "dorte": 1})


def test_the_escalation_setting_is_stored(db):
    clock = FixedClock(local(2026, 11, 20, 12))
    group_id = setup(db, clock)
    service.handle(ChangeEscalation("lea", group_id, 4), db.uow(), clock)
    with db.uow() as uow:
        group = uow.groups.get(group_id)
    assert group is not None and group.escalate_after_days == 4
