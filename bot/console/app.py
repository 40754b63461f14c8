"""The interactive loop of the console chat: read a line, handle it, repeat.

Reading stdin happens in a thread of its own so the time-box ticker keeps running
while the prompt waits. Works on a terminal and on a pipe (tests, scripts).
"""

from __future__ import annotations

import asyncio
import codecs
import contextlib
import os
import sys
import threading
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
    reader = LineReader(stdin or sys.stdin)
    console = session.transport.console
    await session.begin(group, as_name)
    _flush(session)
    ticker = asyncio.create_task(tick_forever(session.dispatcher, tick_seconds))
    try:
        while not session.done:
            if console.is_terminal and session.group is not None:
                console.print(f"{session.group.name_of(session.actor)}> ", end="", markup=False)
            line = await reader.next_line()
            if line == "":
                break
            await session.handle(line)
            _flush(session)
    finally:
        ticker.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await ticker


class LineReader:
    """Lines from a stream, each read by a daemon thread while the loop runs on.

    Not the loop's default executor (`asyncio.to_thread`): on Ctrl-C `asyncio.run` cancels
    the console and then waits for that executor's threads, so a read waiting for Enter would
    hold the exit until Enter. A daemon thread is left behind instead. It reads the file
    descriptor itself, not the buffered `sys.stdin`, whose lock it would otherwise hold while
    the interpreter shuts down."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.fd = _fileno(stream)
        encoding = getattr(stream, "encoding", None) or "utf-8"
        self.decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
        self.pending = ""

    async def next_line(self) -> str:
        """The next line with its newline; "" at the end of input."""
        loop = asyncio.get_running_loop()
        done: asyncio.Future[str] = loop.create_future()

        def read() -> None:
            try:
                line, exc = self._read_line(), None
            except Exception as error:  # handed to the waiting loop, raised there
                line, exc = None, error
            with contextlib.suppress(RuntimeError):  # the loop has closed: no one waits
                loop.call_soon_threadsafe(_settle, done, line, exc)

        threading.Thread(target=read, name="console-input", daemon=True).start()
        return await done

    def _read_line(self) -> str:
        if self.fd is None:  # a stream without a descriptor (a test's StringIO)
            return self.stream.readline()
        while "\n" not in self.pending:
            chunk = os.read(self.fd, 4096)
            if not chunk:
                line, self.pending = self.pending + self.decoder.decode(b"", final=True), ""
                return line
            self.pending += self.decoder.decode(chunk)
        line, _, self.pending = self.pending.partition("\n")
        return line + "\n"


def _fileno(stream: TextIO) -> int | None:
    try:
        return stream.fileno()
    except (AttributeError, OSError, ValueError):  # io.UnsupportedOperation is an OSError
        return None


def _settle(done: asyncio.Future[str], line: str | None, exc: BaseException | None) -> None:
    if done.done():  # the console was cancelled meanwhile
        return
    if exc is not None:
        done.set_exception(exc)
    else:
        done.set_result(line or "")


def _flush(session: ConsoleSession) -> None:
    with contextlib.suppress(Exception):
        session.transport.console.file.flush()
