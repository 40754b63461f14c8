"""The retention job on the scheduler (issue 15), on SQLite and PostgreSQL: a pass deletes
what is past the settings' periods by the runtime's clock and records it as the system;
the job is scheduled daily by `start_background` and runs; a failed pass is logged and the
job goes on."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from bot.background import start_background
from bot.main import Runtime, start_runtime
from bot.retention_job import RETENTION_JOB, retention_pass, schedule_retention
from config.settings import Settings
from flows.audit import SYSTEM, AuditAction
from flows.commands import SYSTEM_ACTOR
from flows.model import Group, Level, Member, Role
from flows.reminder_plan import Reminder, ReminderKind, ReminderStatus
from storage.chart_images import ChartImageRow, save_chart
from storage.reminder_tables import ReminderRow
from tests.fakes import FixedClock
from tests.integration.conftest import Database

pytestmark = pytest.mark.storage


def _runtime(db: Database, clock: object) -> Runtime:
    settings = Settings(database_url=db.url, reminder_retention_days=30, chart_retention_days=7)  # type: ignore[call-arg]
    return start_runtime(settings, clock)  # type: ignore[arg-type]


def _seed(runtime: Runtime, clock: FixedClock) -> int:
    """A group with sent reminders 31 and 29 days old, and charts 8 and 6 days old."""
    now = clock.now()
    group = Group("Team Nord", Level.CITIZEN, [Member("lea", "Lea", Role.LEADER)])
    with runtime.uow_factory() as uow:
        uow.groups.add(group)
        for days in (31, 29):
            at = now - timedelta(days=days)
            uow.reminders.add(Reminder(ReminderKind.NOTE, "lea", at, group.id or 0, "test",
                                       status=ReminderStatus.SENT, sent_at=at))  # fmt: skip
        uow.commit()
    for days in (8, 6):
        save_chart(runtime.engine, f"chart-{days}", b"png", now - timedelta(days=days))
    return group.id or 0


def _left(runtime: Runtime) -> tuple[int, int]:
    with runtime.engine.connect() as conn:
        reminders = conn.scalar(select(func.count()).select_from(ReminderRow))
        charts = conn.scalar(select(func.count()).select_from(ChartImageRow))
    return int(reminders or 0), int(charts or 0)


def test_a_pass_deletes_by_the_settings_and_the_runtimes_clock(db: Database) -> None:
    clock = FixedClock()
    runtime = _runtime(db, clock)
    try:
        gid = _seed(runtime, clock)
        report = asyncio.run(retention_pass(runtime))
        assert report is not None
        assert report.deleted == {(gid, "reminders"): 1, (None, "charts"): 1}
        assert _left(runtime) == (1, 1)
        with runtime.uow_factory() as uow:
            rows = [(e.actor, e.platform, e.group_id, e.action, e.reference)
                    for e in uow.audit.list()]  # fmt: skip
        deleted = (SYSTEM_ACTOR, SYSTEM)
        action = AuditAction.RETENTION_DELETED
        assert rows == [(*deleted, gid, action, "kind:reminders rows:1"),
                        (*deleted, None, action, "kind:charts rows:1")]  # fmt: skip
        clock.advance(days=2)  # the others are past their periods now
        again = asyncio.run(retention_pass(runtime))
        assert again is not None and again.totals()["reminders"] == 1
        assert _left(runtime) == (0, 0)
    finally:
        runtime.close()


class BrokenClock:
    """A clock that fails, as a database or a thread might: the pass fails."""

    def now(self) -> datetime:
        raise RuntimeError("no time")


def test_a_failed_pass_is_logged_and_returns_nothing(
    db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    runtime = _runtime(db, BrokenClock())
    try:
        with caplog.at_level(logging.ERROR, logger="bot.retention_job"):
            assert asyncio.run(retention_pass(runtime)) is None
        assert "the retention pass failed" in caplog.text
    finally:
        runtime.close()


def test_the_job_is_scheduled_daily_by_start_background_and_runs(db: Database) -> None:
    from apscheduler.schedulers.asyncio import AsyncIOScheduler

    clock = FixedClock()
    runtime = _runtime(db, clock)
    _seed(runtime, clock)

    async def started() -> timedelta:
        jobs = start_background(runtime, runtime.transports(), ticker=False)
        try:
            return jobs.scheduler.get_job(RETENTION_JOB).trigger.interval  # type: ignore[no-any-return]
        finally:
            await jobs.stop()

    async def run() -> tuple[int, int]:
        scheduler = AsyncIOScheduler()
        schedule_retention(scheduler, runtime, first_in=0.1)
        scheduler.start()
        try:
            for _ in range(100):  # the first pass, soon after start
                if await asyncio.to_thread(_left, runtime) == (1, 1):
                    break
                await asyncio.sleep(0.05)
            return await asyncio.to_thread(_left, runtime)
        finally:
            scheduler.shutdown(wait=False)

    try:
        assert asyncio.run(started()) == timedelta(days=1)
        assert asyncio.run(run()) == (1, 1)
    finally:
        runtime.close()
