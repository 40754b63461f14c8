"""The overseers' monthly digests planned (management and quality team, issue 17): soon
after start and then once a day, on the reminder job's scheduler, each overseer's missing
digest rows are added (`flows.oversight_plan.plan_digests`, by the runtime's clock, at
DATADIALOG_OVERSIGHT_DIGEST_HOUR). The reminder job sends them like every reminder.

A failed pass is logged and the job goes on (tomorrow's pass plans what this one did not).
Several processes planning at once may add a row twice; the digest still goes out once
(`flows.oversight_messages`).
"""

from __future__ import annotations

import asyncio
import logging
from functools import partial
from typing import Any

from bot.daily_jobs import schedule_daily
from bot.main import Runtime
from flows.oversight_plan import plan_digests

log = logging.getLogger(__name__)

OVERSIGHT_JOB = "oversight"
#: The first pass runs this long after start.
FIRST_RUN_SECONDS = 30.0


def plan_once(runtime: Runtime) -> int:
    """Plan the missing digest rows now, in one unit of work; how many were added."""
    with runtime.uow_factory() as uow:
        added = plan_digests(uow, runtime.clock.now(), runtime.settings.oversight_digest_hour)
        uow.commit()
    return added


async def oversight_pass(runtime: Runtime) -> int | None:
    """One pass in a worker thread; None when it failed (logged, tried again tomorrow)."""
    try:
        return await asyncio.to_thread(plan_once, runtime)
    except Exception:  # a failed pass must not stop the job
        log.exception("planning the monthly digests failed")
        return None


def schedule_oversight(
    scheduler: Any, runtime: Runtime, first_in: float = FIRST_RUN_SECONDS
) -> None:
    """Add the daily planning to the reminder job's scheduler."""
    schedule_daily(scheduler, OVERSIGHT_JOB, partial(oversight_pass, runtime), first_in)
