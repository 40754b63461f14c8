"""Contributions to one meeting that arrive together are applied together.

Requests worked on at the same time (`SlackAdapter.busy_limit` of them in a Slack
process, every Teams activity in flight) each reach `Inbox._apply` with one command.
Contributions to the same meeting queue here, per meeting; one task per meeting takes
whatever has queued (up to `LIMIT`) and applies it with one load, one save and one
commit (`flows.together.run_together`), each inbox row moved past its step with its own
outputs in that commit. A lone contribution is a batch of one: no waiting is added.
When a batch cannot be applied together (a refusal, a lost race, a row another
process took over), each of its commands is applied on its own instead (`None`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, TypeVar

from bot.dispatch import Dispatcher
from flows.commands import MeetingCommand
from flows.outputs import Output
from flows.together import run_together
from storage.database import session_factory
from storage.inbox import Superseded
from storage.unit_of_work import InboxBatchUnitOfWork

T = TypeVar("T")

#: Contributions applied in one transaction at most.
LIMIT = 50
#: The work slot the running request holds (`SlackAdapter.slots`): given back while the
#: request waits for its batch, so the next requests get as far as the queue meanwhile.
SLOT: ContextVar[asyncio.Semaphore | None] = ContextVar("datadialog_work_slot", default=None)


async def without_slot(waiting: Awaitable[T]) -> T:
    """Wait with the running request's work slot given back (taken again after)."""
    slot = SLOT.get()
    if slot is None:
        return await waiting
    slot.release()
    try:
        return await waiting
    finally:
        await slot.acquire()


@dataclass
class _Waiting:
    row_id: int
    step: int
    plan: Any
    cmd: MeetingCommand
    done: asyncio.Future[list[Output] | None]


@dataclass
class Together:
    engine: Any
    _queues: dict[int, list[_Waiting]] = field(default_factory=dict)
    _runners: dict[int, asyncio.Task[None]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._sessions = session_factory(self.engine)

    async def apply(
        self, base: Dispatcher, row_id: int, step: int, plan: Any, cmd: MeetingCommand
    ) -> list[Output] | None:
        """The command's outputs once applied with the others queued for its meeting;
        None when it must be applied on its own."""
        done: asyncio.Future[list[Output] | None] = asyncio.get_running_loop().create_future()
        self._queues.setdefault(cmd.meeting_id, []).append(_Waiting(row_id, step, plan, cmd, done))
        runner = self._runners.get(cmd.meeting_id)
        if runner is None or runner.done():
            self._runners[cmd.meeting_id] = asyncio.create_task(self._run(base, cmd.meeting_id))
        return await without_slot(done)

    async def _run(self, base: Dispatcher, meeting_id: int) -> None:
        queue = self._queues.setdefault(meeting_id, [])
        while queue:
            batch, queue[:] = queue[:LIMIT], queue[LIMIT:]
            await base.turn()
            steps = [(w.row_id, w.step, w.plan) for w in batch]
            uow = InboxBatchUnitOfWork(self._sessions, steps)
            try:
                results = await asyncio.to_thread(
                    run_together, [w.cmd for w in batch], uow, base.clock, base.calendar
                )
            except Superseded:
                results = None
            except Exception as exc:  # the database is gone: each caller sees it
                for w in batch:
                    w.done.set_exception(exc)
                continue
            for i, w in enumerate(batch):
                w.done.set_result(None if results is None else results[i])
        self._queues.pop(meeting_id, None)
        self._runners.pop(meeting_id, None)
