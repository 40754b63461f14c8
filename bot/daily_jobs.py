"""Daily upkeep on the reminder job's scheduler (issue 15): the audit log's purge, the
retention pass and the deletion of groups past their uninstall grace period each run soon
after start and then once a day, on every bot process (several doing so at once delete
each row once). Each job is a coroutine that logs its own failure and never raises."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any


def schedule_daily(
    scheduler: Any, job_id: str, job: Callable[[], Awaitable[object]], first_in: float
) -> None:
    """Add `job` to `scheduler` (APScheduler's): first `first_in` seconds from now, then
    daily; a run missed while the process was busy is run once, not once per day missed."""
    from apscheduler.triggers.interval import IntervalTrigger

    scheduler.add_job(
        job,
        IntervalTrigger(days=1),
        id=job_id,
        coalesce=True,
        next_run_time=datetime.now(UTC) + timedelta(seconds=first_in),
    )
