"""What the Slack and Teams planning tests share: days to plan on, and a group as a cancel
left it before issue 14 (its meeting cancelled, nothing planned after it)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.calendar_rules import HolidayCalendar
from flows.cadence import next_working_day
from flows.steps import Step
from storage.database import make_engine, session_factory
from storage.unit_of_work import SqlUnitOfWork

TZ = ZoneInfo("Europe/Copenhagen")


def working_day(days_ahead: int) -> date:
    """The first working day (no weekend, no Danish public holiday) this many days ahead,
    so that a meeting moved there stays there."""
    today = datetime.now(TZ).date()
    return next_working_day(HolidayCalendar(), today + timedelta(days=days_ahead))


def at(day: date, clock: str) -> datetime:
    hour, minute = clock.split(":")
    return datetime(day.year, day.month, day.day, int(hour), int(minute), tzinfo=TZ)


def cancelled_as_before_issue_14(tmp_path: Path, group_name: str, workspace: str) -> int:
    """The group's meeting cancelled the way a cancel left it before issue 14: no meeting
    planned after it (groups in databases from then are stuck like this). Its number."""
    engine = make_engine(f"sqlite:///{tmp_path / 'datadialog.db'}")
    try:
        uow = SqlUnitOfWork(session_factory(engine))
        with uow:
            group = uow.groups.by_name(group_name, workspace)
            assert group is not None
            meeting = uow.meetings.latest(group.id or 0)
            assert meeting is not None and meeting.step is Step.SCHEDULED
            meeting.step = Step.CANCELLED
            uow.meetings.save(meeting)
            uow.commit()
            return meeting.number
    finally:
        engine.dispose()
