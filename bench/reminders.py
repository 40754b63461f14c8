"""Reminder delivery on PostgreSQL: claiming vs a bare SELECT, and sending throughput.

    python bench/reminders.py [--url postgresql+psycopg://postgres@127.0.0.1:5432/test]
                              [--rows 1000000] [--due 10000] [--channels 5000]
                              [--workspaces 50]

1. Claim. A schema of its own gets `--rows` reminder rows (a third sent, the rest
   pending in the future) of which `--due` are due now. In one run it times a bare
   indexed SELECT of the due rows (the claim's own WHERE and ORDER BY) against
   claiming all of them with `ReminderQueue.take` (UPDATE ... WHERE id IN (SELECT
   ... FOR UPDATE SKIP LOCKED) RETURNING, committed at once: the lease) and handing
   them off as `Reminder` objects, at several batch sizes. Target: within 3x of the
   bare SELECT. Marking them sent (one short transaction per row, as the worker
   records each outcome) is timed separately.
2. Send. The same due rows, spread over `--channels` DM channels in `--workspaces`
   workspaces, are sent by a `ReminderWorker` through an HTTP transport to a fake
   Slack Web API (another process) that answers 429 to, and counts, any second
   message to a channel within one second. The transport paces each channel with
   `bot.pacing.ChannelPacer`. Target: >= 500 reminders/s and no violation.

Never run by the test suite. The figures go in the README.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import socket
import statistics
import sys
import time
import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import aiohttp  # noqa: E402
from aiohttp import web  # noqa: E402
from sqlalchemy import create_engine, make_url, select, text  # noqa: E402

from bot.dispatch import SystemClock  # noqa: E402
from bot.pacing import ChannelPacer  # noqa: E402
from bot.scheduler import ReminderWorker  # noqa: E402
from flows.outputs import Output, Say  # noqa: E402
from flows.text.plain import plain  # noqa: E402
from storage.database import make_engine, session_factory, upgrade  # noqa: E402
from storage.reminder_queue import CLAIMABLE, ReminderQueue  # noqa: E402
from storage.reminder_tables import ReminderRow  # noqa: E402
from storage.unit_of_work import SqlUnitOfWork  # noqa: E402

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


# The database ---------------------------------------------------------------------


def make_schema(base: str) -> tuple[str, str]:
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    admin.dispose()
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    return schema, url.render_as_string(hide_password=False)


def drop_schema(base: str, schema: str) -> None:
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


SEED = """
INSERT INTO reminders (kind, recipient, group_id, source, due_at, available_at, payload,
                       status, attempts, last_error, sent_at)
SELECT 'note', 'T' || (i % :workspaces) || '/U' || (i % :channels), :gid, 'history',
       :now - make_interval(secs => i), :now - make_interval(secs => i), '{}'::json, 'sent', 1,
       '', :now - make_interval(secs => i)
FROM generate_series(1, :sent) AS i;
INSERT INTO reminders (kind, recipient, group_id, source, due_at, available_at, payload,
                       status, attempts, last_error)
SELECT 'note', 'T' || (i % :workspaces) || '/U' || (i % :channels), :gid, 'future',
       :now + interval '1 day' + make_interval(secs => i),
       :now + interval '1 day' + make_interval(secs => i), '{}'::json,
       'pending', 0, ''
FROM generate_series(1, :future) AS i;
INSERT INTO reminders (kind, recipient, group_id, source, due_at, available_at, payload,
                       status, attempts, last_error)
SELECT 'note', 'T' || (i % :workspaces) || '/U' || (i % :channels), :gid, 'due',
       :now - interval '1 hour' + make_interval(secs => i * 0.001),
       :now - interval '1 hour' + make_interval(secs => i * 0.001),
       json_build_object('text', 'Reminder ' || i), 'pending', 0, ''
FROM generate_series(1, :due) AS i;
"""


def seed(url: str, rows: int, due: int, channels: int, workspaces: int, now: datetime) -> None:
    upgrade(url)
    engine = make_engine(url)
    with engine.begin() as conn:
        gid = conn.execute(
            text(
                "INSERT INTO groups (name, level, cadence_days, channel, timezone, vote_budget,"
                " timebox_since_last, timebox_explore, timebox_interpret, timebox_prepare_action"
                ") VALUES ('Bench', 'citizen', 14, '', 'Europe/Copenhagen', 3, 15, 20, 20, 20)"
                " RETURNING id"
            )
        ).scalar_one()
        sent = rows // 3
        params = dict(
            gid=gid,
            now=now,
            sent=sent,
            future=rows - sent - due,
            due=due,
            channels=channels,
            workspaces=workspaces,
        )
        for statement in SEED.split(";"):
            if statement.strip():
                conn.execute(text(statement), params)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE reminders"))
    engine.dispose()


def reset_due(engine) -> None:  # type: ignore[no-untyped-def]
    with engine.begin() as conn:
        conn.execute(
            text(
                "UPDATE reminders SET status = 'pending', available_at = due_at, attempts = 0,"
                " claimed_by = NULL, sent_at = NULL WHERE source = 'due'"
            )
        )
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE reminders"))


def bare_select(engine, now: datetime) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    query = (
        select(*ReminderRow.__table__.columns)
        .where(ReminderRow.status.in_(CLAIMABLE), ReminderRow.available_at <= now)
        .order_by(ReminderRow.available_at)
    )
    with engine.connect() as conn:
        start = time.perf_counter()
        rows = conn.execute(query).all()
        took = time.perf_counter() - start
    return took, len(rows)


def claim_all(engine, now: datetime, batch: int) -> tuple[float, float, int]:  # type: ignore[no-untyped-def]
    """Take every due row in batches (leased, as a worker does) and hand them off as
    `Reminder` objects; the time to take, and separately the time to mark them sent."""
    queue = ReminderQueue(engine, "bench", timedelta(minutes=5))
    taking = marking = 0.0
    handed = 0
    while True:
        start = time.perf_counter()
        taken = queue.take(now, batch)
        taking += time.perf_counter() - start
        if not taken.reminders:
            break
        handed += len(taken.reminders)
        start = time.perf_counter()
        for r in taken.reminders:
            taken.sent(r, now)
        taken.finish()
        marking += time.perf_counter() - start
    queue.close()
    return taking, marking, handed


def explain(engine, now: datetime) -> str:  # type: ignore[no-untyped-def]
    with engine.connect() as conn:
        plan = conn.execute(
            text(
                "EXPLAIN SELECT id FROM reminders WHERE status IN ('pending', 'claimed')"
                " AND available_at <= :now ORDER BY available_at LIMIT 20"
            ),
            {"now": now},
        ).all()
    return " / ".join(row[0].strip() for row in plan[:3])


# The fake Slack Web API (its own process) ------------------------------------------------


def fake_slack(port: int, ready) -> None:  # type: ignore[no-untyped-def]
    last: dict[tuple[str, str], float] = {}
    stats: Counter[str] = Counter()
    gaps: list[float] = []

    async def post(request: web.Request) -> web.Response:
        body = await request.json()
        key = (request.headers.get("Authorization", ""), body.get("channel", ""))
        now = time.monotonic()
        previous = last.get(key)
        if previous is not None and now - previous < 1.0:
            stats["violations"] += 1
            return web.json_response(
                {"ok": False, "error": "ratelimited"}, status=429, headers={"Retry-After": "1"}
            )
        if previous is not None:
            gaps.append(now - previous)
        last[key] = now
        stats["ok"] += 1
        return web.json_response({"ok": True, "channel": body.get("channel"), "ts": str(now)})

    async def get_stats(request: web.Request) -> web.Response:
        return web.json_response(
            {**stats, "channels": len(last), "min_gap": min(gaps) if gaps else None}
        )

    app = web.Application()
    app.router.add_post("/api/chat.postMessage", post)
    app.router.add_get("/stats", get_stats)
    ready.set()
    web.run_app(app, host="127.0.0.1", port=port, print=None, access_log=None)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class HttpTransport:
    """The minimum of a Slack transport: a DM per `ToUser`, paced per channel."""

    def __init__(self, session: aiohttp.ClientSession, base: str) -> None:
        self.session, self.base = session, base
        self.pacer = ChannelPacer(1.0)

    async def deliver(self, output: Output) -> None:
        assert isinstance(output, Say)
        workspace, user = output.to.user_id.split("/")  # type: ignore[union-attr]
        channel = f"D{user}"
        await self.pacer.wait((workspace, channel))
        async with self.session.post(
            f"{self.base}/api/chat.postMessage",
            json={"channel": channel, "text": plain(output, "da")},
            headers={"Authorization": f"Bearer xoxb-{workspace}"},
        ) as response:
            if response.status != 200:
                raise ConnectionError(f"Slack answered {response.status}")


async def send_all(url: str, port: int, due: int, in_flight: int, batch: int) -> dict:
    engine = make_engine(url)
    factory = session_factory(engine)
    connector = aiohttp.TCPConnector(limit=200)
    async with aiohttp.ClientSession(connector=connector) as session:
        transport = HttpTransport(session, f"http://127.0.0.1:{port}")
        queue = ReminderQueue(engine, "bench-send", timedelta(minutes=5))
        worker = ReminderWorker(
            queue,
            lambda: SqlUnitOfWork(factory),
            SystemClock(),
            transport.deliver,
            batch=batch,
            max_in_flight=in_flight,
        )
        start = time.perf_counter()
        counts = await worker.tick()
        took = time.perf_counter() - start
        async with session.get(f"http://127.0.0.1:{port}/stats") as response:
            stats = await response.json()
    queue.close()
    engine.dispose()
    return {"seconds": took, "counts": dict(counts), "slack": stats, "rate": counts["sent"] / took}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", default=DEFAULT_URL)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--due", type=int, default=10_000)
    parser.add_argument("--channels", type=int, default=5_000)
    parser.add_argument("--workspaces", type=int, default=50)
    parser.add_argument("--batches", type=int, nargs="+", default=[20, 50, 100, 500])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    schema, url = make_schema(args.url)
    try:
        now = datetime.now(UTC)
        t0 = time.perf_counter()
        seed(url, args.rows, args.due, args.channels, args.workspaces, now)
        print(f"seeded {args.rows:,} rows ({args.due:,} due) in {time.perf_counter() - t0:.1f} s")
        engine = make_engine(url)
        print(f"plan: {explain(engine, now)}")
        print("\n1. claim and hand off every due row vs a bare indexed SELECT of them")
        for batch in args.batches:
            bares, takes, marks = [], [], []
            for _ in range(args.repeat):
                took, n = bare_select(engine, now)
                assert n == args.due, n
                bares.append(took)
                took, marked, n = claim_all(engine, now, batch)
                assert n == args.due, n
                takes.append(took)
                marks.append(marked)
                reset_due(engine)
            bare, take = statistics.median(bares), statistics.median(takes)
            verdict = "ok" if take <= 3 * bare else "OVER 3x"
            print(
                f"   batch {batch:>4}: bare SELECT {bare * 1000:6.1f} ms · "
                f"claim + hand off {take * 1000:6.1f} ms = {take / bare:3.1f}x {verdict}"
                f" · (then marking sent {statistics.median(marks) * 1000:6.1f} ms)"
            )
        engine.dispose()

        print("\n2. send to a fake Slack Web API (1 message/s/channel enforced)")
        port = free_port()
        ready = multiprocessing.Event()
        server = multiprocessing.Process(target=fake_slack, args=(port, ready), daemon=True)
        server.start()
        ready.wait(10)
        time.sleep(0.5)
        result = asyncio.run(send_all(url, port, args.due, in_flight=200, batch=50))
        server.terminate()
        slack = result["slack"]
        print(
            f"   {result['counts'].get('sent', 0):,} sent in {result['seconds']:.1f} s = "
            f"{result['rate']:.0f} reminders/s over {slack.get('channels')} channels in "
            f"{args.workspaces} workspaces; 429 (rate-limit violations): "
            f"{slack.get('violations', 0)}; closest two messages to one channel: "
            f"{slack.get('min_gap') or 0:.2f} s"
        )
    finally:
        drop_schema(args.url, schema)


if __name__ == "__main__":
    main()
