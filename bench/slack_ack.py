"""Time to acknowledge a Slack request: Datadialog vs a bare Bolt app, side by side.

Both servers run as subprocesses on 127.0.0.1 against the same fake Slack Web API:
  ours  `datadialog serve` (SQLite file, a group set up in the channel), answering
        signed `/dialog status` slash commands: verify, ack, then claim the request
        key, look up the group and meeting, run the flow and post two ephemeral replies.
  bare  a Bolt AsyncApp whose `/dialog` listener only calls ack(), served through the
        same aiohttp adapter.
A load generator in a separate process sends 2,000 signed requests at concurrency 1
and 50 to each and measures the time until the HTTP response (the ack) arrives.

    python bench/slack_ack.py [--requests 2000] [--concurrency 1 50]

Never run by the test suite. Targets: ours p99 at concurrency 50 within 2x of bare
Bolt and under 100 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import hmac
import multiprocessing
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SECRET = "bench-signing-secret"
TOKEN = "xoxb-bench-token"
CHANNEL = "C0NORD"
TEAM = "T0NORD"
COMMAND = "/dialog"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# The bare Bolt app ---------------------------------------------------------------


def serve_bare(port: int, api_url: str) -> None:
    """A Bolt AsyncApp with a no-op listener, on aiohttp like ours."""
    from aiohttp import web
    from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
    from slack_bolt.async_app import AsyncApp
    from slack_sdk.web.async_client import AsyncWebClient

    async def main() -> None:
        app = AsyncApp(
            token=TOKEN, signing_secret=SECRET, client=AsyncWebClient(token=TOKEN, base_url=api_url)
        )

        @app.command(COMMAND)
        async def noop(ack):  # type: ignore[no-untyped-def]
            await ack()

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


# Load generator (its own process) ----------------------------------------------------


def _signed(body: str) -> dict[str, str]:
    ts = str(int(time.time()))
    digest = hmac.new(SECRET.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    return {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": f"v0={digest}",
    }


def _body(n: int, response_base: str) -> str:
    return urlencode(
        {
            "token": "legacy",
            "team_id": TEAM,
            "team_domain": "nord",
            "channel_id": CHANNEL,
            "channel_name": "team-nord",
            "user_id": "U0LEA",
            "user_name": "lea",
            "command": COMMAND,
            "text": "status",
            "api_app_id": "A0DIALOG",
            "response_url": f"{response_base}/response/{n}",
            "trigger_id": f"{n}.{os.getpid()}.{time.time_ns()}",
        }
    )


async def _load(url: str, total: int, concurrency: int, response_base: str) -> list[float]:
    import aiohttp

    latencies: list[float] = []
    counter = iter(range(total))
    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=connector) as session:

        async def worker() -> None:
            for n in counter:
                body = _body(n, response_base)
                headers = _signed(body)
                started = time.perf_counter()
                async with session.post(url, data=body, headers=headers) as response:
                    await response.read()
                    assert response.status == 200, response.status
                latencies.append((time.perf_counter() - started) * 1000)

        await asyncio.gather(*(worker() for _ in range(concurrency)))
    return latencies


def _loadgen(url: str, total: int, concurrency: int, response_base: str, out) -> None:  # type: ignore[no-untyped-def]
    asyncio.run(_load(url, min(50, total), concurrency, response_base))  # warm-up
    out.put(asyncio.run(_load(url, total, concurrency, response_base)))


def measure(url: str, total: int, concurrency: int, response_base: str) -> list[float]:
    ctx = multiprocessing.get_context("spawn")
    out = ctx.Queue()
    proc = ctx.Process(target=_loadgen, args=(url, total, concurrency, response_base, out))
    proc.start()
    latencies = out.get(timeout=900)
    proc.join(60)
    return latencies


# Servers ----------------------------------------------------------------------


def _wait_line(proc: subprocess.Popen[str], text: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    assert proc.stdout is not None
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if text in line:
            return
        if not line and proc.poll() is not None:
            break
    raise RuntimeError(f"server did not start (wanted {text!r})")


def start_ours(port: int, api_url: str, folder: Path) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATADIALOG_", "SLACK_"))}
    env.update(
        DATADIALOG_DATABASE_URL=f"sqlite:///{folder / 'bench.db'}",
        DATADIALOG_LANGUAGE="en",
        DATADIALOG_TICK_SECONDS="3600",
        DATADIALOG_REMINDER_TICK_SECONDS="3600",
        DATADIALOG_PORT=str(port),
        DATADIALOG_SLACK_API_URL=api_url,
        SLACK_BOT_TOKEN=TOKEN,
        SLACK_SIGNING_SECRET=SECRET,
        PYTHONUNBUFFERED="1",
    )
    datadialog = Path(sys.executable).with_name("datadialog")
    proc = subprocess.Popen(
        [str(datadialog), "serve"],
        env=env,
        cwd=folder,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    _wait_line(proc, "listening on")
    return proc


def start_bare(port: int, api_url: str) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, __file__, "--bare-server", str(port), api_url],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    _wait_line(proc, "listening")
    return proc


def set_up_group(url: str, fake) -> None:  # type: ignore[no-untyped-def]
    """Team Nord in #team-nord, through the setup modal, as in the e2e tests."""
    from tests.e2e.slack.people import Bot, Workspace

    workspace = Workspace(url, SECRET, fake)
    bot = Bot(workspace)
    lea = workspace.person("U0LEA", "Lea")
    lea.slash("setup", CHANNEL)
    lea.submit(
        bot.opens("dd_setup"),
        name="Team Nord",
        leader="U0LEA",
        participants=["U0ALI", "U0BO", "U0CAI", "U0DINA"],
        channel=CHANNEL,
    )
    bot.posts(CHANNEL, "Team Nord")


def stop(proc: subprocess.Popen[str]) -> None:
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(30)
    except subprocess.TimeoutExpired:
        proc.kill()


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 50])
    parser.add_argument("--bare-server", nargs=2, metavar=("PORT", "API_URL"))
    args = parser.parse_args()
    if args.bare_server:
        serve_bare(int(args.bare_server[0]), args.bare_server[1])
        return

    from tests.e2e.slack.fake_slack import FakeSlack

    fake = FakeSlack().start()
    results: dict[tuple[str, int], list[float]] = {}
    drained: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        ours_port, bare_port = free_port(), free_port()
        ours = start_ours(ours_port, fake.api_url, Path(tmp))
        bare = start_bare(bare_port, fake.api_url)
        try:
            ours_url = f"http://127.0.0.1:{ours_port}/slack/events"
            bare_url = f"http://127.0.0.1:{bare_port}/slack/events"
            set_up_group(ours_url, fake)
            for concurrency in args.concurrency:
                for name, url in (("bare Bolt", bare_url), ("Datadialog", ours_url)):
                    before = len(fake.of("chat.postEphemeral"))
                    started = time.perf_counter()
                    results[(name, concurrency)] = measure(
                        url, args.requests, concurrency, fake.url
                    )
                    if name == "Datadialog":  # every status answered: two ephemeral replies each
                        expected = before + 2 * (args.requests + min(50, args.requests))
                        while len(fake.of("chat.postEphemeral")) < expected:
                            time.sleep(0.05)
                        drained[concurrency] = time.perf_counter() - started
                    fake.quiet(1.0)  # let the previous run's background work finish
        finally:
            stop(ours)
            stop(bare)
            fake.stop()

    print(f"\nTime to ack, {args.requests} signed slash commands per run (ms)\n")
    print(f"{'server':<12} {'conc.':>5} {'p50':>8} {'p99':>8} {'mean':>8}")
    for (name, concurrency), values in results.items():
        print(
            f"{name:<12} {concurrency:>5} {pct(values, 0.5):>8.1f} {pct(values, 0.99):>8.1f} "
            f"{statistics.fmean(values):>8.1f}"
        )
    print()
    for concurrency in args.concurrency:
        ours_v, bare_v = results[("Datadialog", concurrency)], results[("bare Bolt", concurrency)]
        p50 = pct(ours_v, 0.5) / pct(bare_v, 0.5)
        p99 = pct(ours_v, 0.99) / pct(bare_v, 0.99)
        print(
            f"concurrency {concurrency:>3}: Datadialog / bare Bolt  p50 {p50:.2f}x  p99 {p99:.2f}x"
            f"  (Datadialog: all {2 * args.requests} replies posted {drained[concurrency]:.1f} s"
            " after the run began)"
        )


if __name__ == "__main__":
    main()
