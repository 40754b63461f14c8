"""/readyz: 200 while the database answers and the process is not draining; 503 with a
one-word reason otherwise.

The web app runs in-process on a real port; the engines are real: the test database,
and URLs no database answers at (a SQLite file in a folder that does not exist, a
PostgreSQL server on a closed port). /healthz answers "ok" throughout: the process lives.
"""

from __future__ import annotations

import asyncio
import socket

import pytest
from aiohttp import ClientSession, web

from bot.drain import Drain
from bot.web import build_web_app
from storage.database import make_engine
from tests.e2e.serve import free_port

pytestmark = pytest.mark.storage


async def probe(url: str, drain: Drain | None = None) -> list[tuple[int, str, str]]:
    """/readyz, /healthz, and a POST to /api/messages: (status, body, Retry-After) each."""
    engine = make_engine(url)
    runner = web.AppRunner(build_web_app(None, engine=engine, drain=drain))
    await runner.setup()
    try:
        await web.TCPSite(runner, "127.0.0.1", 0).start()
        base = f"http://127.0.0.1:{runner.addresses[0][1]}"
        answers = []
        async with ClientSession() as session:
            for method, path in (
                ("GET", "/readyz"),
                ("GET", "/healthz"),
                ("POST", "/api/messages"),
            ):
                async with session.request(method, base + path, json={}) as response:
                    retry = response.headers.get("Retry-After", "")
                    answers.append((response.status, await response.text(), retry))
        return answers
    finally:
        await runner.cleanup()
        engine.dispose()


def test_ready_while_the_database_answers(db) -> None:
    readyz, healthz, _ = asyncio.run(probe(db.url))
    assert (readyz, healthz) == ((200, "ready", ""), (200, "ok", ""))


def test_draining_is_not_ready_and_turns_chat_requests_away(db) -> None:
    drain = Drain()
    drain.start()
    readyz, healthz, messages = asyncio.run(probe(db.url, drain))
    assert readyz == (503, "draining", "")
    assert healthz == (200, "ok", "")
    assert messages == (503, "draining", "1")


@pytest.mark.parametrize(
    "unreachable",
    [
        "sqlite:////nonexistent-datadialog-folder/sub/datadialog.db",
        "postgresql+psycopg://datadialog:secret-pw@127.0.0.1:{port}/datadialog?connect_timeout=1",
    ],
    ids=["sqlite-missing-folder", "postgresql-closed-port"],
)
def test_not_ready_when_the_database_does_not_answer(unreachable: str) -> None:
    readyz, healthz, _ = asyncio.run(probe(unreachable.format(port=free_port())))
    assert readyz == (503, "database", "")  # the reason, never the URL or the password
    assert healthz == (200, "ok", "")


def test_a_database_that_hangs_is_not_ready_within_the_probe_timeout() -> None:
    """A server that accepts the connection and never answers: 503 after the probe's timeout
    (2 s), not when the connection attempt gives up."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        port = silent.getsockname()[1]
        url = f"postgresql+psycopg://datadialog:secret-pw@127.0.0.1:{port}/datadialog"
        readyz, healthz, _ = asyncio.run(probe(url))
    assert readyz == (503, "database", "")
    assert healthz == (200, "ok", "")
