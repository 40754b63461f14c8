"""The reminder job never overlaps itself, and says so once per overrun, not per trigger.

Measured before (issue #12): one hung DM kept a tick running for 66 s, and APScheduler
logged "maximum number of running instances reached" 64 times. Now a trigger while a
tick runs is skipped by the job itself: one warning when the overrun is first noticed,
one line when the long tick ends (how long, how many triggers skipped).
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter

import pytest

from bot.scheduler import NonOverlapping, start_scheduler, stop_scheduler
from config.settings import SettingsError, load_settings


class SlowWorker:
    """A worker whose first tick lasts until released; later ticks are instant."""

    def __init__(self, first: float | None = None) -> None:
        self.ticks = 0
        self.first = first  # seconds the first tick takes; None: until released
        self.release = asyncio.Event()

    async def tick(self) -> Counter[str]:
        self.ticks += 1
        if self.ticks == 1:
            if self.first is None:
                await self.release.wait()
            else:
                await asyncio.sleep(self.first)
        return Counter()


def warnings_of(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


def test_triggers_during_a_running_tick_are_skipped_with_one_warning(caplog) -> None:
    async def run() -> SlowWorker:
        worker = SlowWorker()
        job = NonOverlapping(worker)  # type: ignore[arg-type]
        first = asyncio.create_task(job.run())
        await asyncio.sleep(0)  # the first tick is running
        for _ in range(64):
            await job.run()  # each returns at once: skipped
        worker.release.set()
        await first
        await job.run()  # the next trigger ticks again, silently
        return worker

    caplog.set_level(logging.INFO)
    worker = asyncio.run(run())
    assert worker.ticks == 2
    said = warnings_of(caplog)
    assert len(said) == 2, said
    assert said[0].startswith("reminder tick still running after")
    assert said[1].startswith("reminder tick took") and said[1].endswith("64 ticks skipped")


def test_the_scheduled_job_logs_no_warning_per_skipped_trigger(caplog) -> None:
    """APScheduler itself, triggering every 50 ms while the first tick takes 1 s."""

    async def run() -> SlowWorker:
        worker = SlowWorker(first=1.0)
        scheduler = start_scheduler(worker, 0.05)  # type: ignore[arg-type]
        try:
            await asyncio.sleep(1.6)
        finally:
            await stop_scheduler(scheduler, 5.0)  # as the process stops: nothing cancelled
        return worker

    caplog.set_level(logging.INFO)
    worker = asyncio.run(run())
    said = warnings_of(caplog)
    assert not [s for s in said if "maximum number of running instances" in s], said
    assert len(said) == 2, said
    assert worker.ticks >= 3  # after the long one, it ticks on


def test_stopping_lets_the_tick_under_way_finish_and_cancels_nothing(caplog) -> None:
    """Shutting APScheduler down first cancelled the tick under way (and every trigger
    still pending), each logged as "Error running job" with a traceback."""

    class Counting(SlowWorker):
        finished = 0

        async def tick(self) -> Counter[str]:
            done = await super().tick()
            self.finished += 1
            return done

    async def run() -> Counting:
        worker = Counting(first=0.5)
        scheduler = start_scheduler(worker, 0.05)  # type: ignore[arg-type]
        while not worker.ticks:
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.2)  # the first tick is under way, triggers keep firing
        await stop_scheduler(scheduler, 5.0)
        return worker

    caplog.set_level(logging.INFO)
    worker = asyncio.run(run())
    assert worker.finished == worker.ticks == 1  # finished, and nothing started after
    assert not [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


def test_the_outbound_timeout_is_a_setting_of_ten_seconds_by_default(monkeypatch) -> None:
    monkeypatch.delenv("DATADIALOG_OUTBOUND_TIMEOUT_SECONDS", raising=False)
    assert load_settings().outbound_timeout_seconds == 10.0
    monkeypatch.setenv("DATADIALOG_OUTBOUND_TIMEOUT_SECONDS", "2.5")
    assert load_settings().outbound_timeout_seconds == 2.5
    monkeypatch.setenv("DATADIALOG_OUTBOUND_TIMEOUT_SECONDS", "0")
    with pytest.raises(SettingsError, match="DATADIALOG_OUTBOUND_TIMEOUT_SECONDS"):
        load_settings()
