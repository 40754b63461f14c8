"""Work after an ack: a few requests at a time, after the acks waiting, in arrival order.

A burst of requests is acknowledged long before its work is done. The work waiting
is kept as a queue of jobs (plain callables over what the request carried), not as
one suspended task per request: a task per request meant thousands of coroutine
frames for the garbage collector to walk in the middle of the next burst of acks
(bench/slack_ack.py). One feeder task starts the jobs, each when a slot is free and
no ack is waiting (`AckFirst`); a job waiting to be applied together with others gives
its slot back meanwhile (`bot.inbox_together.SLOT`), so the next one can start.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field

from bot.drain import Drain
from bot.inbox_together import SLOT

Job = Callable[[], Awaitable[None]]


class AckFirst:
    """Requests waiting for their ack take precedence over work after an ack.

    The web server counts requests it has received and not yet answered. Work after an
    ack waits (at most `MAX_WAIT` seconds) while any is waiting, and while requests
    arrive in a burst (`BURST` within `BURST_SECONDS`), so a burst is acknowledged first
    and worked on right after. The count alone is not enough: acks written together
    (`bot.inbox_receiver`) are answered together, the count touches nought between one
    batch and the next requests of the same burst, and work started there holds the
    interpreter while those requests wait. Outside a burst (people using the bot, each
    waiting for the answer to the last thing they did) work starts at once.
    """

    MAX_WAIT = 1.0
    BURST = 8
    BURST_SECONDS = 0.02

    def __init__(self) -> None:
        self.waiting = 0
        self._idle = asyncio.Event()
        self._idle.set()
        self._arrivals: deque[float] = deque(maxlen=self.BURST)  # time.monotonic() of each

    def arrived(self) -> None:
        self.waiting += 1
        self._idle.clear()
        self._arrivals.append(time.monotonic())

    def answered(self) -> None:
        self.waiting -= 1
        if self.waiting <= 0:
            self.waiting = 0
            self._idle.set()

    def _burst_ends(self) -> float:
        """When the burst under way ends if no request comes (0: no burst)."""
        if len(self._arrivals) < self.BURST:
            return 0.0
        return self._arrivals[0] + self.BURST_SECONDS

    async def idle(self) -> None:
        deadline = time.monotonic() + self.MAX_WAIT
        while (now := time.monotonic()) < deadline:
            if self.waiting:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._idle.wait(), deadline - now)
                continue
            calm = self._burst_ends()
            if calm <= now:
                return
            await asyncio.sleep(min(calm, deadline) - now)


@dataclass
class AfterAck:
    """`limit` jobs at a time; on SIGTERM `drain` counts every job queued or running."""

    limit: int
    acks: AckFirst
    drain: Drain
    _slots: asyncio.Semaphore | None = None
    _backlog: deque[Job] = field(default_factory=deque)
    _tasks: set[asyncio.Task[None]] = field(default_factory=set)
    _feeding: bool = False

    def _semaphore(self) -> asyncio.Semaphore:
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.limit)
        return self._slots

    def queue(self, job: Job) -> None:
        """Run `job` when its turn comes."""
        self.drain.enter()
        self._backlog.append(job)
        if not self._feeding:
            self._feeding = True
            self._keep(self._feed())

    @contextlib.asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        """A turn outside the queue (a request taken over from a dead process)."""
        with self.drain.tracked():
            async with self._semaphore():
                await self.acks.idle()
                token = SLOT.set(self._semaphore())
                try:
                    yield
                finally:
                    SLOT.reset(token)

    async def _feed(self) -> None:
        slots = self._semaphore()
        try:
            while self._backlog:
                await slots.acquire()
                await self.acks.idle()
                self._keep(self._run(self._backlog.popleft()))
        finally:
            self._feeding = False

    async def _run(self, job: Job) -> None:
        slots = self._semaphore()
        token = SLOT.set(slots)  # given back while waiting to be applied
        try:
            await job()
        finally:
            SLOT.reset(token)
            slots.release()
            self.drain.leave()

    def _keep(self, work: Awaitable[None]) -> None:
        task = asyncio.ensure_future(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
