"""The reminder job every bot process runs: tick, take due rows, deliver, mark sent.

An APScheduler (3.x) interval job on the process's event loop calls
`ReminderWorker.tick`. A tick first expires rows that no longer make sense (after
downtime), then takes due rows in small batches (`storage.reminder_queue.ReminderQueue`:
row locks with SKIP LOCKED on PostgreSQL, a lease on SQLite), turns each into flow
outputs with `flows.planning.compose_due` (from the state now: who has prepared,
whether the action is done, whether the meeting moved) and hands them to the
transport's `deliver`, the same path every other output takes (in the bot: the
transport of the reminder's group's platform, `bot.transports`). Only then is the row
marked sent. A process killed mid-batch can only cause the rows of its open batches
that were already delivered to go out again; nothing is lost. A failed delivery
(`DeliveryFailed`, `NoTransport`: no transport for that platform in this process, or any
other error) backs off and gives up after `flows.reminder_plan.MAX_ATTEMPTS`, with the
error recorded; an `Undeliverable` one (the platform refused for good) fails at once.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from bot.dispatch import Deliver
from bot.transports import NoTransport, Undeliverable
from flows.planning import compose_due
from flows.ports import Clock, UnitOfWork
from flows.reminder_plan import Reminder, ReminderStatus
from storage.reminder_queue import Batch, ReminderQueue

log = logging.getLogger(__name__)

DEFAULT_BATCH = 20
DEFAULT_LEASE = timedelta(minutes=2)
DEFAULT_MAX_IN_FLIGHT = 50


def worker_name() -> str:
    return f"{socket.gethostname()[:40]}:{os.getpid()}"


@dataclass
class ReminderWorker:
    queue: ReminderQueue
    uow_factory: Callable[[], UnitOfWork]
    clock: Clock
    deliver: Deliver
    batch: int = DEFAULT_BATCH
    #: Reminders being sent at once. Also the bound on repeats after a SIGKILL: only rows
    #: delivered but not yet marked sent can go out again.
    max_in_flight: int = DEFAULT_MAX_IN_FLIGHT
    #: Called after a reminder's outputs were delivered, before it is marked sent (tests).
    delivered: Callable[[Reminder], None] | None = None
    #: The delivery for one reminder's outputs (its group's platform); else `deliver`.
    deliver_for: Callable[[Reminder], Deliver] | None = None
    totals: Counter[str] = field(default_factory=Counter)

    async def tick(self, *, max_batches: int | None = None) -> Counter[str]:
        """Send everything due now; returns counts by outcome for this tick.

        Outcomes are reminder statuses ("sent", "pending": failed, tried again later,
        "failed", ...), except that a row left pending because this process has no
        transport for its platform counts as "unserved:KIND" ("slack", "teams", ...).

        Batches of `batch` rows are taken and sent side by side, up to `max_in_flight`
        reminders at once; within a batch each reminder is its own task, so a paced
        channel delays only its own message."""
        counts: Counter[str] = Counter()
        counts["expired"] += await asyncio.to_thread(self.queue.expire_stale, self.clock.now())
        parallel = max(1, self.max_in_flight // self.batch)
        running: set[asyncio.Task[None]] = set()
        taken = 0
        try:
            while max_batches is None or taken < max_batches:
                if len(running) >= parallel:
                    await asyncio.wait(running, return_when=asyncio.FIRST_COMPLETED)
                    continue
                batch = await asyncio.to_thread(self.queue.take, self.clock.now(), self.batch)
                if not batch.reminders:
                    break
                taken += 1
                task = asyncio.create_task(self._send_batch(batch, counts))
                running.add(task)
                task.add_done_callback(running.discard)
            if running:
                await asyncio.wait(running)
        finally:
            for task in running:
                task.cancel()
        self.totals.update(counts)
        return counts

    async def _send_batch(self, batch: Batch, counts: Counter[str]) -> None:
        try:
            outcomes = await asyncio.gather(*(self._one(batch, r) for r in batch.reminders))
        except BaseException:
            await asyncio.to_thread(batch.abandon)
            raise
        await asyncio.to_thread(batch.finish)
        counts.update(outcomes)

    async def _one(self, batch: Batch, reminder: Reminder) -> str:
        now = self.clock.now()
        try:
            composed = await asyncio.to_thread(compose_due, self.uow_factory(), reminder, now)
        except Exception as exc:  # a broken row must not stop the others
            log.exception("reminder %s could not be composed", reminder.id)
            return (await self._failed(batch, reminder, exc)).value
        if composed.instead is not None:
            await asyncio.to_thread(batch.closed, reminder, composed.instead, composed.reason)
            return composed.instead.value
        deliver = self.deliver if self.deliver_for is None else self.deliver_for(reminder)
        try:
            for output in composed.outputs:
                await deliver(output)
        except Undeliverable as exc:
            return (await self._undeliverable(batch, reminder, exc)).value
        except NoTransport as exc:
            status = await self._failed(batch, reminder, exc)
            return f"unserved:{exc.kind}" if status is ReminderStatus.PENDING else status.value
        except Exception as exc:
            return (await self._failed(batch, reminder, exc)).value
        if self.delivered is not None:
            self.delivered(reminder)
        await asyncio.to_thread(batch.sent, reminder, self.clock.now())
        return ReminderStatus.SENT.value

    async def _undeliverable(
        self, batch: Batch, reminder: Reminder, exc: Undeliverable
    ) -> ReminderStatus:
        """The platform refused for good: no retry (the transport told the leader)."""
        error = f"{type(exc).__name__}: {exc}"
        await asyncio.to_thread(batch.closed, reminder, ReminderStatus.FAILED, error)
        log.error("reminder %s (%s) cannot be delivered: %s", reminder.id, reminder.kind, exc)
        return ReminderStatus.FAILED

    async def _failed(self, batch: Batch, reminder: Reminder, exc: BaseException) -> ReminderStatus:
        error = f"{type(exc).__name__}: {exc}"
        status = await asyncio.to_thread(batch.failed, reminder, self.clock.now(), error)
        if status is ReminderStatus.FAILED:
            log.error(
                "reminder %s (%s to %s) gave up after %s attempts: %s",
                reminder.id,
                reminder.kind,
                reminder.recipient,
                reminder.attempts,
                exc,
            )
        else:
            log.warning(
                "reminder %s failed (attempt %s), will retry: %s",
                reminder.id,
                reminder.attempts,
                exc,
            )
        return ReminderStatus.FAILED if status is ReminderStatus.FAILED else ReminderStatus.PENDING


def start_scheduler(worker: ReminderWorker, interval_seconds: float):  # type: ignore[no-untyped-def]
    """An APScheduler job on the running event loop that ticks the worker; returns the
    scheduler (call `shutdown(wait=False)` when the process stops)."""
    from apscheduler.schedulers.asyncio import AsyncIOScheduler
    from apscheduler.triggers.interval import IntervalTrigger

    async def tick() -> None:
        try:
            await worker.tick()
        except Exception:  # a bad tick must not stop the job
            log.exception("reminder tick failed")

    scheduler = AsyncIOScheduler()
    scheduler.add_job(
        tick,
        IntervalTrigger(seconds=interval_seconds),
        id="reminders",
        max_instances=1,
        coalesce=True,
        next_run_time=None,
    )
    scheduler.start()
    scheduler.modify_job("reminders", next_run_time=_soon())
    return scheduler


def _soon():  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    return datetime.now(UTC) + timedelta(seconds=0.2)
