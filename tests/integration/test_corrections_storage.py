"""Corrections are stored as the method leaves them, on SQLite and PostgreSQL: who wrote each
sign and action, withdrawn items gone (gaps in the numbers kept), amendments with who and
when, and the reminders of an amended action re-planned in the same transaction."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from flows import service
from flows.commands import (
    AddAction,
    AddObservation,
    AddSign,
    Advance,
    CastVote,
    ChooseFocus,
    EditAction,
    EditItem,
    Item,
    OpenPreparation,
    ProposeTheme,
    RemoveItem,
    SetGoal,
    StartMeeting,
)
from flows.reminder_plan import ReminderStatus, actions_source
from flows.steps import Step
from tests.integration.conftest import Database
from tests.integration.test_storage import Mirror, _create
from tests.transcript import Room

pytestmark = pytest.mark.storage


def test_corrections_and_amendments_are_stored_as_the_method_left_them(db: Database) -> None:
    room = Room()
    room.clock.current = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    say = Mirror(room, db)
    create = _create(channel="team-nord")
    assert service.run(create, db.uow(), room.clock) == room.send(create).outputs
    room.group_id = 1
    room.latest_meeting()
    say("lea", OpenPreparation)
    room.clock.advance(days=7)
    say("lea", StartMeeting)
    say("lea", Advance, expected_step=Step.SINCE_LAST)
    say("cai", AddObservation, text="Drop-outs cluster after the summer")
    say("ali", AddObservation, text="Evenings are calmer")
    say("cai", EditItem, item=Item.OBSERVATION, number=1, text="Drop-outs cluster in August")
    say("lea", RemoveItem, item=Item.OBSERVATION, number=1)
    say("ali", ProposeTheme, title="Evening routines")
    say("ali", CastVote, theme_number=1)
    say("lea", Advance, expected_step=Step.EXPLORE)
    say("lea", ChooseFocus, theme_number=1)
    say("lea", Advance, expected_step=Step.INTERPRET)
    say("cai", SetGoal, long_term=False, text="A home visit per family")
    say("bo", AddSign, text="Family relations at follow-up 1")
    say("bo", EditItem, item=Item.SIGN, number=1, text="Family relations better at follow-up 1")
    due = room.today + timedelta(days=20)
    say("ali", AddAction, what="Plan the visits", owner="ali", follow_up="lea", due=due)
    say("lea", Advance, expected_step=Step.PREPARE_ACTION)
    later = due + timedelta(days=14)
    say(
        "lea", EditAction, number=1, what="Plan the visits", owner="ali", follow_up="bo",
        due=later,
    )  # fmt: skip
    say.assert_same_state()

    with db.uow() as uow:
        first = uow.meetings.get(1)
        assert first is not None
        assert [(o.number, o.author) for o in first.observations] == [(2, "ali")]
        assert [(s.text, s.author) for s in first.agreement.signs] == [
            ("Family relations better at follow-up 1", "bo")
        ]
        (action,) = first.agreement.actions
        assert (action.author, action.follow_up, action.due) == ("ali", "bo", later)
        assert [(a.by, a.item, a.number, a.removed) for a in first.amendments] == [
            ("lea", "action", 1, False)
        ]
        pending = frozenset({ReminderStatus.PENDING})
        planned = uow.reminders.list(source=actions_source(1), statuses=pending)
    # The owner is reminded before the new due date, the new follow-up person after it.
    assert planned and {"ali", "bo"} <= {r.recipient for r in planned}
    assert max(r.due_at for r in planned).date() >= later
