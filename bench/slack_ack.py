"""Slack requests: Datadialog vs a bare Bolt app in the same run (ack, reply, throughput).

Every server runs as a subprocess on 127.0.0.1 against one fake Slack Web API (the e2e
tests' fake, in a thread here); requests are signed HTTP, as Slack sends them
(bench/slack_servers.py has both servers, bench/slack_reply.py the reply timing).
  ours  `datadialog serve`, `--groups` groups set up through the setup modal, each in
        its own channel with meeting 1 in step 2 and the observation form open, as in
        tests/e2e/test_drain.py (Team Nord in #team-nord answers the status commands).
  bare  a Bolt AsyncApp on the same aiohttp adapter whose listeners ack (and, for the
        observation form, then post the typed text with one chat.postMessage).

1. Ack: `--requests` signed `/dialog status` commands at each `--concurrency`, from a
   load generator in its own process: time until the HTTP response (the ack). `--rounds`
   runs per server, bare Bolt and ours taking turns; the target is checked on the median
   of the rounds' p99 ratios (one run's p99 on a shared 2-CPU machine moves by 2x from
   run to run for bare Bolt alone), and every round is printed.
2. Reply: `--replies` observation submissions (spread over the meetings) by 50 people,
   each waiting for the reply to its submission (its text posted back to the fake)
   before the next: time from the request to the ack and to that reply.
3. Throughput: `--burst` observation submissions sent as fast as they are acked, over
   50 connections, to one fresh `datadialog serve` on a SQLite file and one on a fresh
   PostgreSQL schema (`--postgres`; skipped when it does not answer): from the first
   send until the last observation is stored (the `observations` table, polled), as
   commands per second, against bare Bolt's acked-and-posted per second.

    python bench/slack_ack.py [--quick] [--requests 2000] [--replies 1000] [--burst 1000]

Never run by the test suite. Targets: ack p99 at concurrency 50 within 1.5x bare Bolt;
at least 300 commands/s per process on PostgreSQL.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.slack_reply import Burst, TimedSlack, measure_burst, measure_replies
from bench.slack_report import PEOPLE, Results, report_acks, report_bursts, report_replies
from bench.slack_servers import (
    CHANNEL,
    COMMAND,
    TEAM,
    Server,
    observation_forms,
    postgres_schema,
    postgres_unavailable,
    signed,
    start_bare,
    start_ours,
    stop,
)

POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


# Ack: load generator (its own process) ---------------------------------------------


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
                headers = signed(body)
                started = time.perf_counter()
                async with session.post(url, data=body, headers=headers) as response:
                    await response.read()
                    assert response.status == 200, response.status
                latencies.append((time.perf_counter() - started) * 1000)

        await asyncio.gather(*(worker() for _ in range(concurrency)))
    return latencies


def _loadgen(url: str, total: int, concurrency: int, response_base: str, out: Any) -> None:
    asyncio.run(_load(url, min(50, total), concurrency, response_base))  # warm-up
    out.put(asyncio.run(_load(url, total, concurrency, response_base)))


def measure_acks(url: str, total: int, concurrency: int, response_base: str) -> list[float]:
    ctx = multiprocessing.get_context("spawn")
    out = ctx.Queue()
    proc = ctx.Process(target=_loadgen, args=(url, total, concurrency, response_base, out))
    proc.start()
    latencies = out.get(timeout=900)
    proc.join(60)
    return latencies


# Runs ------------------------------------------------------------------------------


def run_side_by_side(args: argparse.Namespace, fake: TimedSlack, folder: Path, r: Results) -> None:
    """Ack and reply runs, then bare Bolt's burst: ours (SQLite) and bare Bolt up together."""
    ours = start_ours(fake.api_url, folder, f"sqlite:///{folder / 'bench.db'}")
    bare = start_bare(fake.api_url)
    try:
        forms = observation_forms(ours.url, fake, args.groups)
        for concurrency in args.concurrency:
            for _ in range(args.rounds):  # interleaved: drift on the machine hits both alike
                for name, server in (("bare Bolt", bare), ("Datadialog", ours)):
                    started = time.monotonic()
                    latencies = measure_acks(server.url, args.requests, concurrency, fake.url)
                    r.acks.setdefault((name, concurrency), []).append(latencies)
                    fake.quiet(1.0)  # let the run's work after the acks finish
                    if name == "Datadialog":
                        r.drained[concurrency] = fake.last_at - started
        for name, server in (("bare Bolt", bare), ("Datadialog", ours)):
            r.replies[name] = measure_replies(server.url, fake, forms, args.replies, PEOPLE)
            fake.quiet(1.0)
        r.bursts["bare Bolt"] = measure_burst(bare.url, fake, forms, args.burst, PEOPLE)
    finally:
        stop(ours)
        stop(bare)


def run_burst(fake: TimedSlack, folder: Path, database_url: str, args: argparse.Namespace) -> Burst:
    """One fresh `datadialog serve` on `database_url`, set up, then the burst."""
    ours: Server = start_ours(fake.api_url, folder, database_url)
    try:
        forms = observation_forms(ours.url, fake, args.groups)
        return measure_burst(ours.url, fake, forms, args.burst, PEOPLE, database_url)
    finally:
        stop(ours)


def run_postgres(args: argparse.Namespace, fake: TimedSlack, folder: Path) -> Burst | str:
    why = postgres_unavailable(args.postgres)
    if why is not None:
        return f"skipped: {why}"
    with postgres_schema(args.postgres) as database_url:
        return run_burst(fake, folder, database_url, args)


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small counts: a smoke run")
    parser.add_argument("--requests", type=int, help="status commands per ack run (2000)")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, PEOPLE])
    parser.add_argument("--rounds", type=int, help="ack runs per server, interleaved (5)")
    parser.add_argument("--replies", type=int, help="observation submissions timed (1000)")
    parser.add_argument("--burst", type=int, help="observation submissions per burst (1000)")
    parser.add_argument("--groups", type=int, help="groups (meetings) the forms are of (10)")
    parser.add_argument("--postgres", default=POSTGRES, help="server for a fresh schema")
    args = parser.parse_args()
    for name, full, quick in (
        ("requests", 2000, 200),
        ("rounds", 5, 2),
        ("replies", 1000, 100),
        ("burst", 1000, 150),
        ("groups", 10, 2),
    ):
        if getattr(args, name) is None:
            setattr(args, name, quick if args.quick else full)
    return args


def main() -> None:
    args = parse()
    results = Results()
    from tests.e2e.slack.conftest import NAMES

    fake = TimedSlack(names=dict(NAMES))
    fake.start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folders = [Path(tmp) / name for name in ("side", "sqlite", "postgres")]
            for folder in folders:
                folder.mkdir()
            run_side_by_side(args, fake, folders[0], results)
            sqlite = f"sqlite:///{folders[1] / 'bench.db'}"
            results.bursts["Datadialog SQLite file"] = run_burst(fake, folders[1], sqlite, args)
            results.bursts["Datadialog PostgreSQL"] = run_postgres(args, fake, folders[2])
    finally:
        fake.stop()
    report_acks(args, results)
    report_replies(args, results)
    report_bursts(args, results)


if __name__ == "__main__":
    main()
