"""Cadence: rhythms in the group's time zone, Danish public holidays, one occurrence moved,
skipped or cancelled. The clock is a `FixedClock`; the calendar is the process's own
(dateutil rrule + the `holidays` package)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.calendar_rules import HolidayCalendar
from flows import service
from flows.cadence import (
    Cadence,
    Frequency,
    HolidayRule,
    PlainCalendar,
    next_occurrence,
    occurrences,
    working_days_before,
)
from flows.commands import Advance, Cancel, MoveMeeting, SkipMeeting
from flows.outputs import Refusal
from flows.reminder_plan import ReminderKind, ReminderStatus
from flows.steps import Step
from tests.transcript import Reply, Room, transcript_lines

CPH = "Europe/Copenhagen"
TZ = ZoneInfo(CPH)
CAL = HolidayCalendar()


def local(y: int, mo: int, d: int, h: int = 9, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=TZ)


class CalendarRoom(Room):
    """A room whose commands run with the process calendar (holidays, rrule)."""

    def send(self, cmd: Any, *, uow: Any = None) -> Reply:
        outputs = service.run(cmd, uow or self.uow, self.clock, CAL)
        reply = Reply(self, cmd, outputs, transcript_lines(outputs, self.lang, self.tz))
        self.replies.append(reply)
        return reply


def close_current(room: Room) -> None:
    room.walk_to(Step.PREPARE_ACTION)
    room.ready_to_leave()
    room.must(room.group.leader.user_id, Advance, expected_step=Step.PREPARE_ACTION)
    room.latest_meeting()


# The rule alone ------------------------------------------------------------------


def test_a_14_day_cadence_stays_at_0900_local_across_both_dst_changes_of_2027():
    rule = Cadence(Frequency.DAYS, 14, holidays=HolidayRule.KEEP)
    start = local(2027, 1, 5)  # a Tuesday, CET
    times = occurrences(CAL, rule, start, CPH, 26)
    assert all(t.astimezone(TZ).time() == time(9, 0) for t in times)
    assert all(t.astimezone(TZ).weekday() == 1 for t in times)
    offsets = {t.astimezone(TZ).date(): t.astimezone(TZ).utcoffset() for t in times}
    # Summer time starts 28 Mar 2027 and ends 31 Oct 2027.
    assert offsets[date(2027, 3, 16)] == timedelta(hours=1)
    assert offsets[date(2027, 3, 30)] == timedelta(hours=2)
    assert offsets[date(2027, 10, 26)] == timedelta(hours=2)
    assert offsets[date(2027, 11, 9)] == timedelta(hours=1)
    assert times[12].astimezone(UTC).hour == 7 and times[0].astimezone(UTC).hour == 8


def test_weekly_every_n_weeks_and_monthly_nth_weekday():
    thursdays = occurrences(
        CAL,
        Cadence(Frequency.WEEKLY, 2, weekday=3, at=time(8, 30), holidays=HolidayRule.KEEP),
        local(2027, 1, 4),
        CPH,
        3,
    )
    assert [t.astimezone(TZ) for t in thursdays] == [
        local(2027, 1, 7, 8, 30),
        local(2027, 1, 21, 8, 30),
        local(2027, 2, 4, 8, 30),
    ]
    last_fridays = occurrences(
        CAL,
        Cadence(Frequency.MONTHLY, 1, weekday=4, nth=-1, holidays=HolidayRule.KEEP),
        local(2027, 1, 1, 13),
        CPH,
        3,
    )
    assert [t.astimezone(TZ).date() for t in last_fridays] == [
        date(2027, 1, 29),
        date(2027, 2, 26),
        date(2027, 3, 26),
    ]


def test_a_meeting_on_a_danish_public_holiday_moves_to_the_next_working_day_or_is_skipped():
    # Weekly on Thursdays from 18 Mar 2027: 25 Mar is Maundy Thursday (skærtorsdag),
    # and the next day is Good Friday, then the weekend and Easter Monday.
    weekly = dict(frequency=Frequency.WEEKLY, interval=1, weekday=3)
    start = local(2027, 3, 18)
    moved = occurrences(
        CAL, Cadence(**weekly, holidays=HolidayRule.NEXT_WORKING_DAY), start, CPH, 3
    )
    assert [t.astimezone(TZ) for t in moved] == [
        local(2027, 3, 18),
        local(2027, 3, 30),
        local(2027, 4, 1),
    ]
    skipped = occurrences(CAL, Cadence(**weekly, holidays=HolidayRule.SKIP), start, CPH, 3)
    assert [t.astimezone(TZ) for t in skipped] == [
        local(2027, 3, 18),
        local(2027, 4, 1),
        local(2027, 4, 8),
    ]
    kept = occurrences(CAL, Cadence(**weekly, holidays=HolidayRule.KEEP), start, CPH, 2)
    assert kept[1].astimezone(TZ) == local(2027, 3, 25)
    # The rhythm itself does not drift: after the moved meeting it is Thursday again.
    assert next_occurrence(CAL, Cadence(**weekly), start, CPH, after=local(2027, 3, 30)).astimezone(
        TZ
    ) == local(2027, 4, 1)


def test_working_days_before_skip_weekends_and_holidays():
    # The working day before Tuesday 30 Mar 2027 (after Easter Monday) is Wednesday 24 Mar.
    assert working_days_before(CAL, date(2027, 3, 30), 1) == date(2027, 3, 24)
    assert working_days_before(CAL, date(2027, 1, 4), 1) == date(2026, 12, 31)
    assert working_days_before(PlainCalendar(), date(2027, 1, 4), 1) == date(2027, 1, 1)


# Through the service ------------------------------------------------------------------


def test_closing_meetings_all_year_keeps_0900_local_and_avoids_holidays():
    room = CalendarRoom()
    room.clock.current = datetime(2027, 1, 1, 8, 0, tzinfo=UTC)
    rule = Cadence(Frequency.DAYS, 14, holidays=HolidayRule.NEXT_WORKING_DAY)
    room.create_group(first_meeting_at=local(2027, 1, 5), cadence=rule)
    seen = []
    for _ in range(25):
        m = room.meeting
        seen.append(m.scheduled_at.astimezone(TZ))
        room.clock.current = m.scheduled_at + timedelta(minutes=5)
        close_current(room)
    assert all(s.time() == time(9, 0) for s in seen)
    assert all(not CAL.is_holiday(s.date()) and s.weekday() < 5 for s in seen)
    # 30 Mar 2027 is a Tuesday in the rhythm and no holiday; 25 May 2027 is too.
    assert local(2027, 3, 30) in seen and local(2027, 11, 9) in seen


def test_the_leader_moves_one_occurrence_and_the_rhythm_stays():
    room = CalendarRoom()
    room.clock.current = datetime(2027, 1, 1, 8, 0, tzinfo=UTC)
    rule = Cadence(Frequency.WEEKLY, 2, weekday=1, holidays=HolidayRule.NEXT_WORKING_DAY)
    room.create_group(first_meeting_at=local(2027, 1, 5), cadence=rule)
    room.clock.current = local(2027, 1, 5, 10)
    close_current(room)
    assert room.meeting.scheduled_at == local(2027, 1, 19)

    reply = room.run("lea", MoveMeeting, at=local(2027, 1, 20, 13))
    reply.shows(
        "#channel: Meeting 2 has moved from Tue 19 Jan 2027 09:00 to Wed 20 Jan 2027 13:00."
    )
    assert room.meeting.scheduled_at == local(2027, 1, 20, 13)
    # Its reminders followed it: the old ones are cancelled, the new ones aim at 13:00.
    pending = room.uow.reminders.list(statuses=frozenset({ReminderStatus.PENDING}))
    starts = [r for r in pending if r.kind is ReminderKind.START_NUDGE]
    assert [r.due_at for r in starts] == [local(2027, 1, 20, 13)]
    invites = [r for r in pending if r.kind is ReminderKind.INVITATION]
    assert len(invites) == 5 and all(r.payload["moved"] for r in invites)

    room.clock.current = local(2027, 1, 20, 14)
    close_current(room)
    # The next one is back in the rhythm: Tuesday 2 Feb at 09:00.
    assert room.meeting.scheduled_at == local(2027, 2, 2)


def test_a_participant_cannot_move_and_a_meeting_cannot_move_into_the_past():
    room = CalendarRoom()
    room.clock.current = datetime(2027, 1, 1, 8, 0, tzinfo=UTC)
    room.create_group(first_meeting_at=local(2027, 1, 5))
    assert room.run("ali", MoveMeeting, at=local(2027, 1, 6)).refused
    reply = room.run("lea", MoveMeeting, at=local(2026, 12, 6))
    assert isinstance(reply.outputs[0], Refusal)
    assert room.meeting.scheduled_at == local(2027, 1, 5)


def test_skipping_one_occurrence_moves_the_meeting_to_the_next_slot():
    room = CalendarRoom()
    room.clock.current = datetime(2027, 1, 1, 8, 0, tzinfo=UTC)
    rule = Cadence(Frequency.WEEKLY, 1, weekday=3, holidays=HolidayRule.KEEP)
    room.create_group(first_meeting_at=local(2027, 1, 7), cadence=rule)
    room.run("lea", SkipMeeting).shows(
        "#channel: Meeting 1 is skipped (Thu 7 Jan 2027 09:00); the next meeting is "
        "Thu 14 Jan 2027 09:00."
    )
    assert room.meeting.scheduled_at == local(2027, 1, 14)
    assert room.meeting.number == 1


def test_a_group_without_a_rule_keeps_every_cadence_days_days():
    room = CalendarRoom()
    room.clock.current = datetime(2027, 1, 1, 8, 0, tzinfo=UTC)
    room.create_group(first_meeting_at=local(2027, 1, 5), cadence_days=7)
    room.run("lea", SkipMeeting)
    assert room.meeting.scheduled_at == local(2027, 1, 12)


def test_cancelling_one_occurrence_cancels_its_reminders_and_plans_the_next_slot():
    room = CalendarRoom()
    room.clock.current = datetime(2027, 1, 1, 8, 0, tzinfo=UTC)
    rule = Cadence(Frequency.WEEKLY, 1, weekday=3, holidays=HolidayRule.KEEP)
    room.create_group(first_meeting_at=local(2027, 1, 7), cadence=rule)
    room.must("lea", Cancel, confirmed=True)
    assert room.meeting.step is Step.CANCELLED
    pending = frozenset({ReminderStatus.PENDING})
    left = room.uow.reminders.list(source=f"meeting:{room.meeting_id}", statuses=pending)
    assert {r.kind for r in left} == {ReminderKind.CANCELLATION}  # only the .ics cancellations
    nxt = room.latest_meeting()
    assert (nxt.number, nxt.scheduled_at) == (2, local(2027, 1, 14))
    kinds = {r.kind for r in room.uow.reminders.list(source=f"meeting:{nxt.id}", statuses=pending)}
    assert ReminderKind.START_NUDGE in kinds


@pytest.mark.parametrize("bad", [dict(interval=0), dict(weekday=7), dict(frequency="monthly")])
def test_a_cadence_checks_itself(bad):
    with pytest.raises(ValueError):
        Cadence(**{**bad, "frequency": Frequency(bad.get("frequency", "days"))})
