"""The retention job (issue 15): once a day, on every bot process's scheduler, a pass of
`storage.retention` deletes what is past each group's periods (its own, or the
DATADIALOG_*_RETENTION_DAYS defaults), by the runtime's clock, in a worker thread.

A failed pass is logged and the job goes on: the next day's pass deletes what this one
left. Several processes running it at once delete each row once.
"""

from __future__ import annotations

import asyncio
import logging
from functools import partial
from typing import Any

from bot.daily_jobs import schedule_daily
from bot.main import Runtime
from config.governance import GovernanceSettings
from storage.retention import RetentionReport, run_retention
from storage.retention_periods import Periods

log = logging.getLogger(__name__)

RETENTION_JOB = "retention"
#: The first pass runs this long after start, when the process's start-up has settled
#: (the audit log's purge runs after a second; the two need not meet).
FIRST_RUN_SECONDS = 60.0


def default_periods(settings: GovernanceSettings) -> Periods:
    """The installation's periods, for every group that has none of its own."""
    return Periods(
        meetings=settings.meeting_retention_days,
        measurements=settings.measurement_retention_days,
        charts=settings.chart_retention_days,
        reminders=settings.reminder_retention_days,
    )


def schedule_retention(
    scheduler: Any, runtime: Runtime, first_in: float = FIRST_RUN_SECONDS
) -> None:
    """Add the daily pass to the reminder job's scheduler, the first `first_in` seconds
    from now."""
    schedule_daily(scheduler, RETENTION_JOB, partial(retention_pass, runtime), first_in)


def run_once(runtime: Runtime, **who: str) -> RetentionReport:
    """One pass now, by the runtime's clock (`who`: the audit row's actor and platform)."""
    settings = runtime.settings
    return run_retention(
        runtime.engine,
        runtime.clock.now(),
        default_periods(settings),
        settings.retention_batch,
        **who,
    )


async def retention_pass(runtime: Runtime) -> RetentionReport | None:
    """One pass in a worker thread; None when it failed (logged, tried again tomorrow)."""
    try:
        report = await asyncio.to_thread(run_once, runtime)
    except Exception:  # a failed pass must not stop the job
        log.exception("the retention pass failed")
        return None
    log.info("retention pass: %s", report.totals())
    return report
