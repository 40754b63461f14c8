"""When a group meets: its rhythm (cadence) and what a public holiday does to it.

Pure rules; the calendar arithmetic itself (expanding a rule into local dates,
knowing which days are public holidays) sits behind the `Calendar` protocol and
is implemented in `bot/` with dateutil's rrule and the `holidays` package. The
flows decide only *which* candidate becomes the meeting.

A rule is expanded on local wall-clock time in the group's zone, so 09:00 stays
09:00 across daylight saving changes. One meeting row exists per occurrence; an
occurrence is moved (`MoveMeeting`), skipped (`SkipMeeting`: the same meeting
goes to the next occurrence) or cancelled (`Cancel`) on that row alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Protocol
from zoneinfo import ZoneInfo


class Frequency(StrEnum):
    DAYS = "days"  # every `interval` days (the original `cadence_days` behaviour)
    WEEKLY = "weekly"  # every `interval` weeks on `weekday`
    MONTHLY = "monthly"  # every `interval` months on the `nth` `weekday` (-1: the last)


class HolidayRule(StrEnum):
    KEEP = "keep"  # meet anyway
    SKIP = "skip"  # drop that occurrence; the next one in the rhythm is the meeting
    NEXT_WORKING_DAY = "next_working_day"  # same time on the next working day


@dataclass(frozen=True)
class Cadence:
    frequency: Frequency = Frequency.DAYS
    interval: int = 14
    weekday: int | None = None  # 0 = Monday; None: the anchor meeting's weekday
    nth: int | None = None  # monthly only: 1..4 or -1
    at: time | None = None  # local time; None: the anchor meeting's local time
    holidays: HolidayRule = HolidayRule.NEXT_WORKING_DAY

    def __post_init__(self) -> None:
        if not 1 <= self.interval <= 365:
            raise ValueError("interval must be 1..365")
        if self.weekday is not None and not 0 <= self.weekday <= 6:
            raise ValueError("weekday must be 0..6")
        if self.frequency is Frequency.MONTHLY and self.nth not in (1, 2, 3, 4, -1):
            raise ValueError("a monthly cadence needs nth in 1..4 or -1")


@dataclass(frozen=True)
class Timeline:
    """When a meeting's reminders go out, per group (the defaults follow the handbook)."""

    preparation_days: int = 3  # preparation request (with the data) N days before
    unprepared_working_days: int = 1  # reminder to those not prepared, working days before
    leader_status_hours: int = 2  # the leader's status (who prepared, open actions due)
    action_before_days: int = 2  # reminder to an action's owner before the due date
    overdue_days: int = 1  # overdue nudge to follow-up person and leader after the due date
    digest_weekday: int = 0  # weekly digest per leader: Monday ...
    digest_at: time = time(8, 0)  # ... at 08:00 local time
    remind_at: time = time(9, 0)  # local time of day for action reminders
    meeting_minutes: int = 90  # length of the calendar event


class Calendar(Protocol):
    """Calendar arithmetic the flows ask for; implemented outside flows."""

    def expand(self, cadence: Cadence, start: datetime, tz: str) -> Iterator[datetime]:
        """The rhythm anchored at `start` (its first occurrence), aware, in order.

        Weekday and time default to `start`'s local weekday and time."""
        ...

    def is_holiday(self, day: date) -> bool: ...


class PlainCalendar:
    """Every `interval` days/weeks on local wall-clock time, no public holidays.

    The stdlib fallback the flows use when the process gives no calendar (unit tests
    of the method). Monthly rules need the real calendar."""

    def expand(self, cadence: Cadence, start: datetime, tz: str) -> Iterator[datetime]:
        zone = ZoneInfo(tz)
        local = start.astimezone(zone).replace(tzinfo=None)
        if cadence.at is not None:
            local = datetime.combine(local.date(), cadence.at)
        if cadence.frequency is Frequency.MONTHLY or cadence.weekday is not None:
            raise NotImplementedError("weekday and monthly rules need the process calendar")
        step = timedelta(
            days=cadence.interval * (7 if cadence.frequency is Frequency.WEEKLY else 1)
        )
        while True:
            yield local.replace(tzinfo=zone)
            local += step

    def is_holiday(self, day: date) -> bool:
        return False


def is_working_day(calendar: Calendar, day: date) -> bool:
    return day.weekday() < 5 and not calendar.is_holiday(day)


def working_days_before(calendar: Calendar, day: date, count: int) -> date:
    """The working day `count` working days before `day` (`day` itself when count is 0)."""
    while count > 0:
        day -= timedelta(days=1)
        if is_working_day(calendar, day):
            count -= 1
    return day


def next_working_day(calendar: Calendar, day: date) -> date:
    while not is_working_day(calendar, day):
        day += timedelta(days=1)
    return day


def at_local(day: date, clock_time: time, tz: str) -> datetime:
    return datetime.combine(day, clock_time, tzinfo=ZoneInfo(tz))


def apply_holiday_rule(
    calendar: Calendar, rule: HolidayRule, candidate: datetime, tz: str
) -> datetime | None:
    """What a holiday does to one candidate: the meeting time, or None when it is skipped."""
    local = candidate.astimezone(ZoneInfo(tz))
    if rule is HolidayRule.KEEP or not calendar.is_holiday(local.date()):
        return candidate
    if rule is HolidayRule.SKIP:
        return None
    return at_local(next_working_day(calendar, local.date()), local.time(), tz)


#: Candidates looked at past `after` before giving up (a rule whose every candidate is a
#: skipped holiday would otherwise loop forever).
MAX_CANDIDATES = 400
#: A holiday moves a meeting by at most a few days; candidates this long before `after`
#: cannot become a later meeting and are passed over without asking about holidays.
_HOLIDAY_SLACK = timedelta(days=14)


def next_occurrence(
    calendar: Calendar, cadence: Cadence, start: datetime, tz: str, *, after: datetime
) -> datetime:
    """The first meeting time of the rhythm anchored at `start` that is later than `after`."""
    looked = 0
    for candidate in calendar.expand(cadence, start, tz):
        if candidate < after - _HOLIDAY_SLACK:
            continue
        looked += 1
        if looked > MAX_CANDIDATES:
            break
        moved = apply_holiday_rule(calendar, cadence.holidays, candidate, tz)
        if moved is not None and moved > after:
            return moved
    raise ValueError("no occurrence found for the cadence")


def nearest_occurrence(
    calendar: Calendar, cadence: Cadence, start: datetime, tz: str, at: datetime
) -> datetime:
    """The meeting time of the rhythm nearest to `at` (the earlier one on a tie), holidays
    applied: the occurrence a meeting at `at` stands for, also after it was moved a little."""
    before: datetime | None = None
    looked = 0
    for candidate in calendar.expand(cadence, start, tz):
        if candidate < at - _HOLIDAY_SLACK:
            before = candidate  # far enough back that a holiday cannot make it the nearest
            continue
        looked += 1
        if looked > MAX_CANDIDATES:
            break
        moved = apply_holiday_rule(calendar, cadence.holidays, candidate, tz)
        if moved is None:
            continue
        if moved <= at:
            before = moved
        elif before is None or moved - at < at - before:
            return moved
        else:
            return before
    if before is None:
        raise ValueError("no occurrence found for the cadence")
    return before


def occurrences(
    calendar: Calendar, cadence: Cadence, start: datetime, tz: str, count: int
) -> list[datetime]:
    """The first `count` meeting times of the rhythm, holidays applied (for a group's plan)."""
    found: list[datetime] = []
    after = start - timedelta(seconds=1)
    for _ in range(count):
        after = next_occurrence(calendar, cadence, start, tz, after=after)
        found.append(after)
    return found
