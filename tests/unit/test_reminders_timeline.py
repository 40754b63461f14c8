"""The reminder timeline of one meeting, and an agreement followed up until it is overdue.

The flows plan reminder rows; `send_due` below plays the scheduler on the in-memory
store (compose each due row from the state now, record what would be sent), so the
whole timeline reads like a transcript while a `FixedClock` moves through the week.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.calendar_rules import HolidayCalendar
from flows.commands import (
    ActionAnswer,
    AddAction,
    Advance,
    AnswerActionReminder,
    MoveMeeting,
    SetGoal,
    StartMeeting,
    SubmitPoint,
)
from flows.model import ActionStatus, PointKind
from flows.outputs import (
    PRESSER,
    AskPreparation,
    CalendarInvite,
    RequestChart,
    ShowChoices,
)
from flows.planning import compose_due, plan_actions
from flows.reminder_plan import ReminderKind, ReminderStatus
from flows.steps import Step
from tests.transcript import Room, mismatch, transcript_lines
from tests.unit.test_cadence import CalendarRoom

TZ = ZoneInfo("Europe/Copenhagen")


def local(y: int, mo: int, d: int, h: int = 9, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=TZ)


def send_due(room: Room) -> list[str]:
    """Send every pending reminder due by now, as the scheduler would; the lines sent."""
    now = room.clock.now()
    lines: list[str] = []
    store = room.store.reminders
    for r in sorted(store.values(), key=lambda r: (r.due_at, r.id or 0)):
        if r.status is not ReminderStatus.PENDING or r.due_at > now:
            continue
        composed = compose_due(room.uow, r, now)
        if composed.instead is not None:
            r.status = composed.instead
            continue
        lines += transcript_lines(list(composed.outputs), room.lang, room.tz)
        r.status, r.sent_at = ReminderStatus.SENT, now
        room.sent = [*getattr(room, "sent", []), *composed.outputs]  # type: ignore[attr-defined]
    return lines


def at_time(room: Room, moment: datetime, *expected: str) -> list[str]:
    room.clock.current = moment
    lines = send_due(room)
    problem = mismatch(lines, expected)
    assert problem is None, f"{problem}\n--- sent at {moment} ---\n" + "\n".join(lines)
    return lines


def pending(room: Room) -> list:
    return [r for r in room.store.reminders.values() if r.status is ReminderStatus.PENDING]


def test_the_whole_reminder_timeline_of_one_meeting():
    room = CalendarRoom()
    room.clock.current = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    room.create_group(first_meeting_at=local(2026, 12, 8))  # Tuesday 09:00

    plan = sorted((r.due_at, r.kind, r.recipient) for r in pending(room))
    kinds = [(d.astimezone(TZ), k) for d, k, _ in plan]
    assert (local(2026, 12, 4), ReminderKind.PREPARATION_REQUEST) in kinds  # Sat -> Fri
    assert (local(2026, 12, 7), ReminderKind.UNPREPARED) in kinds  # one working day before
    assert (local(2026, 12, 8, 7), ReminderKind.LEADER_STATUS) in kinds
    assert (local(2026, 12, 8), ReminderKind.START_NUDGE) in kinds

    # At creation: a calendar invitation to every member (the leader too).
    lines = at_time(
        room,
        room.clock.now(),
        "@dina (dm): Calendar invitation: meeting 1 of Team Nord, Tue 8 Dec 2026 09:00.",
        "@lea (dm): Calendar invitation: meeting 1 of Team Nord, Tue 8 Dec 2026 09:00.",
    )
    assert len(lines) == 5
    invite = next(o for o in room.sent if isinstance(o, CalendarInvite))
    assert invite.attendees == (
        ("lea", "Lea"),
        ("ali", "Ali"),
        ("bo", "Bo"),
        ("cai", "Cai"),
        ("dina", "Dina"),
    )
    assert invite.end - invite.start == timedelta(minutes=90)

    # Nothing more until Friday 09:00 (Saturday is not a working day).
    assert at_time(room, local(2026, 12, 4, 8, 59)) == []
    at_time(
        room,
        local(2026, 12, 4),
        "@ali (dm): The reflection meeting of Team Nord is Tue 8 Dec 2026 09:00. Look at the data",
        "@dina (dm): The reflection meeting of Team Nord is Tue 8 Dec 2026 09:00.",
    )
    asks = [o for o in room.sent if isinstance(o, AskPreparation)]
    charts = [o for o in room.sent if isinstance(o, RequestChart)]
    assert (
        {a.to.user_id for a in asks}
        == {c.to.user_id for c in charts}
        == {"ali", "bo", "cai", "dina"}
    )

    # Ali and Bo prepare over the weekend; on Monday only Cai and Dina are reminded.
    room.clock.current = local(2026, 12, 5, 20)
    for who in ("ali", "bo"):
        room.must(who, SubmitPoint, kind=PointKind.POSITIVE, text="Fewer conflicts at bedtime")
        room.must(who, SubmitPoint, kind=PointKind.IMPROVEMENT, text="More home visits")
    lines = at_time(
        room,
        local(2026, 12, 7),
        "@cai (dm): Reminder: the reflection meeting of Team Nord is Tue 8 Dec 2026 09:00",
        "@dina (dm): Reminder: the reflection meeting of Team Nord is Tue 8 Dec 2026 09:00",
    )
    assert not [line for line in lines if "@ali" in line or "@bo" in line]

    at_time(
        room,
        local(2026, 12, 8, 7),
        "@lea (dm): Before meeting 1 (Tue 8 Dec 2026 09:00): 2 of 4 have prepared; 0 agreements",
        "@lea (dm): Ali: ready",
        "@lea (dm): Cai: missing",
    )
    at_time(
        room,
        local(2026, 12, 8),
        "@lea (dm): It is time for meeting 1 of Team Nord. Start the meeting",
    )
    assert pending(room) == []


def test_a_preparation_reminder_for_a_meeting_already_held_is_never_sent():
    room = CalendarRoom()
    room.clock.current = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    room.create_group(first_meeting_at=local(2026, 12, 8))
    send_due(room)
    # The leader starts the meeting early, on Monday; the rest of the timeline is cancelled.
    room.clock.current = local(2026, 12, 7, 8)
    room.must("lea", StartMeeting)
    assert pending(room) == []
    assert at_time(room, local(2026, 12, 8, 10)) == []


def test_moving_the_meeting_moves_its_reminders_and_sends_a_new_invitation():
    room = CalendarRoom()
    room.clock.current = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    room.create_group(first_meeting_at=local(2026, 12, 8))
    send_due(room)
    room.must("lea", MoveMeeting, at=local(2026, 12, 10, 13))
    at_time(
        room,
        room.clock.now(),
        "@ali (dm): The meeting has moved: meeting 1 of Team Nord is now Thu 10 Dec 2026 13:00.",
    )
    invite = [o for o in room.sent if isinstance(o, CalendarInvite)][-1]
    assert invite.sequence == 1 and invite.start == local(2026, 12, 10, 13)
    # Nothing is sent for the old time; the request comes on Monday 7th at 13:00.
    assert at_time(room, local(2026, 12, 7, 12, 59)) == []
    at_time(room, local(2026, 12, 7, 13), "@ali (dm): The reflection meeting of Team Nord is Thu")


def close_with_action(room: Room, due: date) -> None:
    room.walk_to(Step.PREPARE_ACTION)
    room.must("cai", SetGoal, long_term=False, text="Calmer evenings for B-17")
    room.must(
        "cai", AddAction, what="Evening routine with B-17", owner="ali", follow_up="bo", due=due
    )
    room.must("lea", Advance, expected_step=Step.PREPARE_ACTION)


def test_an_action_is_followed_up_goes_overdue_and_is_escalated():
    room = CalendarRoom()
    room.clock.current = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    room.create_group(first_meeting_at=local(2026, 12, 8))
    room.clock.current = local(2026, 12, 8, 9, 5)
    close_with_action(room, date(2026, 12, 16))  # a Wednesday
    closed_id = room.meeting_id
    room.latest_meeting()
    send_due(room)  # the next meeting's invitations

    # Monday's digest for the leader.
    at_time(
        room,
        local(2026, 12, 14, 8),
        "@lea (dm): This week's agreements in Team Nord: 1 open, 0 overdue",
        "@lea (dm): Evening routine with B-17 (Ali, due Wed 16 Dec 2026)",
    )
    # Two days before, and on the day: the owner, with done / later / no longer relevant.
    at_time(room, local(2026, 12, 14), "@ali (dm): Reminder: “Evening routine with B-17” is due")
    lines = at_time(
        room,
        local(2026, 12, 16),
        "@ali (dm): “Evening routine with B-17” is due today. How is it going? "
        "[Done] / [Remind me later] / [No longer relevant]",
    )
    assert len(lines) == 1
    choices = [o for o in room.sent if isinstance(o, ShowChoices)][-1]
    assert choices.choices[0].command == AnswerActionReminder(
        PRESSER, closed_id, 1, ActionAnswer.DONE
    )
    # Not done: the day after, the follow-up person and the leader are told.
    at_time(
        room,
        local(2026, 12, 17),
        "@bo (dm): “Evening routine with B-17” (Ali, Team Nord) was due Wed 16 Dec 2026",
        "@lea (dm): “Evening routine with B-17” (Ali, Team Nord) was due Wed 16 Dec 2026",
    )
    # The next Monday's digest counts it as overdue.
    at_time(
        room,
        local(2026, 12, 21, 8),
        "@lea (dm): This week's agreements in Team Nord: 1 open, 1 overdue",
        "@lea (dm): Evening routine with B-17 (Ali, due Wed 16 Dec 2026) · overdue",
    )

    # Ali presses "done"; "since last" in the next meeting shows it.
    room.clock.current = local(2026, 12, 21, 10)
    room.send(AnswerActionReminder("ali", closed_id, 1, ActionAnswer.DONE)).shows(
        "@ali (only you): “Evening routine with B-17” is now marked: done."
    )
    assert room.store.meetings[closed_id].action(1).status is ActionStatus.DONE
    room.clock.current = room.meeting.scheduled_at
    room.run("lea", StartMeeting).shows(
        "#channel: 1. Evening routine with B-17: owner Ali, follow-up Bo, "
        "due Wed 16 Dec 2026 [done]"
    )


def test_snooze_and_no_longer_relevant():
    room = CalendarRoom()
    room.clock.current = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    room.create_group(first_meeting_at=local(2026, 12, 8))
    room.clock.current = local(2026, 12, 8, 9, 5)
    close_with_action(room, date(2026, 12, 16))
    closed_id = room.meeting_id
    room.latest_meeting()
    room.clock.current = local(2026, 12, 16, 9)
    send_due(room)

    room.send(AnswerActionReminder("ali", closed_id, 1, ActionAnswer.SNOOZE)).shows(
        "@ali (only you): Fine, you will be reminded of “Evening routine with B-17” again "
        "Fri 18 Dec 2026 09:00."
    )
    # Snoozed: no overdue nudge tomorrow, the owner again in two days.
    assert at_time(room, local(2026, 12, 17, 12)) == []
    at_time(room, local(2026, 12, 18, 9), "@ali (dm): “Evening routine with B-17” is due today")

    # Someone outside the action cannot answer; the follow-up person can.
    assert room.send(AnswerActionReminder("cai", closed_id, 1, ActionAnswer.DONE)).refused
    room.send(AnswerActionReminder("bo", closed_id, 1, ActionAnswer.IRRELEVANT)).shows(
        "@bo (only you): “Evening routine with B-17” is now marked: dropped."
    )
    assert [r for r in pending(room) if r.action_number == 1] == []


def test_re_planning_an_agreement_never_sends_a_reminder_twice():
    room = CalendarRoom()
    room.clock.current = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    room.create_group(first_meeting_at=local(2026, 12, 8))
    room.clock.current = local(2026, 12, 8, 9, 5)
    close_with_action(room, date(2026, 12, 16))
    closed_id = room.meeting_id
    room.latest_meeting()
    at_time(room, local(2026, 12, 16, 10), "@ali (dm): “Evening routine with B-17” is due today")
    # Something re-plans the paper's reminders (e.g. a status given in "since last").
    with room.uow as uow:
        group, closed = uow.groups.get(room.group_id), uow.meetings.get(closed_id)
        plan_actions(uow, group, closed, room.clock.now(), HolidayCalendar())
        uow.commit()
    assert at_time(room, local(2026, 12, 16, 11)) == []
    at_time(room, local(2026, 12, 17), "@bo (dm): “Evening routine with B-17” (Ali, Team Nord)")
    with room.uow as uow:
        group, closed = uow.groups.get(room.group_id), uow.meetings.get(closed_id)
        plan_actions(uow, group, closed, room.clock.now(), HolidayCalendar())
        uow.commit()
    assert at_time(room, local(2026, 12, 17, 12)) == []
