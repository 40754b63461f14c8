"""The process's calendar: dateutil's rrule for rhythms, the `holidays` package for holidays.

Implements `flows.cadence.Calendar`. Rules are expanded on naive local wall-clock
time and then placed in the group's zone, so a 09:00 meeting stays at 09:00 local
time on both sides of a daylight saving change.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from dateutil.rrule import DAILY, MONTHLY, WEEKLY, rrule, weekday

from flows.cadence import Cadence, Frequency

_FREQ = {Frequency.DAYS: DAILY, Frequency.WEEKLY: WEEKLY, Frequency.MONTHLY: MONTHLY}


@lru_cache(maxsize=64)
def _holidays(country: str, year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays(country, years=year).keys())


class HolidayCalendar:
    """Rhythms via rrule; public holidays of one country (Denmark by default)."""

    def __init__(self, country: str = "DK") -> None:
        self.country = country

    def expand(self, cadence: Cadence, start: datetime, tz: str) -> Iterator[datetime]:
        zone = ZoneInfo(tz)
        local = start.astimezone(zone).replace(tzinfo=None)
        if cadence.at is not None:
            local = datetime.combine(local.date(), cadence.at)
        day = cadence.weekday if cadence.weekday is not None else local.weekday()
        by: dict[str, object] = {}
        if cadence.frequency is Frequency.WEEKLY:
            by["byweekday"] = day
        elif cadence.frequency is Frequency.MONTHLY:
            by["byweekday"] = weekday(day)(cadence.nth)
        rule = rrule(_FREQ[cadence.frequency], interval=cadence.interval, dtstart=local, **by)
        for occurrence in rule:
            yield occurrence.replace(tzinfo=zone)

    def is_holiday(self, day: date) -> bool:
        return day in _holidays(self.country, day.year)
