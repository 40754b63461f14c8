"""A group's rhythm in words ("every 14 days", "every other Monday", "the last Thursday of
the month"), for the messages and lists that name it."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from flows.cadence import Frequency
from flows.model import Group
from flows.outputs import Text, t


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
    """One line about a group for lists: name, level, size, rhythm."""
    return t(
        "console.group_line",
        name=group.name,
        level=group.level,
        count=len(group.participants),
        rhythm=rhythm(group),
    )
