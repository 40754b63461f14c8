"""Graceful drain and readiness: what `bot.web` needs to stop without losing work.

`Drain` counts the work in flight: requests being handled on /slack/events and
/api/messages, and Slack requests acknowledged and still being worked on
(`SlackAdapter.slots`). On SIGTERM the web server marks it `draining` (new requests are
answered 503 and /readyz says so), waits until nothing is in flight or the bound has
passed, then stops. `DatabaseProbe` answers /readyz's question "does the database
answer?" without ever blocking the event loop or piling up threads.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Iterator

from sqlalchemy import Engine, text


class Drain:
    """Work in flight, and whether the process is draining (shutting down)."""

    def __init__(self) -> None:
        self.running = 0
        self.draining = False
        self._idle = asyncio.Event()
        self._idle.set()
        self._give_up = asyncio.Event()

    def enter(self) -> None:
        self.running += 1
        self._idle.clear()

    def leave(self) -> None:
        self.running = max(0, self.running - 1)
        if self.running == 0:
            self._idle.set()

    @contextlib.contextmanager
    def tracked(self) -> Iterator[None]:
        """Count the work inside the block as in flight."""
        self.enter()
        try:
            yield
        finally:
            self.leave()

    def start(self) -> None:
        """Stop taking new work: `draining` from now on."""
        self.draining = True

    def give_up(self) -> None:
        """Stop waiting (a second signal): `wait_idle` returns now."""
        self._give_up.set()

    async def wait_idle(self, timeout: float) -> bool:
        """Wait until nothing is in flight (True), or `timeout` seconds have passed or
        `give_up` was called (False: `running` says how much is left)."""
        waiters = [
            asyncio.ensure_future(self._idle.wait()),
            asyncio.ensure_future(self._give_up.wait()),
        ]
        try:
            await asyncio.wait(waiters, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for waiter in waiters:
                waiter.cancel()
        return self.running == 0


class DatabaseProbe:
    """`SELECT 1` through the engine, in a daemon thread, answered within `timeout` seconds.

    One probe runs at a time: callers arriving meanwhile share its answer, so a database
    that hangs costs one thread, not one per /readyz call, and never delays the exit."""

    def __init__(self, engine: Engine, timeout: float = 2.0) -> None:
        self.engine = engine
        self.timeout = timeout
        self._pending: asyncio.Future[bool] | None = None

    async def answers(self) -> bool:
        if self._pending is None or self._pending.done():
            self._pending = self._start()
        with contextlib.suppress(TimeoutError):
            return await asyncio.wait_for(asyncio.shield(self._pending), self.timeout)
        return False

    def _start(self) -> asyncio.Future[bool]:
        loop = asyncio.get_running_loop()
        answer: asyncio.Future[bool] = loop.create_future()

        def settle(ok: bool) -> None:
            if not answer.done():
                answer.set_result(ok)

        def probe() -> None:
            try:
                with self.engine.connect() as connection:
                    connection.execute(text("SELECT 1"))
                ok = True
            except Exception:
                ok = False
            with contextlib.suppress(RuntimeError):  # the loop closed meanwhile
                loop.call_soon_threadsafe(settle, ok)

        threading.Thread(target=probe, name="datadialog-readyz", daemon=True).start()
        return answer
