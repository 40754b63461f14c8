"""Run a command through the flows off the event loop, then deliver each output.

Every transport (console, Slack, Teams) reduces its input to a flow command and
hands it here; outputs go back to the transport's `deliver`. Database work runs
in a worker thread so the event loop never blocks.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import ParamSpec, TypeVar

from bot.charting import ChartMaker
from flows.cadence import Calendar
from flows.commands import SYSTEM_ACTOR, CheckTimebox
from flows.outputs import Output, RequestChart
from flows.ports import Clock, UnitOfWork
from flows.queries import meetings_in_dialogue
from flows.service import Command, run

log = logging.getLogger(__name__)

P = ParamSpec("P")
R = TypeVar("R")

Deliver = Callable[[Output], Awaitable[None]]
#: Whether this process serves a meeting (by id): `TransportRegistry.serves_meeting`.
Serves = Callable[[int], Awaitable[bool]]


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


@dataclass
class Dispatcher:
    uow_factory: Callable[[], UnitOfWork]
    clock: Clock
    deliver: Deliver
    calendar: Calendar | None = None  # rhythms and public holidays (bot.calendar_rules)
    charts: ChartMaker | None = None  # draws RequestChart outputs; None: passed on as they are
    #: Awaited before each piece of database work: a web server lets the requests waiting
    #: for their ack go first (`bot.after_ack.AckFirst.idle`).
    pause: Callable[[], Awaitable[None]] | None = None

    async def turn(self) -> None:
        if self.pause is not None:
            await self.pause()

    async def send(self, cmd: Command) -> list[Output]:
        await self.turn()
        outputs = await asyncio.to_thread(run, cmd, self.uow_factory(), self.clock, self.calendar)
        for output in outputs:
            await self.deliver_drawn(output)
        return outputs

    async def deliver_drawn(self, output: Output) -> None:
        """Deliver an output; a chart request is drawn first (in a thread), one message a chart."""
        if not isinstance(output, RequestChart) or self.charts is None:
            await self.deliver(output)
            return
        try:
            shown = await self.charts.resolve(output)
        except Exception:  # a chart that cannot be drawn must not stop the meeting
            log.exception("drawing chart %s for meeting %s failed", output.kind, output.meeting_id)
            return
        for chart in shown:
            await self.deliver(chart)

    async def query(self, fn: Callable[..., R], *args: object) -> R:
        """Run a read-only flows query in a worker thread with a fresh unit of work."""
        await self.turn()
        return await asyncio.to_thread(fn, self.uow_factory(), *args)

    async def check_timeboxes(self, serves: Serves | None = None) -> None:
        """Check every running time-box, or only those of meetings `serves` says yes to
        (a meeting whose group's platform this process cannot reach is left to one that can:
        the time-up notice is sent once)."""
        for meeting_id in await self.query(meetings_in_dialogue):
            if serves is None or await serves(meeting_id):
                await self.send(CheckTimebox(SYSTEM_ACTOR, meeting_id))


async def tick_forever(
    dispatcher: Dispatcher, interval: float, serves: Serves | None = None
) -> None:
    """Tell groups when a step's time is up; survives a failing tick."""
    while True:
        await asyncio.sleep(interval)
        try:
            await dispatcher.check_timeboxes(serves)
        except Exception:  # a bad tick must not stop the process
            log.exception("time-box check failed")
