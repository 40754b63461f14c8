"""A group's rhythm: where its meetings land, and how it reads in words.

Where: the next slot after a meeting, the slot after a skipped one, a first meeting left
open, and what the group's holiday rule does to a time someone asked for. Every default
follows the rhythm (its weekday and time of day) and never lands on a weekend or a
public holiday; a time a person typed stays theirs, with a note when it is on a weekend
and the holiday rule applied. The calendar arithmetic sits behind `flows.cadence.Calendar`.

In words: "every 14 days", "every other Monday", "the last Thursday of the month", for
the messages and lists that name it.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from flows.cadence import (
    Cadence,
    Calendar,
    Frequency,
    HolidayRule,
    at_local,
    nearest_occurrence,
    next_occurrence,
    next_working_day,
)
from flows.errors import InvalidInput
from flows.model import Group
from flows.outputs import Text, t

#: The time of day of a first meeting when the command gives none.
FIRST_MEETING_AT = time(9, 0)
#: A set-up that gives no time of day for a first meeting left open (Slack's and Teams'
#: forms without a date) keeps a week's notice; one that does gets the next working day.
SET_UP_NOTICE_DAYS = 7
MAX_WEEKS = 52


def group_cadence(group: Group) -> Cadence:
    """The group's rule; without one, every `cadence_days` days under the default holiday rule."""
    return group.cadence or Cadence(Frequency.DAYS, group.cadence_days)


def next_slot(group: Group, last: datetime, now: datetime, calendar: Calendar) -> datetime:
    """The rhythm's first slot after a meeting at `last` and after now, at its time of day."""
    start = group.cadence_start or last
    cadence = group_cadence(group)
    return next_occurrence(calendar, cadence, start, group.timezone, after=max(last, now))


def slot_after_skip(group: Group, at: datetime, now: datetime, calendar: Calendar) -> datetime:
    """Where a skipped meeting at `at` goes: the slot after the one it stands for.

    A meeting moved a day before its slot still stands for that slot, so skipping it does
    not land on the slot itself the next day."""
    start = group.cadence_start or at
    cadence = group_cadence(group)
    own = nearest_occurrence(calendar, cadence, start, group.timezone, at)
    return next_occurrence(calendar, cadence, start, group.timezone, after=max(own, at, now))


def first_meeting_default(
    group: Group, now: datetime, calendar: Calendar, at: time | None
) -> datetime:
    """A first meeting left open: the next working day at `at` (the setting), or a week
    ahead at 09:00 when `at` is None; then the rhythm's own weekday and time, if it has one."""
    notice = 1 if at is not None else SET_UP_NOTICE_DAYS
    cadence = group_cadence(group)
    day = now.astimezone(ZoneInfo(group.timezone)).date() + timedelta(days=notice)
    start = at_local(
        next_working_day(calendar, day), cadence.at or at or FIRST_MEETING_AT, group.timezone
    )
    if cadence.weekday is None:  # the first meeting sets the weekday
        return start
    return next_occurrence(
        calendar, cadence, start, group.timezone, after=start - timedelta(seconds=1)
    )


def asked_time(
    group: Group, at: datetime, now: datetime, calendar: Calendar, *, first: bool = False
) -> tuple[datetime, list[Text]]:
    """A time a person asked for, with the group's holiday rule applied: the meeting time
    and what to tell them. A time in the past is refused; so is a holiday the group skips,
    unless it is the `first` meeting, which anchors the rhythm and goes to its next slot."""
    if at <= now:
        raise InvalidInput("error.time_in_past", at=at)
    local = at.astimezone(ZoneInfo(group.timezone))
    day, cadence = local.date(), group_cadence(group)
    if not calendar.is_holiday(day):
        return at, [t("scheduling.weekend", day=day)] if day.weekday() >= 5 else []
    if cadence.holidays is HolidayRule.KEEP:
        return at, [t("scheduling.holiday_kept", day=day)]
    if cadence.holidays is HolidayRule.NEXT_WORKING_DAY:
        moved = at_local(next_working_day(calendar, day), local.time(), group.timezone)
        return moved, [t("scheduling.holiday_moved", day=day, at=moved)]
    if not first:
        raise InvalidInput("scheduling.error.holiday", day=day)
    nxt = next_occurrence(calendar, cadence, at, group.timezone, after=at)
    return nxt, [t("scheduling.holiday_skipped", day=day, at=nxt)]


def cadence_from(
    *,
    days: int | None = None,
    weeks: int | None = None,
    nth: int | None = None,
    holidays: HolidayRule = HolidayRule.NEXT_WORKING_DAY,
) -> Cadence:
    """The one rhythm a person chose: every `days` days (14 when nothing is chosen), every
    `weeks` weeks, or monthly on the `nth` weekday (-1: the last). Weekday and time of
    day come from the first meeting. Two choices at once are refused, never last-wins."""
    chosen = [
        t("rhythm.days", days=days) if days is not None else None,
        t("scheduling.rhythm.weeks", weeks=weeks) if weeks is not None else None,
        t("scheduling.rhythm.monthly") if nth is not None else None,
    ]
    named = [text for text in chosen if text is not None]
    if len(named) > 1:
        raise InvalidInput("scheduling.error.one_rhythm", first=named[0], second=named[1])
    if weeks is not None:
        if not 1 <= weeks <= MAX_WEEKS:
            raise InvalidInput("scheduling.error.weeks", value=weeks)
        return Cadence(Frequency.WEEKLY, weeks, holidays=holidays)
    if nth is not None:
        if nth not in (1, 2, 3, 4, -1):
            raise InvalidInput("scheduling.error.monthly", value=nth)
        return Cadence(Frequency.MONTHLY, 1, nth=nth, holidays=holidays)
    if days is not None and not 1 <= days <= 365:
        raise InvalidInput("error.cadence")
    return Cadence(Frequency.DAYS, 14 if days is None else days, holidays=holidays)


# In words ---------------------------------------------------------------------------------


def rhythm(group: Group, first: datetime | None = None) -> Text:
    """How often `group` meets; the weekday comes from its rule, else its first meeting."""
    cadence = group.cadence
    if cadence is None or cadence.frequency is Frequency.DAYS:
        return t("rhythm.days", days=cadence.interval if cadence else group.cadence_days)
    anchor = first or group.cadence_start
    weekday = cadence.weekday
    if weekday is None and anchor is not None:
        weekday = anchor.astimezone(ZoneInfo(group.timezone)).weekday()
    day = Text(f"weekday.{weekday if weekday is not None else 0}")
    if cadence.frequency is Frequency.WEEKLY:
        key = "rhythm.weekly" if cadence.interval == 1 else "rhythm.weeks"
        return t(key, weekday=day, interval=cadence.interval)
    if cadence.nth == -1:
        return t("rhythm.monthly_last", weekday=day)
    return t("rhythm.monthly", weekday=day, nth=Text(f"ordinal.{cadence.nth}"))


def group_line(group: Group) -> Text:
    """One line about a group for lists: name, level, size, rhythm (and if it is archived)."""
    line = t(
        "console.group_line",
        name=group.name,
        level=group.level,
        count=len(group.participants),
        rhythm=rhythm(group),
    )
    return t("group.archived_line", line=line) if group.archived_at is not None else line
