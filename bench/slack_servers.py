"""The servers bench/slack_ack.py measures, as subprocesses, and what they are set up with.

ours  `datadialog serve` (a SQLite file or a PostgreSQL schema made for the run),
      set up through signed requests as the e2e tests do (tests/e2e/slack).
bare  a Bolt AsyncApp on the same aiohttp adapter: its `/dialog` listener only acks;
      its observation-form listener acks, then posts the typed text with one
      chat.postMessage to the same fake Slack Web API.

  python -m bench.slack_servers PORT API_URL    # the bare Bolt app alone
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SECRET = "bench-signing-secret"
TOKEN = "xoxb-bench-token"
CHANNEL = "C0NORD"
TEAM = "T0NORD"
COMMAND = "/dialog"
FORM = "dd_form_addobservation"  # callback_id of the observation form


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def signed(body: str) -> dict[str, str]:
    """Headers Slack sends with a form-encoded body: timestamp and v0 HMAC-SHA256 signature."""
    ts = str(int(time.time()))
    digest = hmac.new(SECRET.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    return {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": f"v0={digest}",
    }


# The bare Bolt app ---------------------------------------------------------------


def _typed(view: dict[str, Any]) -> str:
    """The first value typed into a submitted modal."""
    for block in view.get("state", {}).get("values", {}).values():
        for element in block.values():
            if element.get("value"):
                return str(element["value"])
    return ""


def serve_bare(port: int, api_url: str) -> None:
    from aiohttp import web
    from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
    from slack_bolt.async_app import AsyncApp
    from slack_sdk.web.async_client import AsyncWebClient

    async def main() -> None:
        client = AsyncWebClient(token=TOKEN, base_url=api_url)
        app = AsyncApp(token=TOKEN, signing_secret=SECRET, client=client)

        @app.command(COMMAND)
        async def noop(ack: Any) -> None:
            await ack()

        @app.view(FORM)
        async def post_one(ack: Any, body: dict[str, Any], client: AsyncWebClient) -> None:
            await ack()
            await client.chat_postMessage(channel=CHANNEL, text=_typed(body["view"]))

        async def events(request: web.Request) -> web.Response:
            return await to_aiohttp_response(
                await app.async_dispatch(await to_bolt_request(request))
            )

        web_app = web.Application()
        web_app.router.add_post("/slack/events", events)
        runner = web.AppRunner(web_app, access_log=None)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", port).start()
        print("listening", flush=True)
        stop = asyncio.Event()
        asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
        await stop.wait()
        await runner.cleanup()

    asyncio.run(main())


# Subprocesses ---------------------------------------------------------------------


@dataclass
class Server:
    proc: subprocess.Popen[str]
    url: str  # http://127.0.0.1:PORT/slack/events
    output: deque[str]  # the last lines it printed (read all along, so its pipe never fills)


def _start(args: list[str], env: dict[str, str], cwd: Path, ready: str, port: int) -> Server:
    proc = subprocess.Popen(
        args, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    output: deque[str] = deque(maxlen=200)
    started = threading.Event()

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            output.append(line.rstrip("\n"))
            if ready in line:
                started.set()

    threading.Thread(target=read, daemon=True).start()
    server = Server(proc, f"http://127.0.0.1:{port}/slack/events", output)
    if not started.wait(60):
        stop(server)
        raise RuntimeError(f"server did not start (wanted {ready!r}):\n" + "\n".join(output))
    return server


def start_ours(api_url: str, folder: Path, database_url: str) -> Server:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATADIALOG_", "SLACK_"))}
    env.update(
        DATADIALOG_DATABASE_URL=database_url,
        DATADIALOG_LANGUAGE="en",
        DATADIALOG_TICK_SECONDS="3600",
        DATADIALOG_REMINDER_TICK_SECONDS="3600",
        DATADIALOG_HOST="127.0.0.1",
        DATADIALOG_PORT=str(port),
        DATADIALOG_SLACK_API_URL=api_url,
        SLACK_BOT_TOKEN=TOKEN,
        SLACK_SIGNING_SECRET=SECRET,
        PYTHONUNBUFFERED="1",
    )
    datadialog = Path(sys.executable).with_name("datadialog")
    return _start([str(datadialog), "serve"], env, folder, "listening on", port)


def start_bare(api_url: str) -> Server:
    port = free_port()
    args = [sys.executable, "-m", "bench.slack_servers", str(port), api_url]
    return _start(args, dict(os.environ), ROOT, "listening", port)


def stop(server: Server) -> None:
    server.proc.send_signal(signal.SIGTERM)
    try:
        server.proc.wait(60)
    except subprocess.TimeoutExpired:
        server.proc.kill()
        server.proc.wait(30)


# Setting ours up, as the e2e tests do ------------------------------------------------


def observation_forms(url: str, fake: Any, groups: int) -> list[Any]:
    """`groups` groups set up through the setup modal (Team Nord in #team-nord first, as in
    tests/e2e/test_drain.py's observation_form), each in its own channel with meeting 1 in
    step 2: the observation form Cai opened in each (recorded views.open calls, to submit
    again and again). Several meetings, so that a burst is not 1,000 observations in one."""
    from tests.e2e.slack.conftest import LEADER, PARTICIPANTS
    from tests.e2e.slack.people import Bot, Workspace

    workspace = Workspace(url, SECRET, fake)
    bot = Bot(workspace)
    lea, cai = workspace.person(LEADER, "Lea"), workspace.person("U0CAI", "Cai")
    forms = []
    for i in range(groups):
        channel, name = (CHANNEL if i == 0 else f"{CHANNEL}{i:02d}"), f"Team Nord {i + 1}"
        lea.slash("setup", channel)
        lea.submit(bot.opens("dd_setup"), name=name, leader=LEADER,
                   participants=list(PARTICIPANTS), channel=channel)  # fmt: skip
        bot.posts(channel, f"The group {name} is set up")
        lea.slash("start", channel)
        lea.click(bot.posts(channel, "Step 1 of 4"), "dd_advance")
        cai.click(bot.posts(channel, "Step 2 of 4"), "dd_open_addobservation")
        forms.append(bot.opens(FORM))
    fake.quiet()
    return forms


def postgres_unavailable(base: str) -> str | None:
    """Why PostgreSQL at `base` cannot be used (no server, no such database), or None."""
    from sqlalchemy import create_engine, text

    try:
        engine = create_engine(base)
    except Exception as error:  # not a database URL at all
        return f"{type(error).__name__}: {str(error).splitlines()[0]}"
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as error:
        return f"{type(error).__name__}: {str(error).splitlines()[0]}"
    finally:
        engine.dispose()
    return None


@contextlib.contextmanager
def postgres_schema(base: str) -> Iterator[str]:
    """A fresh schema for one run (via search_path, as tests/integration do); dropped after."""
    from sqlalchemy import create_engine, make_url, text

    schema = f"bench_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
        try:
            yield url.render_as_string(hide_password=False)
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    finally:
        admin.dispose()


if __name__ == "__main__":
    serve_bare(int(sys.argv[1]), sys.argv[2])
