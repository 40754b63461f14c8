"""`GuardedRunner` in-process on a real port: the header timeout covers the body and
restarts with every request; the connection limit spares connections being answered.

The waits are generous deadlines: a test fails when the server has not done what it
should by then, none measures how fast it did it.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from aiohttp import web

from bot.web_limits import ConnectionGuard, GuardedRunner

HEADER_TIMEOUT = 0.5
PATIENCE = 10.0
WHOLE = b"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nab"


class Slow(asyncio.Event):
    """Set to let GET /slow answer; `started` has an item per request it began."""

    def __init__(self) -> None:
        super().__init__()
        self.started: asyncio.Queue[None] = asyncio.Queue()


@asynccontextmanager
async def serving(max_connections: int = 100) -> AsyncIterator[tuple[int, Slow]]:
    """The server's port, and what /slow is doing."""
    release = Slow()

    async def echo(request: web.Request) -> web.Response:
        return web.Response(text=f"got {len(await request.read())}")

    async def slow(request: web.Request) -> web.Response:
        release.started.put_nowait(None)
        await release.wait()
        return web.Response(text="slow")

    app = web.Application()
    app.router.add_post("/echo", echo)
    app.router.add_get("/slow", slow)
    runner = GuardedRunner(app, ConnectionGuard(max_connections, HEADER_TIMEOUT), access_log=None)
    await runner.setup()
    try:
        await web.TCPSite(runner, "127.0.0.1", 0).start()
        yield runner.addresses[0][1], release
    finally:
        release.set()
        await runner.cleanup()


async def connect(port: int) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    return await asyncio.open_connection("127.0.0.1", port)


async def answer(reader: asyncio.StreamReader) -> bytes:
    """The server's next bytes (b"" when it closed the connection), within PATIENCE."""
    return await asyncio.wait_for(reader.read(4096), PATIENCE)


def test_a_body_that_does_not_arrive_in_time_closes_the_connection() -> None:
    async def scenario() -> bytes:
        async with serving() as (port, _):
            reader, writer = await connect(port)
            writer.write(WHOLE[:-1])  # the head, and one byte of two
            return await answer(reader)

    assert asyncio.run(scenario()) == b""


def test_the_timeout_is_per_request_not_per_keep_alive_connection() -> None:
    async def scenario() -> list[bytes]:
        async with serving() as (port, _):
            reader, writer = await connect(port)
            answers = []
            for _ in range(3):
                writer.write(WHOLE)
                answers.append(await answer(reader))
                await asyncio.sleep(HEADER_TIMEOUT * 2)  # idle longer than the timeout
            writer.close()
            return answers

    answers = asyncio.run(scenario())
    assert all(a.startswith(b"HTTP/1.1 200") and a.endswith(b"got 2") for a in answers), answers


def test_over_the_limit_a_waiting_connection_makes_room_never_one_being_answered() -> None:
    async def scenario() -> tuple[bytes, bytes, bytes, bytes]:
        async with serving(max_connections=2) as (port, release):
            busy_reader, busy = await connect(port)
            busy.write(b"GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
            await asyncio.wait_for(release.started.get(), PATIENCE)  # being answered
            idle_reader, _ = await connect(port)
            newest_reader, newest = await connect(port)  # closes the idle one
            idle_closed = await answer(idle_reader)
            newest.write(b"GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
            await asyncio.wait_for(release.started.get(), PATIENCE)
            refused_reader, _ = await connect(port)  # both open ones are being answered
            refused = await answer(refused_reader)
            release.set()
            return idle_closed, refused, await answer(busy_reader), await answer(newest_reader)

    idle_closed, refused, busy, newest = asyncio.run(scenario())
    assert (idle_closed, refused) == (b"", b"")
    assert busy.endswith(b"slow") and newest.endswith(b"slow"), (busy, newest)
