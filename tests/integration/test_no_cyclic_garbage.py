"""The paths every request takes leave no reference cycles for the garbage collector.

Under load, cycles left per request made the collector's passes long enough to hold
the event loop, and every ack behind it, for 20-100 ms (bench/slack_ack.py). SQLAlchemy
leaves a cycle behind each `selectinload` and each `column.in_(a_list)` built per call;
the repositories and the inbox use statements built once instead (storage.child_rows).
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import pytest

from flows.commands import AddObservation, Advance, CreateGroup, ShowStatus, StartMeeting
from flows.model import Level
from flows.service import run
from storage import inbox
from storage.database import session_factory
from storage.unit_of_work import SqlUnitOfWork
from tests.fakes import FixedClock
from tests.transcript import LEADER, PARTICIPANTS

pytestmark = pytest.mark.storage

NOW = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)


def cycles_left(action: Callable[[], object], times: int = 5) -> Counter[str]:
    """The kinds of objects `action` (run `times` times, after once to warm caches) left
    for the cyclic garbage collector."""
    action()
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        for _ in range(times):
            action()
        gc.collect()
        return Counter(type(o).__name__ for o in gc.garbage)
    finally:
        gc.set_debug(0)
        gc.garbage.clear()


@pytest.fixture
def meeting(db) -> Iterator[int]:
    """Team Nord's first meeting, in step 2 with two observations."""
    clock = FixedClock(NOW)
    create = CreateGroup(actor="lea", name="Team Nord", level=Level.CITIZEN, leader=LEADER,
                         participants=PARTICIPANTS)  # fmt: skip
    run(create, db.uow(), clock)
    with db.uow() as uow:
        group = uow.groups.list()[0]
        assert group.id is not None
        meeting_id = uow.meetings.latest_id(group.id)
    assert meeting_id is not None
    for cmd in (
        StartMeeting(actor="lea", meeting_id=meeting_id),
        Advance(actor="lea", meeting_id=meeting_id),
        AddObservation(actor="ali", meeting_id=meeting_id, text="Fewer came"),
        AddObservation(actor="bo", meeting_id=meeting_id, text="More stayed"),
    ):
        run(cmd, db.uow(), clock)
    yield meeting_id


def test_reading_and_changing_a_meeting_leaves_no_cycles(db, meeting) -> None:
    clock = FixedClock(NOW)
    texts = iter(range(100))
    sessions = session_factory(db.engine)  # one per process, as bot.main makes it

    def status() -> object:
        return run(ShowStatus(actor="lea", meeting_id=meeting), SqlUnitOfWork(sessions), clock)

    def observe() -> object:
        cmd = AddObservation(actor="cai", meeting_id=meeting, text=f"Point {next(texts)}")
        return run(cmd, SqlUnitOfWork(sessions), clock)

    def group() -> object:
        with SqlUnitOfWork(sessions) as uow:
            return uow.groups.list()

    for action in (status, observe, group):
        assert cycles_left(action) == Counter(), action.__name__


def test_keeping_renewing_and_finishing_inbox_rows_leaves_no_cycles(db) -> None:
    keys = iter(range(1000))
    lease = timedelta(seconds=30)

    def keep_renew_finish() -> None:
        batch = [("slack", f"command:{next(keys)}", "text=status") for _ in range(3)]
        ids = list(inbox.receive_many(db.engine, batch, NOW, lease).values())
        inbox.renew(db.engine, ids, NOW, lease)
        inbox.release(db.engine, ids[:1], NOW)
        inbox.finish_many(db.engine, ids, NOW)

    assert cycles_left(keep_renew_finish) == Counter()
