"""Nothing acknowledged is lost: requests are kept before their ack and worked from there.

An adapter keeps a request (`Inbox.receive`: one INSERT, which is also the dedupe
claim) before it acknowledges it, then works on it `working_on` its row. The
request's commands run as a plan (`Inbox.run_plan`), fixed with the first change it
makes; each command's change, the row's progress and the outputs that must follow it
(the outbox) are committed together (`storage.unit_of_work.InboxStepUnitOfWork`),
and each delivered output is counted. A process that dies mid-way leaves its leases
to run out; `bot.inbox_upkeep` in any process takes such rows over and hands them
to the adapter of their platform (`resumers`), which continues the plan where it
stopped. The one output that may have gone out just before the crash is delivered
"in doubt" (`sending()`), so a platform that can tell (Slack, by message metadata)
does not post it twice.

A contribution that keeps losing races to a crowd is applied again here, after a
short random pause, until it lands; only step changes are ever refused for a race.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import random
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine

from bot.dispatch import Deliver, Dispatcher
from bot.inbox_receiver import Finisher, Receiver
from bot.inbox_together import Together, without_slot
from bot.transports import DeliveryFailed
from flows.errors import ConcurrentChange
from flows.outputs import Output, Refusal
from flows.service import Command, run
from flows.together import together
from storage import inbox as rows
from storage.database import session_factory
from storage.unit_of_work import InboxStepUnitOfWork

log = logging.getLogger(__name__)

#: A contribution that lost this many rounds of races goes back to the inbox for later.
RACE_DEADLINE_SECONDS = 30.0
#: After this many attempts a row is given up on (logged), so a request that always fails
#: cannot keep every process busy.
MAX_ATTEMPTS = 5


@dataclass
class Plan:
    """What a request stands for: its commands, and where to answer (the adapter's own)."""

    commands: list[Command]
    answer: dict[str, Any] = field(default_factory=dict)


@dataclass
class Work:
    """One row being worked on in this process."""

    row_id: int
    progress: int = 0  # commands applied
    outbox: list[Output] = field(default_factory=list)  # the last applied command's outputs
    sent: int = 0  # of the outbox, delivered
    in_doubt: bool = False  # taken over: outbox[sent] may have gone out before the crash


@dataclass(frozen=True)
class Sending:
    """The output being delivered: posts carry it so a take-over can find them."""

    row_id: int
    index: int
    in_doubt: bool

    def marker(self) -> dict[str, Any]:
        payload = {"inbox": self.row_id, "output": self.index}
        return {"event_type": "datadialog_outbox", "event_payload": payload}


_WORK: ContextVar[Work | None] = ContextVar("datadialog_inbox_work", default=None)
_SENDING: ContextVar[Sending | None] = ContextVar("datadialog_inbox_sending", default=None)

Resume = Callable[[rows.Item], Awaitable[None]]


def current() -> Work | None:
    """The row the running request is worked from (None outside the inbox: the console)."""
    return _WORK.get()


def sending() -> Sending | None:
    return _SENDING.get()


@dataclass
class Inbox:
    engine: Engine
    lease: timedelta
    resumers: dict[str, Resume] = field(default_factory=dict)  # platform -> adapter.resume
    working: set[int] = field(default_factory=set)
    stopping: bool = False

    def __post_init__(self) -> None:
        self._sessions = session_factory(self.engine)
        self._receiver = Receiver(self.engine, self.lease)
        self._finisher = Finisher(self.engine)
        self._together = Together(self.engine)

    # Rows -----------------------------------------------------------------------------

    async def receive(self, platform: str, key: str, payload: str) -> int | None:
        """Keep a request before its ack; its row id, or None when it was kept before.

        Requests arriving together are kept together: one INSERT and one commit for all
        that came while the previous one was written (`Receiver`), on a thread of its own,
        so a burst is acknowledged at the pace of a few commits, not one per request."""
        row = await self._receiver.receive(platform, key, payload)
        if row is not None:
            self.working.add(row)  # held (its lease renewed) until worked on or released
        return row

    async def take_over(self, key: str) -> rows.Item | None:
        """A retried request whose first try died unfinished: this process takes it."""
        now = datetime.now(UTC)
        return await asyncio.to_thread(rows.take_key, self.engine, key, now, self.lease)

    async def receive_again(
        self, platform: str, key: str, payload: str, wait: float
    ) -> tuple[int, rows.Item | None] | bool:
        """For a platform that answers after the work (Teams): the row to work on (new, or
        taken over from a process that died on it), True when the request is done already,
        False when another process still holds it after `wait` seconds (answer "not yet":
        the platform sends it again)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + wait
        while True:
            row = await self.receive(platform, key, payload)
            if row is not None:
                return row, None
            item = await self.take_over(key)
            if item is not None:
                self.working.add(item.id)
                return item.id, item
            done = await asyncio.to_thread(rows.is_done, self.engine, key)
            if done:
                return True
            if done is not None and loop.time() > deadline:
                return False
            await asyncio.sleep(0.1)  # being worked on elsewhere, or just forgotten

    @contextlib.contextmanager
    def working_on(self, row_id: int, item: rows.Item | None = None) -> Iterator[Work]:
        work = Work(row_id)
        if item is not None:
            in_doubt = item.sent < len(item.outbox)
            work = Work(row_id, item.progress, list(item.outbox), item.sent, in_doubt)
        token = _WORK.set(work)
        self.working.add(row_id)
        try:
            yield work
        finally:
            _WORK.reset(token)
            self.working.discard(row_id)

    def current_work(self) -> Work:
        work = current()
        assert work is not None, "outside working_on"
        return work

    async def work_through(
        self, row_id: int, item: rows.Item | None, work: Callable[[], Awaitable[Any]]
    ) -> bool:
        """Run a request's work from its row, and mark the row done when it went through.

        A row another process took over (`Superseded`) is left to it. One whose work
        failed (a platform not taking a message, a database gone, a bug) is left
        unfinished and its lease given up, so a retry of the request, or any process's
        sweep, takes it over at once and carries on from its last step, at most
        `MAX_ATTEMPTS` times. True when the row is done."""
        with self.working_on(row_id, item) as kept:
            try:
                await work()
            except rows.Superseded:
                return False
            except ConcurrentChange:
                log.warning("inbox row %d lost races for %g s: left for later", row_id,
                            RACE_DEADLINE_SECONDS)  # fmt: skip
                return await self._given_up(row_id)
            except DeliveryFailed as failed:
                log.warning("inbox row %d: %s; it will be tried again", row_id, failed)
                return await self._given_up(row_id)
            except Exception:
                log.exception("inbox row %d failed; it will be taken over", row_id)
                return await self._given_up(row_id)
            try:
                await without_slot(self._finisher.finish(kept.row_id))
            except Exception:
                log.exception("inbox row %d could not be marked done", row_id)
                return False
            return True

    async def _given_up(self, row_id: int) -> bool:
        with contextlib.suppress(Exception):  # a database gone: the lease runs out instead
            await asyncio.to_thread(rows.release, self.engine, [row_id], datetime.now(UTC))
        return False

    async def forget(self, item: rows.Item) -> None:
        """Drop a taken-over row no step was recorded on (see `storage.inbox.forget`)."""
        await asyncio.to_thread(rows.forget, self.engine, item.id)

    # Plans ------------------------------------------------------------------------------

    async def run_plan(
        self, base: Dispatcher, commands: Sequence[Command], answer: dict[str, Any],
        deliver: Deliver,
    ) -> bool:  # fmt: skip
        """Apply the running request's commands (or, taken over, the plan it fixed first)
        and deliver their outputs; False when one was refused (the rest are not applied)."""
        work = current()
        assert work is not None, "run_plan outside working_on"
        return await self.carry_out(base, work, Plan(list(commands), answer), deliver)

    async def carry_out(self, base: Dispatcher, work: Work, plan: Plan, deliver: Deliver) -> bool:
        dispatcher = dataclasses.replace(base, deliver=deliver)
        if not await self._deliver_rest(work, dispatcher):
            return False
        for step in range(work.progress, len(plan.commands)):
            outputs = await self._apply(base, work, plan, step)
            work.progress, work.outbox, work.sent = step + 1, outputs, 0
            if not await self._deliver_rest(work, dispatcher):
                return False
        return True

    async def _apply(self, base: Dispatcher, work: Work, plan: Plan, step: int) -> list[Output]:
        """One command, committed with the row's progress and outbox; a contribution that
        loses race after race is tried again after a pause, up to `RACE_DEADLINE_SECONDS`."""
        fixed = plan if step == 0 else None
        cmd = plan.commands[step]
        if together(cmd):  # with other contributions to its meeting arriving now
            applied = await self._together.apply(base, work.row_id, step, fixed, cmd)
            if applied is not None:
                return applied
        loop = asyncio.get_running_loop()
        deadline = loop.time() + RACE_DEADLINE_SECONDS
        while True:
            uow = InboxStepUnitOfWork(self._sessions, work.row_id, step, fixed)
            await base.turn()
            try:
                outputs = await asyncio.to_thread(
                    run, plan.commands[step], uow, base.clock, base.calendar
                )
            except ConcurrentChange:
                if loop.time() > deadline:
                    raise
                await asyncio.sleep(random.uniform(0.005, 0.05))
                continue
            if not uow.recorded:  # refused or read-only: nothing changed, still recorded
                await asyncio.to_thread(
                    rows.record_step_alone, self.engine, work.row_id, step, outputs, fixed
                )
            return outputs

    async def _deliver_rest(self, work: Work, dispatcher: Dispatcher) -> bool:
        """Deliver the outbox from `sent` on; False when it answers with a refusal."""
        last = len(work.outbox)
        for index in range(work.sent, last):
            token = _SENDING.set(Sending(work.row_id, index, work.in_doubt))
            try:
                await dispatcher.deliver_drawn(work.outbox[index])
            finally:
                _SENDING.reset(token)
            work.in_doubt, work.sent = False, index + 1
            if work.sent < last:  # the last one counts as sent with the next step or the end
                await asyncio.to_thread(rows.mark_sent, self.engine, work.row_id, work.sent)
        return not any(isinstance(o, Refusal) for o in work.outbox)


def plan_of(item: rows.Item) -> Plan | None:
    plan = item.plan
    return plan if isinstance(plan, Plan) else None
