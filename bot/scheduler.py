"""The reminder job every bot process runs: tick, take due rows, deliver, mark sent.

An APScheduler (3.x) interval job on the process's event loop calls
`ReminderWorker.tick` (`NonOverlapping`: a tick still running when the next is due
makes the job skip, with one warning per overrun rather than one per skipped tick).
A tick first expires rows that no longer make sense (after downtime), then leases due
rows in small batches (`storage.reminder_queue.ReminderQueue`: the claim commits before
anything is sent, so no transaction stays open across the network), turns each into
flow outputs with `flows.planning.compose_due` (from the state now: who has prepared,
whether the action is done, whether the meeting moved) and hands them to the
transport's `deliver`, the same path every other output takes (in the bot: the
transport of the reminder's group's platform, `bot.transports`). Only then is the row
marked sent, in its own short transaction.

Reminders go out side by side, each its own task, up to `max_in_flight` at once; a new
batch is leased as soon as there is room for half a batch, so a slow recipient holds
one slot, not its batch. Each output must be accepted within `send_timeout` seconds
(DATADIALOG_OUTBOUND_TIMEOUT_SECONDS; the transports bound each HTTP call by the same):
a hung recipient costs the others nothing but its slot, for at most that long.

A process killed mid-tick can only cause the rows it had delivered but not yet marked
sent (at most `max_in_flight`) to go out again; the rest come back when their lease
ends; nothing is lost. A failed delivery (`DeliveryFailed`, a timeout, `NoTransport`:
no transport for that platform in this process, or any other error) backs off and
gives up after `flows.reminder_plan.MAX_ATTEMPTS`, with the error recorded; an
`Undeliverable` one (the platform refused for good) fails at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from bot.dispatch import Deliver
from bot.transports import DeliveryFailed, NoTransport, Undeliverable
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
    #: Seconds one output may take to be accepted; then the attempt fails (retried later).
    send_timeout: float | None = None
    totals: Counter[str] = field(default_factory=Counter)

    async def tick(self, *, max_batches: int | None = None) -> Counter[str]:
        """Send everything due now; returns counts by outcome for this tick.

        Outcomes are reminder statuses ("sent", "pending": failed, tried again later,
        "failed", ...), except that a row left pending because this process has no
        transport for its platform counts as "unserved:KIND" ("slack", "teams", ...).

        Up to `max_in_flight` reminders are sent at once, each its own task; a batch of
        at most `batch` rows is leased whenever half a batch fits, so a slow channel or
        a hung recipient delays only its own message."""
        counts: Counter[str] = Counter()
        counts["expired"] += await asyncio.to_thread(self.queue.expire_stale, self.clock.now())
        sending: set[asyncio.Task[None]] = set()
        batches: list[Batch] = []
        refill = max(1, min(self.batch, self.max_in_flight) // 2)
        try:
            while max_batches is None or len(batches) < max_batches:
                room = self.max_in_flight - len(sending)
                if room < refill:
                    await asyncio.wait(sending, return_when=asyncio.FIRST_COMPLETED)
                    continue
                limit = min(self.batch, room)
                batch = await asyncio.to_thread(self.queue.take, self.clock.now(), limit)
                if not batch.reminders:
                    break
                batches.append(batch)
                for reminder in batch.reminders:
                    task = asyncio.create_task(self._counted(batch, reminder, counts))
                    sending.add(task)
                    task.add_done_callback(sending.discard)
            if sending:
                await asyncio.wait(sending)
        except BaseException:  # stopping (cancelled): give back what was not sent
            for task in sending:
                task.cancel()
            await asyncio.gather(*sending, return_exceptions=True)
            for batch in batches:
                with contextlib.suppress(Exception):  # else their leases run out
                    await asyncio.to_thread(batch.abandon)
            raise
        self.totals.update(counts)
        return counts

    async def _counted(self, batch: Batch, reminder: Reminder, counts: Counter[str]) -> None:
        try:
            outcome = await self._one(batch, reminder)
        except Exception:  # the database refused the outcome: the lease brings the row back
            log.exception("reminder %s: its outcome could not be recorded", reminder.id)
            outcome = "unrecorded"
        counts[outcome] += 1

    async def _within(self, sending: Awaitable[None]) -> None:
        """One output's delivery, given up after `send_timeout` seconds."""
        if self.send_timeout is None:
            await sending
            return
        try:
            await asyncio.wait_for(sending, self.send_timeout)
        except TimeoutError as exc:
            raise DeliveryFailed(f"no answer within {self.send_timeout:g} s") from exc

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
                await self._within(deliver(output))
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


class NonOverlapping:
    """The scheduled job: one tick at a time. A trigger while the last tick still runs
    is skipped; the first skip of an overrun logs one warning, its end one line more."""

    def __init__(self, worker: ReminderWorker) -> None:
        self.worker = worker
        self.started: float | None = None  # monotonic start of the running tick
        self.skipped = 0  # triggers skipped during the running tick
        self.running: asyncio.Task[object] | None = None  # the tick under way, if any
        self.stopping = False  # set by `finish`: no tick starts any more

    async def finish(self, timeout: float) -> None:
        """Let the tick under way send and record what it has taken (the process is
        stopping); after `timeout` it is cancelled and gives back what it did not record."""
        self.stopping = True
        task = self.running
        if task is None or task.done():
            return
        _, late = await asyncio.wait({task}, timeout=timeout)
        for unfinished in late:
            unfinished.cancel()
            with contextlib.suppress(BaseException):
                await unfinished

    async def run(self) -> None:
        if self.stopping:  # a trigger that fired while the process stops
            return
        if self.started is not None:
            self.skipped += 1
            if self.skipped == 1:
                running = time.monotonic() - self.started
                log.warning("reminder tick still running after %.0f s: skipping", running)
            return
        self.started, self.skipped = time.monotonic(), 0
        self.running = asyncio.current_task()
        try:
            await self.worker.tick()
        except asyncio.CancelledError:
            # The process is stopping (the loop cancels what is left): what the tick took
            # and did not record goes back to the queue when its claim runs out. Not an
            # error, so no traceback in the log.
            log.info("reminder tick cancelled: the process is stopping")
        except Exception:  # a bad tick must not stop the job
            log.exception("reminder tick failed")
        finally:
            took, self.started, self.running = time.monotonic() - self.started, None, None
            if self.skipped:
                log.warning("reminder tick took %.0f s; %d ticks skipped", took, self.skipped)


async def stop_scheduler(scheduler: Any, finish_seconds: float) -> None:
    """Stop the reminder job without APScheduler cancelling anything it started (it would
    log each cancelled job as an error, with a traceback): no new triggers; the tick under
    way finishes (at most `finish_seconds`); triggers that already fired return at once (a
    stopping job does nothing); then the scheduler shuts down with nothing pending."""
    scheduler.pause()
    job = getattr(scheduler, "datadialog_job", None)
    if job is not None:
        await job.finish(finish_seconds)
    fired = [t for t in asyncio.all_tasks() if _is_fired_job(t)]
    if fired:
        await asyncio.wait(fired, timeout=1.0)
    scheduler.shutdown(wait=False)


def _is_fired_job(task: asyncio.Task[Any]) -> bool:
    """A task APScheduler's asyncio executor made for a triggered coroutine job."""
    return getattr(task.get_coro(), "__qualname__", "") == "run_coroutine_job"


def start_scheduler(worker: ReminderWorker, interval_seconds: float):  # type: ignore[no-untyped-def]
    """An APScheduler job on the running event loop that ticks the worker; returns the
    scheduler (`stop_scheduler` when the process stops)."""
    from apscheduler.schedulers.asyncio import AsyncIOScheduler
    from apscheduler.triggers.interval import IntervalTrigger

    scheduler = AsyncIOScheduler()
    job = NonOverlapping(worker)
    scheduler.datadialog_job = job  # `Background.stop` lets the running tick finish
    scheduler.add_job(
        job.run,  # a coroutine function: APScheduler awaits it on the loop
        IntervalTrigger(seconds=interval_seconds),
        id="reminders",
        # Overlap is `NonOverlapping`'s to refuse (one warning per overrun); APScheduler's
        # own limit would log a warning for every skipped trigger.
        max_instances=2,
        coalesce=True,
        next_run_time=None,
    )
    scheduler.start()
    scheduler.modify_job("reminders", next_run_time=_soon())
    return scheduler


def _soon():  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    return datetime.now(UTC) + timedelta(seconds=0.2)
