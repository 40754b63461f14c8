"""Cancel with care (issue 14): a cancel asks first, takes the meeting out of every member's
calendar, plans the next meeting by the rhythm, and can be undone on the day it was made.

Team Nord meets every 14 days from Tuesday 8 December 2026 at 09:00; the clock stands at
Tuesday 1 December, 09:00 in Copenhagen. What the scheduler sends is played with
`send_due` (as in the reminder timeline), and every calendar file is parsed back with
icalendar, as a member's calendar would read it.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from bot.calendar_invite import invite_ics
from flows.commands import (
    Advance,
    Cancel,
    MoveMeeting,
    OpenPreparation,
    SubmitPoint,
    UndoCancel,
)
from flows.model import PointKind
from flows.outputs import PRESSER, CalendarInvite, ChoiceStyle, ShowChoices
from flows.reminder_plan import ReminderKind, ReminderStatus
from flows.steps import Step
from tests.transcript import Room, not_said, say, team_nord
from tests.unit.test_reminders_timeline import send_due

S = Step
TZ = ZoneInfo("Europe/Copenhagen")
PENDING = frozenset({ReminderStatus.PENDING})


def local(y: int, mo: int, d: int, h: int = 9, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=TZ)


def calendar_files(room: Room, user: str) -> list[Calendar]:
    """Every calendar file `user` got so far (sent by `send_due`), parsed back."""
    sent = getattr(room, "sent", [])
    return [
        Calendar.from_ical(invite_ics(o, "en"))
        for o in sent
        if isinstance(o, CalendarInvite) and o.to.user_id == user
    ]


def event(cal: Calendar) -> tuple[str, str, str, int, datetime]:
    """(METHOD, STATUS, UID, SEQUENCE, DTSTART) of a calendar file's one event."""
    (vevent,) = cal.walk("VEVENT")
    return (
        str(cal["method"]),
        str(vevent["status"]),
        str(vevent["uid"]),
        int(vevent["sequence"]),
        vevent.decoded("dtstart"),
    )


def pending_kinds(room: Room, meeting_id: int) -> set[ReminderKind]:
    rows = room.uow.reminders.list(source=f"meeting:{meeting_id}", statuses=PENDING)
    return {r.kind for r in rows}


# Asking first ---------------------------------------------------------------------------


def test_a_cancel_asks_the_leader_first_and_changes_nothing(room: Room) -> None:
    room.walk_to(S.EXPLORE)
    before = room.snapshot()
    (reply,) = room.play(
        say("lea", Cancel, expected_step=S.EXPLORE),
        "@lea (only you): Cancel meeting 1 (Tue 8 Dec 2026 09:00)? Everyone gets a calendar "
        "cancellation and the next meeting is planned by the group's rhythm. Nothing changes "
        "until you press the button; until midnight you can undo it. [Yes, cancel the meeting]",
        not_said("#channel"),
    )
    assert room.snapshot() == before
    (question,) = reply.of_type(ShowChoices)
    (yes,) = question.choices
    assert yes.style is ChoiceStyle.DANGER
    assert yes.command == Cancel(PRESSER, room.meeting_id, S.EXPLORE, confirmed=True)


def test_the_question_is_asked_in_danish_and_a_typed_cancel_is_pinned_to_the_step() -> None:
    room = team_nord(lang="da")
    (reply,) = room.play(
        say("lea", Cancel),
        "@lea (only you): Aflys møde 1 (tirs. 8. dec. 2026 kl. 09:00)? Alle får en aflysning i "
        "kalenderen, og næste møde planlægges efter gruppens rytme. Intet ændres, før du "
        "trykker på knappen; indtil midnat kan du fortryde. [Ja, aflys mødet]",
    )
    (question,) = reply.of_type(ShowChoices)
    assert question.choices[0].command.expected_step is S.SCHEDULED
    room.must("lea", OpenPreparation)
    late = room.send(dataclasses.replace(question.choices[0].command, actor="lea"))
    late.shows("@lea (refused): Mødet er allerede gået videre (nu: forberedelse).")
    assert room.meeting.step is S.PREPARING


# Cancelling -------------------------------------------------------------------------------


def test_a_confirmed_cancel_tells_every_calendar_and_plans_the_next_meeting() -> None:
    room = team_nord()
    send_due(room)  # meeting 1's invitations
    ((_, _, uid, invited_as, start),) = [event(c) for c in calendar_files(room, "ali")]
    room.walk_to(S.EXPLORE)
    room.play(
        say("lea", Cancel, expected_step=S.EXPLORE, confirmed=True),
        "#channel: Meeting 1 is cancelled.",
        "#channel: The next meeting (2) is planned for Tue 22 Dec 2026 09:00, by the group's "
        "rhythm. The meeting leader can undo the cancellation until midnight. "
        "[Undo the cancellation]",
    )
    cancelled = room.meeting
    assert (cancelled.step, cancelled.cancelled_from) == (S.CANCELLED, S.EXPLORE)
    assert cancelled.cancelled_at == room.clock.now() and cancelled.step_deadline is None
    assert [(m.number, m.step) for m in room.meetings()] == [(1, S.CANCELLED), (2, S.SCHEDULED)]
    # The scheduler sends the cancellation to everyone, and the next meeting's invitation.
    lines = send_due(room)
    for user in ("lea", "ali", "bo", "cai", "dina"):
        assert (
            f"@{user} (dm): Calendar cancellation: meeting 1 of Team Nord (Tue 8 Dec 2026 "
            "09:00) is cancelled. The cancellation removes it from your calendar."
        ) in lines
        assert f"@{user} (dm): Calendar invitation: meeting 2 of Team Nord, Tue 22 Dec" in (
            " ".join(lines)
        )
    method, status, same_uid, sequence, when = event(calendar_files(room, "ali")[1])
    assert (method, status, same_uid, when) == ("CANCEL", "CANCELLED", uid, start)
    assert sequence > invited_as
    nxt = room.latest_meeting()
    assert event(calendar_files(room, "ali")[2])[:3] == (
        "REQUEST",
        "CONFIRMED",
        f"datadialog-meeting-{nxt.id}@{room.group_id}",
    )
    assert {ReminderKind.PREPARATION_REQUEST, ReminderKind.START_NUDGE} <= pending_kinds(
        room, nxt.id or 0
    )


def test_a_cancel_goes_to_the_rhythms_slot_after_the_one_the_meeting_stood_for(
    room: Room,
) -> None:
    """Moved a day before its slot, the cancelled meeting still stood for 8 December: the
    next meeting is the slot after that, not 8 December itself."""
    room.must("lea", MoveMeeting, at=local(2026, 12, 7))
    room.play(
        say("lea", Cancel, confirmed=True),
        "#channel: The next meeting (2) is planned for Tue 22 Dec 2026 09:00",
    )


# Undoing ----------------------------------------------------------------------------------


def cancelled_in_explore() -> Room:
    """Meeting 1 cancelled in explore at 09:00 on 1 December, its invitations sent before,
    and meeting 2's invitations sent after."""
    room = team_nord()
    send_due(room)
    room.walk_to(S.EXPLORE)
    room.must("lea", Cancel, expected_step=S.EXPLORE, confirmed=True)
    send_due(room)
    return room


def test_an_undo_the_same_day_restores_the_meeting_and_withdraws_the_next() -> None:
    room = cancelled_in_explore()
    cancel_sequence = event(calendar_files(room, "ali")[1])[3]
    withdrawn = room.latest_meeting()
    room.meeting_id = 1
    room.clock.current = local(2026, 12, 1, 23, 59)
    room.play(
        say("lea", UndoCancel),
        "#channel: Meeting 1 (Tue 8 Dec 2026 09:00) is on again (step: explore).",
        "#channel: Meeting 2, planned for Tue 22 Dec 2026 09:00 in its place, is withdrawn.",
    )
    meeting = room.meeting
    assert (meeting.step, meeting.cancelled_at, meeting.cancelled_from) == (S.EXPLORE, None, None)
    assert meeting.step_deadline == room.clock.now() + timedelta(minutes=20)  # a fresh time-box
    # Meeting 2 is out of the numbering, kept (its id and calendar UID never come back).
    assert [(m.id, m.number, m.step) for m in room.meetings()] == [
        (1, 1, S.EXPLORE),
        (withdrawn.id, -(withdrawn.id or 0), S.CANCELLED),
    ]
    assert pending_kinds(room, withdrawn.id or 0) == {ReminderKind.CANCELLATION}
    lines = send_due(room)
    assert "@ali (dm): Calendar cancellation: meeting 2 of Team Nord (Tue 22 Dec 2026 09:00)" in (
        " ".join(lines)
    )
    assert (
        "@ali (dm): Meeting 1 of Team Nord is on again: Tue 8 Dec 2026 09:00. "
        "Here is the calendar invitation again."
    ) in lines
    files = [event(c) for c in calendar_files(room, "ali")]
    first, withdrawn_cancel, restored = files[0], files[3], files[4]
    assert withdrawn_cancel[:3] == ("CANCEL", "CANCELLED", files[2][2])  # meeting 2's UID
    assert restored[:3] == ("REQUEST", "CONFIRMED", first[2])  # meeting 1's UID again
    assert restored[3] > cancel_sequence
    # The step's buttons hold again: the meeting goes on where it was.
    room.ready_to_leave()
    room.play(say("lea", Advance, expected_step=S.EXPLORE), "#channel: Step 3 of 4 · Interpret")


def test_after_an_undo_the_meeting_after_is_a_new_one_with_its_own_invitation() -> None:
    room = cancelled_in_explore()
    withdrawn = room.latest_meeting()
    room.meeting_id = 1
    room.must("lea", UndoCancel)
    send_due(room)
    room.walk_to(S.CLOSED)
    nxt = room.latest_meeting()
    assert nxt.number == 2 and nxt.id != withdrawn.id
    lines = send_due(room)
    assert "@ali (dm): Calendar invitation: meeting 2 of Team Nord, Tue 22 Dec" in " ".join(lines)
    assert event(calendar_files(room, "ali")[-1])[2] == f"datadialog-meeting-{nxt.id}@1"


def test_an_undo_typed_in_the_channel_names_the_newest_meeting_and_undoes_the_cancel() -> None:
    room = cancelled_in_explore()
    room.latest_meeting()  # what the channel acts on: meeting 2, planned in 1's place
    room.play(
        say("lea", UndoCancel),
        "#channel: Meeting 1 (Tue 8 Dec 2026 09:00) is on again (step: explore).",
    )
    assert [m.step for m in room.meetings() if m.number == 1] == [S.EXPLORE]


def test_an_undo_before_the_calendars_were_told_sends_no_cancellation() -> None:
    room = team_nord()
    send_due(room)
    room.must("lea", Cancel, confirmed=True)
    room.must("lea", UndoCancel)
    lines = send_due(room)
    assert not [line for line in lines if "cancellation" in line], lines
    assert [line for line in lines if "on again" in line]  # invited again all the same
    # Back in scheduled: its reminders are planned again, the withdrawn meeting's are gone.
    assert {ReminderKind.PREPARATION_REQUEST, ReminderKind.START_NUDGE} <= pending_kinds(room, 1)
    assert pending_kinds(room, 2) == set()


@pytest.mark.parametrize(
    ("cancelled_at", "undone_at", "accepted"),
    [
        (local(2026, 12, 1, 23, 30), local(2026, 12, 1, 23, 59), True),
        (local(2026, 12, 1, 23, 30), local(2026, 12, 2, 0, 1), False),
        # 00:30 in Copenhagen is still 1 December in UTC: the group's day counts.
        (local(2026, 12, 2, 0, 30), local(2026, 12, 2, 20, 0), True),
        (local(2026, 12, 1, 9, 0), local(2026, 12, 4, 9, 0), False),
    ],
    ids=["before-midnight", "after-midnight", "local-day-not-utc", "days-later"],
)
def test_an_undo_is_possible_only_on_the_groups_day_of_the_cancel(
    cancelled_at: datetime, undone_at: datetime, accepted: bool
) -> None:
    room = team_nord()
    room.clock.current = cancelled_at.astimezone(UTC)
    room.must("lea", Cancel, confirmed=True)
    room.clock.current = undone_at.astimezone(UTC)
    before = room.snapshot()
    reply = room.run("lea", UndoCancel)
    if accepted:
        reply.shows("#channel: Meeting 1 (Tue 8 Dec 2026 09:00) is on again (step: scheduled).")
        return
    reply.shows(
        "@lea (refused): Meeting 1 stays cancelled: a cancellation can be undone only on the "
        "day it was made. Move the next meeting if you need another time."
    )
    assert room.snapshot() == before


def test_the_next_day_the_undo_is_refused_in_danish() -> None:
    room = team_nord(lang="da")
    room.must("lea", Cancel, confirmed=True)
    room.clock.advance(days=1)
    room.play(
        say("lea", UndoCancel),
        "@lea (refused): Møde 1 forbliver aflyst: en aflysning kan kun fortrydes samme dag",
    )


def test_an_undo_is_refused_once_the_meeting_planned_in_its_place_has_begun() -> None:
    room = team_nord()
    room.must("lea", Cancel, confirmed=True)
    room.latest_meeting()
    room.must("ali", SubmitPoint, kind=PointKind.POSITIVE, text="B-17 sleeps better")
    before = room.snapshot()
    room.play(
        say("lea", UndoCancel),
        "@lea (refused): The cancellation can no longer be undone: meeting 2, planned in its "
        "place, has already begun",
    )
    assert room.snapshot() == before


def test_only_the_leader_undoes_and_a_second_undo_finds_nothing_to_undo() -> None:
    room = team_nord()
    room.must("lea", Cancel, confirmed=True)
    room.play(
        say("ali", UndoCancel),
        "@ali (refused): Only the meeting leader (Lea) can steer the meeting.",
        say("lea", UndoCancel),
        "#channel: Meeting 1 (Tue 8 Dec 2026 09:00) is on again",
        say("lea", UndoCancel),
        "@lea (refused): That is not possible now: the meeting is in scheduled. "
        "Possible in: cancelled.",
    )
