"""Cancel with care is stored as the method leaves it, on SQLite and PostgreSQL (migration
0012_cancel_undo): when a meeting was cancelled and from which step, the next meeting
planned, the .ics cancellations queued; and after an undo, the meeting planned in its place
kept out of the numbering under its own id, so the meeting planned later is a new one."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from flows import service
from flows.commands import Cancel, OpenPreparation, UndoCancel
from flows.reminder_plan import ReminderKind, ReminderStatus
from flows.steps import Step
from tests.integration.conftest import Database
from tests.integration.test_storage import Mirror, _create
from tests.transcript import Room

pytestmark = pytest.mark.storage


def test_a_cancel_and_its_undo_are_stored_as_the_method_left_them(db: Database) -> None:
    room = Room()
    room.clock.current = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    say = Mirror(room, db)
    create = _create(channel="team-nord")
    assert service.run(create, db.uow(), room.clock) == room.send(create).outputs
    room.group_id = 1
    room.latest_meeting()
    say("lea", OpenPreparation)
    say("lea", Cancel)  # only asks
    say.assert_same_state()
    say("lea", Cancel, expected_step=Step.PREPARING, confirmed=True)
    say.assert_same_state()
    with db.uow() as uow:
        cancelled = uow.meetings.by_number(1, 1)
        planned = uow.meetings.by_number(1, 2)
        assert cancelled is not None and planned is not None
        assert (cancelled.step, cancelled.cancelled_from) == (Step.CANCELLED, Step.PREPARING)
        assert cancelled.cancelled_at == room.clock.now()
        assert planned.step is Step.SCHEDULED and uow.meetings.latest(1) == planned
        queued = uow.reminders.list(
            source=f"meeting:{cancelled.id}", statuses=frozenset({ReminderStatus.PENDING})
        )
        assert {r.kind for r in queued} == {ReminderKind.CANCELLATION} and len(queued) == 5
    room.latest_meeting()  # a typed undo names the newest meeting
    say("lea", UndoCancel)
    say.assert_same_state()
    with db.uow() as uow:
        restored = uow.meetings.by_number(1, 1)
        assert restored is not None and restored.step is Step.PREPARING
        assert (restored.cancelled_at, restored.cancelled_from) == (None, None)
        assert uow.meetings.by_number(1, 2) is None
        withdrawn = uow.meetings.get(planned.id or 0)
        assert withdrawn is not None
        assert (withdrawn.number, withdrawn.step) == (-(planned.id or 0), Step.CANCELLED)
        assert uow.meetings.latest(1) == restored
    # The next meeting planned is a new one: SQLite would hand a deleted row's id out again.
    room.meeting_id = restored.id or 0
    say("lea", Cancel, expected_step=Step.PREPARING, confirmed=True)
    with db.uow() as uow:
        again = uow.meetings.by_number(1, 2)
        assert again is not None and again.id not in (restored.id, planned.id)
    say.assert_same_state()
