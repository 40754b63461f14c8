"""Every step change of the method, sent by the leader from a meeting in the source step.

`METHOD` writes the handbook's order out by hand; a test keeps it equal to
`flows.machine.TRANSITIONS`, so a new row in the table needs a row (and an
expectation for its target step) here.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from flows.commands import (
    AddTakeaway,
    Advance,
    Cancel,
    Extend,
    MeetingCommand,
    OpenPreparation,
    StartMeeting,
)
from flows.machine import TRANSITIONS
from flows.outputs import AskPreparation, StepStarted, ToChannel, ToUser
from flows.steps import DEFAULT_TIMEBOX_MINUTES, DIALOGUE_STEPS, GUIDING_QUESTIONS, Step
from tests.transcript import Reply, Room, not_said, say, team_nord

S = Step

METHOD: dict[tuple[Step, type[MeetingCommand]], Step] = {
    (S.SCHEDULED, OpenPreparation): S.PREPARING,
    (S.SCHEDULED, StartMeeting): S.SINCE_LAST,
    (S.PREPARING, StartMeeting): S.SINCE_LAST,
    (S.SINCE_LAST, Advance): S.EXPLORE,
    (S.EXPLORE, Advance): S.INTERPRET,
    (S.INTERPRET, Advance): S.PREPARE_ACTION,
    (S.PREPARE_ACTION, Advance): S.CLOSED,
    (S.SCHEDULED, Cancel): S.CANCELLED,
    (S.PREPARING, Cancel): S.CANCELLED,
    (S.SINCE_LAST, Cancel): S.CANCELLED,
    (S.EXPLORE, Cancel): S.CANCELLED,
    (S.INTERPRET, Cancel): S.CANCELLED,
    (S.PREPARE_ACTION, Cancel): S.CANCELLED,
}

STEP_TITLES = {
    S.SINCE_LAST: "Step 1 of 4 · Since last (15 min)",
    S.EXPLORE: "Step 2 of 4 · Explore (20 min)",
    S.INTERPRET: "Step 3 of 4 · Interpret (20 min)",
    S.PREPARE_ACTION: "Step 4 of 4 · Prepare action (20 min)",
}


def test_the_tested_transitions_are_exactly_the_table():
    assert METHOD == TRANSITIONS


def assert_step_started(room: Room, reply: Reply, step: Step) -> StepStarted:
    """One StepStarted in the channel with the step's guiding questions and time-box."""
    started = reply.of_type(StepStarted)
    assert len(started) == 1, reply.room.failure(reply, "expected exactly one step start")
    (out,) = started
    minutes = DEFAULT_TIMEBOX_MINUTES[step]
    now = room.clock.now()
    assert out.step is step
    assert out.to == ToChannel(room.group_id)
    assert out.meeting_id == room.meeting_id
    assert out.title.key == f"step.{step}.title"
    assert [q.key for q in out.questions] == list(GUIDING_QUESTIONS[step])
    assert out.deadline == now + timedelta(minutes=minutes)
    # The leader's controls: next, extend and cancel, each pinned to the step it was shown in.
    assert [type(c.command) for c in out.controls] == [Advance, Extend, Cancel]
    assert all(c.command.expected_step is step for c in out.controls)
    assert all(c.command.meeting_id == room.meeting_id for c in out.controls)
    stored = room.meeting
    assert stored.step_started_at == now
    assert stored.step_deadline == out.deadline
    assert stored.timeup_notified is False
    reply.shows(f"#channel: {STEP_TITLES[step]}")
    return out


def entered_preparing(room: Room, reply: Reply) -> None:
    reply.shows(
        "#channel: Preparation for meeting 1 (Tue 8 Dec 2026 09:00) is open.",
        "@ali (dm): Prepare for the reflection meeting in Team Nord on Tue 8 Dec 2026 09:00",
        "@dina (dm): Prepare for the reflection meeting in Team Nord",
        not_said("@lea (dm)"),
    )
    asked = reply.of_type(AskPreparation)
    assert [a.to for a in asked] == [ToUser(u) for u in ("ali", "bo", "cai", "dina")]
    for form in asked:
        assert form.meeting_id == room.meeting_id
        assert [q.key for q in form.questions] == list(GUIDING_QUESTIONS[S.PREPARING])
    assert not reply.of_type(StepStarted)
    assert room.meeting.step_deadline is None


def entered_since_last(room: Room, reply: Reply) -> None:
    reply.shows(
        "#channel: Meeting 1 of Team Nord has started. Welcome!",
        "#channel: Preparation:",
        "#channel: Dina: missing",
        "#channel: Step 1 of 4 · Since last (15 min)",
        "#channel: This is the group's first meeting, so there are no agreements to follow up.",
    )
    assert_step_started(room, reply, S.SINCE_LAST)


def entered_dialogue_step(step: Step):
    def check(room: Room, reply: Reply) -> None:
        assert_step_started(room, reply, step)

    return check


def entered_closed(room: Room, reply: Reply) -> None:
    reply.shows(
        "#channel: Meeting 1 is closed. Here is the agreement paper:",
        "#channel: Agreement paper, meeting 1",
        "#channel: Goal by the next meeting: Calmer evenings for B-17",
        "#channel: Actions",
        "#channel: 1. A fixed evening routine with B-17: owner Ali, follow-up Lea, due ",
        "#channel: What we take with us",
        "@lea (dm): Thank you for the meeting in Team Nord. What do you take with you?",
        "@dina (dm): Thank you for the meeting in Team Nord.",
        "#channel: The next meeting (2) is scheduled for Tue 22 Dec 2026 09:00.",
    )
    assert not reply.of_type(StepStarted)
    closed = room.meeting
    assert closed.step_deadline is None
    nxt = room.latest_meeting()
    assert (nxt.number, nxt.step) == (2, S.SCHEDULED)
    assert nxt.scheduled_at == closed.scheduled_at + timedelta(days=14)


def entered_cancelled(room: Room, reply: Reply) -> None:
    """Cancelled with care (issue 14): the next meeting is planned by the rhythm at once."""
    reply.shows(
        "#channel: Meeting 1 is cancelled.",
        "#channel: The next meeting (2) is planned for Tue 22 Dec 2026 09:00",
    )
    assert room.meeting.step_deadline is None
    assert [(m.number, m.step) for m in room.meetings()] == [(1, S.CANCELLED), (2, S.SCHEDULED)]


ON_ENTRY = {
    S.PREPARING: entered_preparing,
    S.SINCE_LAST: entered_since_last,
    **{step: entered_dialogue_step(step) for step in DIALOGUE_STEPS[1:]},
    S.CLOSED: entered_closed,
    S.CANCELLED: entered_cancelled,
}


@pytest.mark.parametrize(
    ("source", "command", "target"),
    [(src, cmd, dst) for (src, cmd), dst in METHOD.items()],
    ids=[f"{src}-{cmd.__name__}-{dst}" for (src, cmd), dst in METHOD.items()],
)
def test_the_leader_moves_the_meeting(room, source, command, target):
    room.walk_to(source)
    room.ready_to_leave()
    before = room.meeting
    room.clock.advance(minutes=3)

    fields = {"expected_step": source} if command is Advance else {}
    if command is Cancel:
        fields = {"confirmed": True}  # (unconfirmed, a cancel only asks: `test_cancel`)
    reply = room.run("lea", command, **fields)

    assert not reply.refused, room.failure(reply, "refused")
    after = room.meeting
    assert after.step is target
    assert after.version == before.version + 1
    ON_ENTRY[target](room, reply)


def test_a_co_leader_may_steer_too():
    room = team_nord(co_leader=("kim", "Kim"))
    room.walk_to(S.SINCE_LAST)
    room.play(
        say("kim", Advance, expected_step=S.SINCE_LAST),
        "#channel: Step 2 of 4 · Explore (20 min)",
    )
    assert room.meeting.step is S.EXPLORE


def test_the_groups_own_time_boxes_are_used():
    room = team_nord(timeboxes={S.EXPLORE: 30})
    room.walk_to(S.SINCE_LAST)
    reply = room.run("lea", Advance).shows("#channel: Step 2 of 4 · Explore (30 min)")
    (started,) = reply.of_type(StepStarted)
    assert started.deadline == room.clock.now() + timedelta(minutes=30)


def test_closing_late_schedules_the_next_meeting_in_the_future():
    room = team_nord()
    room.walk_to(S.PREPARE_ACTION)
    room.ready_to_leave()
    room.clock.current = datetime(2027, 1, 10, 12, 0, tzinfo=UTC)
    room.run("lea", Advance).shows(
        "#channel: The next meeting (2) is scheduled for Tue 19 Jan 2027 09:00."
    )


def test_a_closed_meeting_schedules_the_next_one_only_once():
    room = team_nord()
    room.walk_to(S.CLOSED)
    room.play(
        say("bo", AddTakeaway, text="Look at evenings"),
        "#channel: Bo takes away: Look at evenings",
        not_said("next meeting"),
    )
    assert [m.number for m in room.meetings()] == [1, 2]


def test_the_next_meeting_keeps_the_local_hour_across_daylight_saving():
    room = Room()
    room.clock.current = datetime(2027, 3, 16, 8, 0, tzinfo=UTC)
    # 09:00 in Copenhagen (CET), given in UTC as an adapter or a database may hand it over.
    room.create_group(first_meeting_at=datetime(2027, 3, 23, 8, 0, tzinfo=UTC))
    room.walk_to(S.PREPARE_ACTION)
    room.ready_to_leave()
    room.run("lea", Advance).shows(
        "#channel: The next meeting (2) is scheduled for Tue 6 Apr 2027 09:00."
    )
