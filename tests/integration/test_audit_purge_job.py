"""The audit log's purge job on the scheduler (issue 15), on SQLite and PostgreSQL: soon
after start and then daily, rows older than DATADIALOG_AUDIT_RETENTION_DAYS by the
runtime's clock are deleted, and no others."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from bot.background import AUDIT_PURGE_JOB, purge_audit, schedule_audit_purge
from bot.main import Runtime, start_runtime
from config.settings import Settings
from flows.audit import AuditAction, AuditEntry
from tests.fakes import FixedClock
from tests.integration.conftest import Database

pytestmark = pytest.mark.storage


def _runtime(db: Database, clock: FixedClock, days: int) -> Runtime:
    return start_runtime(Settings(database_url=db.url, audit_retention_days=days), clock)  # type: ignore[call-arg]


def _ages(runtime: Runtime, clock: FixedClock) -> list[int]:
    with runtime.uow_factory() as uow:
        return [(clock.now() - e.at).days for e in uow.audit.list()]


def _seed(runtime: Runtime, clock: FixedClock, *days_ago: int) -> None:
    with runtime.uow_factory() as uow:
        for days in days_ago:
            at = clock.now() - timedelta(days=days)
            uow.audit.add(AuditEntry(at, "lea", "console", 1, AuditAction.PAPER_READ))
        uow.commit()


def test_the_purge_deletes_what_is_past_the_setting_by_the_runtimes_clock(db: Database) -> None:
    clock = FixedClock()
    runtime = _runtime(db, clock, 30)
    try:
        _seed(runtime, clock, 400, 31, 30, 29, 0)
        assert asyncio.run(purge_audit(runtime)) == 2
        assert _ages(runtime, clock) == [30, 29, 0]
        clock.advance(seconds=1)  # the one of exactly 30 days is now past them
        assert asyncio.run(purge_audit(runtime)) == 1
        assert _ages(runtime, clock) == [29, 0]
    finally:
        runtime.close()


def test_the_job_is_on_the_scheduler_daily_and_runs_soon_after_start(db: Database) -> None:
    from apscheduler.schedulers.asyncio import AsyncIOScheduler

    clock = FixedClock()
    runtime = _runtime(db, clock, 183)
    _seed(runtime, clock, 200, 100)

    async def run() -> list[int]:
        scheduler = AsyncIOScheduler()
        schedule_audit_purge(scheduler, runtime)
        scheduler.start()
        try:
            job = scheduler.get_job(AUDIT_PURGE_JOB)
            assert job.trigger.interval == timedelta(days=1)
            for _ in range(100):  # the first pass, about a second after start
                if await asyncio.to_thread(_ages, runtime, clock) == [100]:
                    break
                await asyncio.sleep(0.05)
            return await asyncio.to_thread(_ages, runtime, clock)
        finally:
            scheduler.shutdown(wait=False)

    try:
        assert asyncio.run(run()) == [100]
    finally:
        runtime.close()
