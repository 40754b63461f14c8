"""A group's rhythm and reminder timeline, stored beside the group (`group_schedules`)."""

from __future__ import annotations

from datetime import time
from typing import Any

from flows.cadence import Cadence, Frequency, HolidayRule, Timeline
from flows.model import Group
from storage.reminder_tables import GroupScheduleRow

# Group schedules -------------------------------------------------------------------


def _timeline_json(timeline: Timeline) -> dict[str, Any]:
    return {
        name: (value.strftime("%H:%M") if isinstance(value, time) else value)
        for name, value in vars(timeline).items()
    }


def _timeline_from(data: dict[str, Any]) -> Timeline:
    fields: dict[str, Any] = {  # values from JSON
        name: (time.fromisoformat(data[name]) if isinstance(default, time) else data[name])
        for name, default in vars(Timeline()).items()
        if name in data
    }
    return Timeline(**fields)


def schedule_values(group: Group) -> dict[str, Any]:
    """The schedule row's columns (not its group id) for `group`."""
    c = group.cadence
    return {
        "frequency": c.frequency.value if c else None,
        "interval": c.interval if c else None,
        "weekday": c.weekday if c else None,
        "nth": c.nth if c else None,
        "at_time": c.at.strftime("%H:%M") if c and c.at else None,
        "holidays": c.holidays.value if c else None,
        "start_at": group.cadence_start,
        "timeline": _timeline_json(group.timeline),
    }


def schedule_row(group: Group) -> GroupScheduleRow:
    return GroupScheduleRow(**schedule_values(group))


def schedule_fields(row: GroupScheduleRow | None) -> dict[str, Any]:
    """Group fields from its schedule row (defaults when the group has none)."""
    if row is None:
        return {}
    cadence = None
    if row.frequency is not None:
        cadence = Cadence(
            Frequency(row.frequency),
            row.interval or 1,
            row.weekday,
            row.nth,
            time.fromisoformat(row.at_time) if row.at_time else None,
            HolidayRule(row.holidays or HolidayRule.KEEP),
        )
    return {
        "cadence": cadence,
        "cadence_start": row.start_at,
        "timeline": _timeline_from(row.timeline or {}),
    }
