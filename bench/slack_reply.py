"""Reply time and throughput for bench/slack_ack.py: observation submissions, timed at the fake.

Every request is a signed view_submission of the observation form (built by the e2e
harness, tests/e2e/slack/people.py) whose text carries a unique marker. `TimedSlack`
(the tests' fake Slack Web API, in a thread of this process) notes when the first
chat.postMessage / chat.postEphemeral / response_url call carrying each marker arrives,
on the same monotonic clock the load generator reads.

  replies  `concurrency` people, each submits and waits until the bot's reply (the
           marker posted back) has arrived, then submits the next: time to the ack and
           time to the reply, per request.
  burst    `total` submissions sent as fast as they are acked over `concurrency`
           connections: seconds from the first send until the last ack, the last row
           stored in `observations` (polled) and the last reply posted.
"""

from __future__ import annotations

import asyncio
import itertools
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import aiohttp

from bench.slack_servers import SECRET, signed
from tests.e2e.slack.fake_slack import Call, FakeSlack
from tests.e2e.slack.people import Person, Response, Workspace

MARKER = re.compile(r"bench\d+x\d+")
REPLIES = ("chat.postMessage", "chat.postEphemeral", "response_url")
PEOPLE = (("U0ALI", "Ali"), ("U0BO", "Bo"), ("U0CAI", "Cai"), ("U0DINA", "Dina"))
REPLY_TIMEOUT = 120.0
_runs = itertools.count(1)


class TimedSlack(FakeSlack):
    """The e2e fake Slack, noting when each marker first comes back in a reply."""

    def __post_init__(self) -> None:
        super().__post_init__()
        self.arrived: dict[str, float] = {}
        self._waiters: dict[str, Callable[[float], object]] = {}
        self.last_at = 0.0  # when the last call of any kind arrived

    def expect(self, marker: str, callback: Callable[[float], object]) -> None:
        """Call `callback(arrival time)` from the fake's thread when `marker` is posted."""
        with self._lock:
            self._waiters[marker] = callback

    def arrivals(self, markers: list[str]) -> list[float | None]:
        with self._lock:
            return [self.arrived.get(m) for m in markers]

    def _record(self, call: Call) -> None:
        now = self.last_at = time.monotonic()
        super()._record(call)
        if call.method not in REPLIES:
            return
        for marker in MARKER.findall(call.text):
            with self._lock:
                if marker in self.arrived:
                    continue
                self.arrived[marker] = now
                callback = self._waiters.pop(marker, None)
            if callback is not None:
                callback(now)


@dataclass
class _Capture(Workspace):
    """A workspace that keeps the body it would send instead of sending it."""

    body: str = ""

    def post(self, body: str, content_type: str, **http: Any) -> Response:
        self.body = body
        return Response(200, "")


class Submissions:
    """Bodies of the observation forms (one per group, in turn), each submitted by the four
    participants in turn."""

    def __init__(self, fake: FakeSlack, forms: list[Call]) -> None:
        self.capture = _Capture("", SECRET, fake)
        self.people = [Person(self.capture, uid, name) for uid, name in PEOPLE]
        self.forms = forms
        self.run = next(_runs)

    def marker(self, n: int) -> str:
        return f"bench{self.run}x{n}"

    def body(self, n: int) -> str:
        form, turn = self.forms[n % len(self.forms)], n // len(self.forms)
        self.people[turn % len(self.people)].submit(form, text=f"Seen {self.marker(n)}")
        return self.capture.body

    def bodies(self, total: int) -> list[str]:
        """Built before a run starts, so that building them takes no time from it."""
        return [self.body(n) for n in range(total)]


async def _post(session: aiohttp.ClientSession, url: str, body: str) -> None:
    async with session.post(url, data=body, headers=signed(body)) as response:
        await response.read()
        if response.status != 200:
            raise RuntimeError(f"HTTP {response.status} from {url}")


def _ms(seconds: float) -> float:
    return seconds * 1000


@dataclass
class Timings:
    acks: list[float] = field(default_factory=list)  # ms
    replies: list[float] = field(default_factory=list)  # ms
    missing: int = 0  # no reply within REPLY_TIMEOUT


async def _replies(
    url: str, fake: TimedSlack, forms: list[Call], total: int, concurrency: int
) -> Timings:
    loop = asyncio.get_running_loop()
    submissions, timings, counter = Submissions(fake, forms), Timings(), iter(range(total))
    bodies = submissions.bodies(total)

    def settle(future: asyncio.Future[float], at: float) -> None:
        if not future.done():
            future.set_result(at)

    async def one(session: aiohttp.ClientSession, n: int) -> None:
        arrived: asyncio.Future[float] = loop.create_future()
        fake.expect(
            submissions.marker(n), lambda at: loop.call_soon_threadsafe(settle, arrived, at)
        )
        started = time.monotonic()
        await _post(session, url, bodies[n])
        timings.acks.append(_ms(time.monotonic() - started))
        try:
            timings.replies.append(_ms(await asyncio.wait_for(arrived, REPLY_TIMEOUT) - started))
        except TimeoutError:
            timings.missing += 1

    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=concurrency)) as session:

        async def person() -> None:
            for n in counter:
                await one(session, n)

        await asyncio.gather(*(person() for _ in range(concurrency)))
    return timings


def measure_replies(
    url: str, fake: TimedSlack, forms: list[Call], total: int, concurrency: int
) -> Timings:
    asyncio.run(_replies(url, fake, forms, min(50, total), concurrency))  # warm-up
    return asyncio.run(_replies(url, fake, forms, total, concurrency))


# Burst ---------------------------------------------------------------------------


@dataclass
class Burst:
    count: int
    acked: float  # seconds from the first send to the last ack
    stored: float | None  # ... to the last row in `observations` (None: no database, or late)
    posted: float | None  # ... to the last reply posted (None: some never came)


class Observations:
    """The number of rows in the `observations` table of ours' database."""

    def __init__(self, database_url: str) -> None:
        from storage.database import make_engine

        self.engine = make_engine(database_url)

    def count(self) -> int:
        from sqlalchemy import text

        with self.engine.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM observations")).scalar_one())

    async def reached(self, target: int, deadline: float) -> float | None:
        """When the count first reaches `target` (polled every 50 ms), or None at `deadline`."""
        while time.monotonic() < deadline:
            if await asyncio.to_thread(self.count) >= target:
                return time.monotonic()
            await asyncio.sleep(0.05)
        return None


async def _all_posted(fake: TimedSlack, markers: list[str], deadline: float) -> float | None:
    while time.monotonic() < deadline:
        times = fake.arrivals(markers)
        if all(t is not None for t in times):
            return max(t for t in times if t is not None)
        await asyncio.sleep(0.05)
    return None


async def _burst(
    url: str, fake: TimedSlack, forms: list[Call], total: int, concurrency: int,
    observations: Observations | None,
) -> Burst:  # fmt: skip
    submissions, counter = Submissions(fake, forms), iter(range(total))
    bodies = submissions.bodies(total)
    target = await asyncio.to_thread(observations.count) + total if observations else 0
    deadline = time.monotonic() + 60 + total / 5
    started = time.monotonic()
    stored = asyncio.create_task(observations.reached(target, deadline)) if observations else None
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=concurrency)) as session:

        async def sender() -> None:
            for n in counter:
                await _post(session, url, bodies[n])

        await asyncio.gather(*(sender() for _ in range(concurrency)))
    acked = time.monotonic() - started
    stored_at = await stored if stored else None
    posted_at = await _all_posted(fake, [submissions.marker(n) for n in range(total)], deadline)
    return Burst(
        total,
        acked,
        None if stored_at is None else stored_at - started,
        None if posted_at is None else posted_at - started,
    )


def measure_burst(
    url: str, fake: TimedSlack, forms: list[Call], total: int, concurrency: int,
    database_url: str | None = None,
) -> Burst:  # fmt: skip
    observations = Observations(database_url) if database_url else None
    try:
        asyncio.run(_burst(url, fake, forms, min(20, total), concurrency, observations))  # warm-up
        fake.quiet(0.5)
        return asyncio.run(_burst(url, fake, forms, total, concurrency, observations))
    finally:
        if observations is not None:
            observations.engine.dispose()
