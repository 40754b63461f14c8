"""The interactive loop of the console chat: read a line, handle it, repeat.

Reading stdin happens in a worker thread so the time-box ticker keeps running
while the prompt waits. Works on a terminal and on a pipe (tests, scripts).
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
from typing import TextIO

from bot.console.session import ConsoleSession
from bot.dispatch import tick_forever


async def run_console(
    session: ConsoleSession,
    *,
    tick_seconds: float,
    group: str | None = None,
    as_name: str | None = None,
    stdin: TextIO | None = None,
) -> None:
    stream = stdin or sys.stdin
    console = session.transport.console
    await session.begin(group, as_name)
    _flush(session)
    ticker = asyncio.create_task(tick_forever(session.dispatcher, tick_seconds))
    try:
        while not session.done:
            if console.is_terminal and session.group is not None:
                console.print(f"{session.group.name_of(session.actor)}> ", end="", markup=False)
            line = await asyncio.to_thread(stream.readline)
            if line == "":
                break
            await session.handle(line)
            _flush(session)
    finally:
        ticker.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await ticker


def _flush(session: ConsoleSession) -> None:
    with contextlib.suppress(Exception):
        session.transport.console.file.flush()
