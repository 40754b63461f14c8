"""Scheduling follows the group's rhythm: no Sundays, odd minutes, holidays or past dates.

Each case of issue 14's "Scheduling lands on Sundays, odd minutes, holidays and the past",
played as a group's chat with the process calendar (Danish public holidays, rrule): the
next slot of the rhythm for `/schedule` without a time, a first meeting left open on the
next working day, the holiday rule on a first meeting and a move, past dates refused, and
`/skip` to the slot after the skipped one, also after a move. Christmas 2026: Friday 25 and
Saturday 26 December are public holidays.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.calendar_rules import HolidayCalendar
from flows import service
from flows.cadence import Cadence, Frequency, HolidayRule
from flows.commands import (
    Advance,
    CreateGroup,
    MoveMeeting,
    ScheduleMeeting,
    SkipMeeting,
)
from flows.model import Level
from flows.steps import Step
from tests.fakes import FixedClock
from tests.transcript import (
    LEADER,
    PARTICIPANTS,
    Reply,
    Room,
    not_said,
    say,
    transcript_lines,
)

TZ = ZoneInfo("Europe/Copenhagen")
CAL = HolidayCalendar()
EVERY_14_DAYS = Cadence(Frequency.DAYS, 14)  # what `group create` makes by default


def local(y: int, mo: int, d: int, h: int = 9, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=TZ)


class HolidayRoom(Room):
    """A group's chat whose commands run with the process calendar."""

    def send(self, cmd: Any, *, uow: Any = None) -> Reply:
        unit: Any = uow or self.uow
        outputs = service.run(cmd, unit, self.clock, CAL)
        reply = Reply(self, cmd, outputs, transcript_lines(outputs, self.lang, self.tz))
        self.replies.append(reply)
        return reply


def room_at(now: datetime, *, lang: str = "en", **group: Any) -> HolidayRoom:
    room = HolidayRoom(lang=lang, clock=FixedClock(now.astimezone(UTC)))
    room.create_group(**group)
    return room


def close_current(room: Room) -> None:
    room.clock.current = room.meeting.scheduled_at + timedelta(minutes=5)
    room.walk_to(Step.PREPARE_ACTION)
    room.ready_to_leave()
    room.must("lea", Advance, expected_step=Step.PREPARE_ACTION)
    room.latest_meeting()


def at(room: Room) -> datetime:
    return room.meeting.scheduled_at.astimezone(TZ)


# /schedule without a time ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("group", "expected"),
    [
        (dict(cadence=EVERY_14_DAYS), "Tue 22 Dec 2026 09:00"),
        (dict(cadence_days=14), "Tue 22 Dec 2026 09:00"),  # a group without a rule (Slack)
        (dict(cadence=Cadence(Frequency.WEEKLY, 1)), "Tue 15 Dec 2026 09:00"),
    ],
)
def test_schedule_without_a_time_is_the_rhythms_next_slot_at_its_time_of_day(group, expected):
    room = room_at(local(2026, 12, 1), first_meeting_at=local(2026, 12, 8), **group)
    room.cancel_without_next()  # (a group a cancel left without a meeting ahead)
    room.clock.current = local(2026, 12, 6, 8, 52)  # a Sunday, at an odd minute
    room.play(
        say("lea", ScheduleMeeting),
        f"#channel: Meeting 2 is scheduled for {expected}.",
        not_said("Sun 20 Dec"),
    )


def test_schedule_without_a_time_keeps_the_holiday_rule():
    # Every 14 days from Friday 11 December: the next slot is Christmas Day.
    room = room_at(local(2026, 12, 1), first_meeting_at=local(2026, 12, 11), cadence=EVERY_14_DAYS)
    room.cancel_without_next()  # (a group a cancel left without a meeting ahead)
    room.play(
        say("lea", ScheduleMeeting), "#channel: Meeting 2 is scheduled for Mon 28 Dec 2026 09:00."
    )


# A first meeting left open ------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (local(2026, 12, 1, 7), local(2026, 12, 2)),  # Tuesday morning: Wednesday
        (local(2026, 12, 5, 14), local(2026, 12, 7)),  # Saturday: Monday
        (local(2026, 12, 6, 8, 52), local(2026, 12, 7)),  # Sunday: Monday
        (local(2026, 12, 24, 10), local(2026, 12, 28)),  # Christmas Eve: past the holidays
        (local(2026, 12, 31, 16), local(2027, 1, 4)),  # New Year's Day is a holiday
    ],
)
def test_a_first_meeting_left_open_is_the_next_working_day_at_0900(now, expected):
    room = room_at(now, cadence=EVERY_14_DAYS, first_meeting_time=time(9, 0))
    assert at(room) == expected
    assert room.group.cadence_start == expected


def test_the_first_meetings_time_of_day_is_the_setting():
    room = room_at(local(2026, 12, 5, 14), cadence=EVERY_14_DAYS, first_meeting_time=time(10, 30))
    assert at(room) == local(2026, 12, 7, 10, 30)


@pytest.mark.parametrize(
    ("cadence", "first", "rhythm", "second"),
    [
        (Cadence(Frequency.WEEKLY, 1), local(2026, 12, 7), "every Monday", local(2026, 12, 14)),
        (Cadence(Frequency.WEEKLY, 2), local(2026, 12, 7), "every 2 weeks on Monday",
         local(2026, 12, 21)),
        (Cadence(Frequency.MONTHLY, 1, nth=1), local(2026, 12, 7),
         "on the first Monday of the month", local(2027, 1, 4)),
        (Cadence(Frequency.WEEKLY, 1, weekday=3), local(2026, 12, 10), "every Thursday",
         local(2026, 12, 17)),
    ],
)  # fmt: skip
def test_weekly_and_monthly_rhythms_left_open_meet_on_a_working_weekday(
    cadence, first, rhythm, second
):
    room = room_at(local(2026, 12, 5, 14), cadence=cadence, first_meeting_time=time(9, 0))
    room.replies[0].shows(f"then {rhythm}.", not_said("Saturday"), not_said("Sunday"))
    assert at(room) == first
    close_current(room)
    assert at(room) == second


def test_a_set_up_form_without_a_date_keeps_a_weeks_notice_on_a_working_day():
    # Slack's and Teams' set-up give no time of day yet: a week ahead, never on a weekend.
    room = room_at(local(2026, 12, 6, 8, 52), cadence=Cadence(Frequency.WEEKLY, 1))
    assert at(room) == local(2026, 12, 14)


# The holiday rule on a first meeting ----------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "first", "said", "next_after_close"),
    [
        (HolidayRule.NEXT_WORKING_DAY, local(2026, 12, 28),
         "Fri 25 Dec 2026 is a public holiday, so the meeting is on the next working day: "
         "Mon 28 Dec 2026 09:00.", local(2027, 1, 8)),
        (HolidayRule.SKIP, local(2027, 1, 8),
         "Fri 25 Dec 2026 is a public holiday, which the group skips: the meeting is on the "
         "rhythm's next slot, Fri 8 Jan 2027 09:00.", local(2027, 1, 22)),
        (HolidayRule.KEEP, local(2026, 12, 25),
         "Note: Fri 25 Dec 2026 is a public holiday. The group meets on holidays too, so the "
         "meeting stays.", local(2027, 1, 8)),
    ],
)  # fmt: skip
def test_a_first_meeting_on_christmas_day_follows_the_holiday_rule(
    rule, first, said, next_after_close
):
    cadence = Cadence(Frequency.DAYS, 14, holidays=rule)
    room = room_at(local(2026, 12, 1), first_meeting_at=local(2026, 12, 25), cadence=cadence)
    room.replies[0].shows(f"@lea (only you): {said}")
    assert at(room) == first
    close_current(room)  # the rhythm itself stays on the Fridays from 25 December
    assert at(room) == next_after_close


def test_a_group_without_a_rule_moves_a_first_meeting_off_a_holiday():
    room = room_at(local(2026, 12, 1), first_meeting_at=local(2026, 12, 25))
    assert at(room) == local(2026, 12, 28)


def test_a_first_meeting_asked_on_a_sunday_stays_there_with_a_note():
    room = room_at(local(2026, 12, 1), first_meeting_at=local(2026, 12, 13, 10))
    room.replies[0].shows("@lea (only you): Note: Sun 13 Dec 2026 is on a weekend.")
    assert at(room) == local(2026, 12, 13, 10)


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "@lea (refused): The time Mon 1 Dec 2025 09:00 has already passed."),
        ("da", "@lea (refused): Tidspunktet man. 1. dec. 2025 kl. 09:00 er allerede passeret."),
    ],
)
def test_a_first_meeting_a_year_back_is_refused(lang, said):
    room = HolidayRoom(lang=lang, clock=FixedClock(local(2026, 12, 1).astimezone(UTC)))
    a_year_back = local(2025, 12, 1)
    create = CreateGroup(actor="lea", name="Team Nord", level=Level.CITIZEN, leader=LEADER,
                         participants=PARTICIPANTS, first_meeting_at=a_year_back)  # fmt: skip
    room.send(create).shows(said)
    assert room.store.groups == {} and room.store.meetings == {}


# The holiday rule and weekends on a move ----------------------------------------------


@pytest.mark.parametrize(
    ("rule", "to", "landed", "said"),
    [
        (HolidayRule.NEXT_WORKING_DAY, local(2026, 12, 25, 13), local(2026, 12, 28, 13),
         "Fri 25 Dec 2026 is a public holiday, so the meeting is on the next working day: "
         "Mon 28 Dec 2026 13:00."),
        (HolidayRule.KEEP, local(2026, 12, 25, 13), local(2026, 12, 25, 13),
         "Note: Fri 25 Dec 2026 is a public holiday."),
        (HolidayRule.NEXT_WORKING_DAY, local(2026, 12, 12, 10), local(2026, 12, 12, 10),
         "Note: Sat 12 Dec 2026 is on a weekend."),
    ],
)  # fmt: skip
def test_a_move_onto_a_holiday_or_a_weekend_follows_the_rule_and_says_so(rule, to, landed, said):
    cadence = Cadence(Frequency.DAYS, 14, holidays=rule)
    room = room_at(local(2026, 12, 1), first_meeting_at=local(2026, 12, 8), cadence=cadence)
    room.play(
        say("lea", MoveMeeting, at=to), "#channel: Meeting 1 has moved", f"@lea (only you): {said}"
    )
    assert at(room) == landed


def test_a_move_onto_a_holiday_the_group_skips_is_refused():
    cadence = Cadence(Frequency.DAYS, 14, holidays=HolidayRule.SKIP)
    room = room_at(local(2026, 12, 1), first_meeting_at=local(2026, 12, 8), cadence=cadence)
    room.play(
        say("lea", MoveMeeting, at=local(2026, 12, 25, 13)),
        "@lea (refused): Fri 25 Dec 2026 is a public holiday and the group does not meet on "
        "holidays. Choose another day.",
    )
    assert at(room) == local(2026, 12, 8)


# /skip goes to the slot after the skipped one -----------------------------------------


@pytest.mark.parametrize("moved_to", [local(2026, 12, 7, 13), local(2026, 12, 9, 13)])
def test_skip_after_a_move_goes_to_the_slot_after_the_skipped_one(moved_to):
    room = room_at(local(2026, 12, 1), first_meeting_at=local(2026, 12, 8), cadence=EVERY_14_DAYS)
    room.must("lea", MoveMeeting, at=moved_to)
    room.play(say("lea", SkipMeeting), "the next meeting is Tue 22 Dec 2026 09:00.")
    room.play(say("lea", SkipMeeting), "the next meeting is Tue 5 Jan 2027 09:00.")


def test_skip_of_a_meeting_the_holiday_rule_moved_goes_to_the_rhythms_next_slot():
    room = room_at(local(2026, 12, 1), first_meeting_at=local(2026, 12, 25), cadence=EVERY_14_DAYS)
    assert at(room) == local(2026, 12, 28)
    room.play(say("lea", SkipMeeting), "the next meeting is Fri 8 Jan 2027 09:00.")
