"""Floods of contributions for the "nothing acknowledged is ever lost" tests (issue 11).

`offer` starts one request every 1/rate seconds in a thread pool (each request's HTTP
status kept, 0 for a connection that failed) and can stop the process mid-stream;
`at_once` releases all requests together. `rows` counts what the database holds per
text, `posted` what the bot posted per text (only posts that announce exactly one
contribution), and `Tally` compares both with what was acknowledged: every 2xx must
be stored exactly once and posted exactly once, and nothing is ever duplicated.
"""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.e2e.serve import ServedBot, free_port
from tests.e2e.slack.conftest import NORD, SECRET, set_up_team_nord, slack_env
from tests.e2e.slack.fake_slack import Call, FakeSlack
from tests.e2e.slack.people import Bot, Person, Workspace
from tests.integration.conftest import PG_ENV, _postgres_schema_url

#: DATADIALOG_INBOX_LEASE_SECONDS: a request a dead process was working on is taken over
#: by another process after this many seconds.
LEASE_SECONDS = "2"
#: Generous: the drain bound is the behaviour under test, the margin absorbs a slow machine.
EXIT_MARGIN = 10.0
#: How long to wait for acknowledged work to show up, and for how long no progress at all
#: means nothing more will come (without the inbox the second process picks nothing up).
SETTLE_DEADLINE = 60.0
SETTLE_STILL = 20.0


# Databases ---------------------------------------------------------------------------


def _local_postgres() -> str | None:
    if os.environ.get(PG_ENV):
        return os.environ[PG_ENV]
    try:
        socket.create_connection(("127.0.0.1", 5432), 1).close()
    except OSError:
        return None
    return "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def postgres_schema() -> Iterator[str]:
    """A fresh PostgreSQL schema (dropped afterwards); the test is skipped without one."""
    base = _local_postgres()
    if base is None:
        pytest.skip("no PostgreSQL: set DATADIALOG_TEST_DATABASE_URL")
    schemas = _postgres_schema_url(base)
    try:
        url = next(schemas)
    except Exception as exc:  # pragma: no cover - a server that refuses us
        pytest.skip(f"PostgreSQL not usable: {exc}")
    yield url
    next(schemas, None)


def postgres_or_sqlite(tmp_path: Path) -> Iterator[str]:
    """A PostgreSQL schema when one answers, else a SQLite file (one process at a time)."""
    if _local_postgres() is None:
        yield f"sqlite:///{tmp_path / 'datadialog.db'}"
    else:
        yield from postgres_schema()


def values(url: str, query: str) -> list[object]:
    """The first column of every row `query` selects."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return list(conn.execute(text(query)).scalars())
    finally:
        engine.dispose()


def rows(url: str, query: str) -> Counter[str]:
    """How many rows hold each text (`query` selects one text column)."""
    return Counter(str(v) for v in values(url, query))


# Sending -------------------------------------------------------------------------------


def attempt(send: Callable[[], int]) -> int:
    """The HTTP status of one request; 0 when the connection failed (refused, reset)."""
    try:
        return send()
    except (OSError, http.client.HTTPException):
        return 0


@dataclass
class Stopper:
    """Sends `how` to a process (called by `offer`'s timer), and tells when it exited."""

    proc: subprocess.Popen[str]
    how: signal.Signals
    at: float = 0.0
    exited: float = 0.0

    def __call__(self) -> None:
        self.at = time.monotonic()
        self.proc.send_signal(self.how)
        self._waiter = threading.Thread(target=self._wait, daemon=True)
        self._waiter.start()

    def _wait(self) -> None:
        self.proc.wait()
        self.exited = time.monotonic()

    def exit(self, bound: float) -> tuple[int | None, float]:
        """The exit code (None: still running `bound` s after the signal, then killed) and
        the seconds from the signal to the exit."""
        self._waiter.join(timeout=max(0.0, self.at + bound - time.monotonic()))
        code = self.proc.poll() if self.exited else None
        if code is None:
            self.proc.kill()
            self.proc.wait(timeout=30)
            return None, time.monotonic() - self.at
        return code, self.exited - self.at


def offer(
    count: int, rate: float, send: Callable[[int], int], stop_after: float, stop: Stopper
) -> list[int]:
    """Start request i at i/rate seconds (whether or not earlier ones were answered); call
    `stop` once `stop_after` seconds have passed. The status of each request, in order."""
    timer = threading.Timer(stop_after, stop)
    start = time.monotonic()
    with ThreadPoolExecutor(max_workers=min(count, 128)) as pool:
        timer.start()
        futures = []
        for i in range(count):
            wait = start + i / rate - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            futures.append(pool.submit(attempt, lambda i=i: send(i)))
        statuses = [f.result() for f in futures]
    timer.join()
    return statuses


def at_once(count: int, send: Callable[[int], int]) -> list[int]:
    """All `count` requests released together (one thread each, behind a barrier)."""
    barrier = threading.Barrier(count)

    def one(i: int) -> int:
        barrier.wait(timeout=30)
        return attempt(lambda: send(i))

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(one, range(count)))


# Counting ------------------------------------------------------------------------------


def posted(messages: Iterable[str], pattern: re.Pattern[str]) -> Counter[str]:
    """Per contribution text, how many messages announce it (and only it): `pattern` must
    match a message's whole text, its group "text" being the contribution."""
    return Counter(m["text"] for m in map(pattern.fullmatch, messages) if m)


def settle(
    measure: Callable[[], tuple[Counter[str], Counter[str]]],
    expected: Iterable[str],
    deadline: float = SETTLE_DEADLINE,
    still: float = SETTLE_STILL,
) -> tuple[Counter[str], Counter[str]]:
    """(stored, posted) once every expected text is stored and posted, or at the deadline,
    or once nothing changed for `still` seconds."""
    wanted = set(expected)
    end, last, since = time.monotonic() + deadline, None, time.monotonic()
    while True:
        stored, sent = measure()
        if wanted <= set(stored) and wanted <= set(sent):
            return stored, sent
        now = time.monotonic()
        seen = (sum(stored.values()), sum(sent.values()))
        if seen != last:
            last, since = seen, now
        if now >= end or now - since >= still:
            return stored, sent
        time.sleep(0.25)


@dataclass
class Tally:
    """What was offered, what got a 2xx, and what the database and the channel hold."""

    what: str
    texts: list[str]
    statuses: list[int]
    stored: Counter[str] = field(default_factory=Counter)
    sent: Counter[str] = field(default_factory=Counter)

    @property
    def acked(self) -> list[str]:
        return [t for t, s in zip(self.texts, self.statuses, strict=True) if 200 <= s < 300]

    @property
    def lost(self) -> list[str]:
        return [t for t in self.acked if self.stored[t] == 0]

    @property
    def unposted(self) -> list[str]:
        """Acknowledged and stored, but never announced in the channel."""
        return [t for t in self.acked if self.stored[t] and not self.sent[t]]

    @property
    def duplicated(self) -> list[str]:
        """Stored or posted more than once (acknowledged or not)."""
        return [t for t in self.texts if self.stored[t] > 1 or self.sent[t] > 1]

    def line(self) -> str:
        acked = self.acked
        statuses = dict(sorted(Counter(self.statuses).items()))
        return (
            f"{self.what}: offered {len(self.texts)}, 2xx {len(acked)} (statuses {statuses}), "
            f"stored once {sum(self.stored[t] == 1 for t in acked)}, "
            f"posted once {sum(self.sent[t] == 1 for t in acked)}, lost {len(self.lost)}, "
            f"stored but never posted {len(self.unposted)}, "
            f"duplicated {len(self.duplicated)}"
        )

    def problems(self) -> str:
        """'' when every 2xx is stored and posted exactly once and nothing is duplicated."""
        kinds = {"lost": self.lost, "never posted": self.unposted, "duplicated": self.duplicated}
        wrong = {name: found[:5] for name, found in kinds.items() if found}
        return f"{self.line()}; e.g. {wrong}" if wrong else ""


# Slack -------------------------------------------------------------------------------

PARTICIPANTS = (("U0ALI", "Ali"), ("U0BO", "Bo"), ("U0CAI", "Cai"), ("U0DINA", "Dina"))
#: The bot's post for one added observation: "17. Observation 017 by Cai (Cai)".
OBSERVATION_POST = re.compile(r"\d+\. (?P<text>.+) \([^()]*\)")


def serve_slack(tmp_path: Path, slack: FakeSlack, url: str, **extra: str) -> ServedBot:
    """`datadialog serve` on `url` with the fake Slack; `bot.url` is its events URL."""
    port = free_port()
    extra = {"DATADIALOG_INBOX_LEASE_SECONDS": LEASE_SECONDS, **extra}
    bot = ServedBot(
        slack_env(tmp_path, slack, port, DATADIALOG_DATABASE_URL=url, **extra), tmp_path
    )
    bot.url = f"http://127.0.0.1:{port}/slack/events"
    bot.wait_for("listening on")
    return bot


def workspace(bot: ServedBot, slack: FakeSlack) -> Workspace:
    return Workspace(bot.url, SECRET, slack)


def explore(workspace: Workspace) -> Call:
    """Team Nord set up, meeting 1 started and moved to step 2 (explore): its step message."""
    bot = Bot(workspace)
    set_up_team_nord(workspace, bot)
    lea = workspace.person("U0LEA", "Lea")
    lea.slash("start", NORD)
    lea.click(bot.posts(NORD, "Step 1 of 4"), "dd_advance")
    return bot.posts(NORD, "Step 2 of 4")


def open_form(workspace: Workspace, step: Call, form: str, user: str = "U0CAI") -> Call:
    """The modal `form` someone opened from a step message (any participant may submit it)."""
    workspace.person(user, "Cai").click(step, f"dd_open_{form}")
    opened = Bot(workspace).opens(f"dd_form_{form}")
    workspace.slack.quiet()
    return opened


def participants(workspace: Workspace) -> list[Person]:
    """Ali, Bo, Cai and Dina, sending to `workspace`'s process."""
    return [workspace.person(uid, name) for uid, name in PARTICIPANTS]


def channel_posts(slack: FakeSlack, channel: str = NORD) -> list[str]:
    calls = slack.of("chat.postMessage")
    return [str(c.params.get("text", "")) for c in calls if c.channel == channel]
