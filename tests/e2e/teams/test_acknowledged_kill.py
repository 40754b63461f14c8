"""Killed mid-stream, started again: every Teams activity answered 2xx is kept (issue 11).

`datadialog serve` (Teams, dev mode) runs on its own PostgreSQL schema (a SQLite file
when no PostgreSQL answers) against the fake Bot Connector. Meeting 1 of Team Nord is in
step 2 (explore); then 80 observations with unique texts, each an Action.Submit from the
step card (a `message` activity), are offered at 50/s and the process gets SIGKILL or
SIGTERM after about 0.8 s. A second `serve` on the same database comes up and, as the
Bot Connector does, every activity that got no 2xx is delivered again (same activity
id) until it gets one. Then every observation must be stored exactly once and posted to
the channel exactly once: an activity the first process claimed but never finished must
not be dropped as "already seen" when it comes again.
"""

from __future__ import annotations

import signal
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from tests.e2e import flood
from tests.e2e.serve import ServedBot
from tests.e2e.teams.conftest import serve
from tests.e2e.teams.fake_connector import FakeConnector
from tests.e2e.teams.people import NORD, Response, Team

pytestmark = pytest.mark.e2e  # on PostgreSQL when one answers (see tests/e2e/flood.py)

OFFERED = 80
RATE = 50.0  # activities started per second
KILL_AFTER = 0.8  # seconds into the stream
DRAIN_SECONDS = 2.0
CARD = "application/vnd.microsoft.card.adaptive"
PEOPLE = (("29:ali", "Ali"), ("29:bo", "Bo"), ("29:cai", "Cai"), ("29:dina", "Dina"))


@pytest.fixture
def database_url(tmp_path) -> Iterator[str]:
    yield from flood.postgres_or_sqlite(tmp_path)


@pytest.fixture
def connector() -> Iterator[FakeConnector]:
    fake = FakeConnector().start()
    try:
        yield fake
    finally:
        fake.stop()


@dataclass
class Recorder(Team):
    """A team whose people's activities are kept, not sent (to send them later, and again)."""

    built: list[dict[str, Any]] = field(default_factory=list)

    def post(self, activity: dict[str, Any]) -> Response:
        self.built.append(activity)
        return Response(0, None)


def start(tmp_path, url: str, connector: FakeConnector) -> ServedBot:
    return serve(
        tmp_path,
        connector,
        DATADIALOG_DATABASE_URL=url,
        DATADIALOG_REMINDER_TICK_SECONDS="3600",
        DATADIALOG_INBOX_LEASE_SECONDS=flood.LEASE_SECONDS,
        DATADIALOG_DRAIN_SECONDS=f"{DRAIN_SECONDS:g}",
    )


def explore(team: Team, connector: FakeConnector) -> Any:
    """Team Nord set up, meeting 1 in step 2 (explore): the step card."""
    lea = team.person("29:lea", "Lea")
    people = [team.person(uid, name) for uid, name in PEOPLE]
    assert team.install(lea).status in (200, 201, 202)
    connector.wait_for(NORD, "Hello! I am Datadialog")
    lea.says("setup Team Nord", *people)
    connector.wait_for(NORD, "The group Team Nord is set up")
    lea.says("start")
    lea.presses(connector.wait_for(NORD, "Step 1 of 4", CARD), "advance")
    return connector.wait_for(NORD, "Step 2 of 4", CARD)


def redeliver(team: Team, activities: list[dict[str, Any]], statuses: list[int]) -> int:
    """The Bot Connector's retries: each activity without a 2xx, again, until it gets one
    (at most 5 tries, a second apart). How many were delivered again."""
    again = [i for i, s in enumerate(statuses) if not 200 <= s < 300]
    for _ in range(5):
        for i in [i for i in again if not 200 <= statuses[i] < 300]:
            statuses[i] = flood.attempt(lambda i=i: team.post(activities[i]).status)
        if all(200 <= statuses[i] < 300 for i in again):
            break
        time.sleep(1)
    return len(again)


def channel_posts(connector: FakeConnector) -> list[str]:
    """What each channel post says: its text, or its card's first line (a contribution's
    card also holds its Edit / Withdraw forms, issue 14)."""
    return [c.text.split("\n", 1)[0] for c in connector.of("POST", NORD)]


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_every_acknowledged_activity_is_stored_and_posted_once_after_a_kill(
    how: signal.Signals, database_url: str, connector: FakeConnector, tmp_path
) -> None:
    first = start(tmp_path, database_url, connector)
    second = None
    try:
        step2 = explore(Team(first.url, connector), connector)
        recorder = Recorder(first.url, connector)
        people = [recorder.person(uid, name) for uid, name in PEOPLE]
        texts = [f"Observation {i:03d} by {people[i % 4].name}" for i in range(OFFERED)]
        for i, text in enumerate(texts):
            people[i % 4].fills(step2, "addobservation", submit=True, text=text)
        activities, team = recorder.built, Team(first.url, connector)

        stopper = flood.Stopper(first.proc, how)
        statuses = flood.offer(
            OFFERED,
            RATE,
            lambda i: team.post(activities[i]).status,
            stop_after=KILL_AFTER,
            stop=stopper,
        )
        first_2xx = sum(200 <= s < 300 for s in statuses)
        bound = DRAIN_SECONDS + flood.EXIT_MARGIN if how == signal.SIGTERM else 30.0
        code, took = stopper.exit(bound)

        second = start(tmp_path, database_url, connector)
        again = redeliver(Team(second.url, connector), activities, statuses)
        what = f"Teams {how.name} (2xx at first {first_2xx}, delivered again {again})"
        tally = flood.Tally(what, texts, statuses)

        def measure() -> tuple[Counter[str], Counter[str]]:
            stored = flood.rows(database_url, "SELECT text FROM observations")
            return stored, flood.posted(channel_posts(connector), flood.OBSERVATION_POST)

        flood.settle(measure, tally.acked)
        time.sleep(1.0)  # a late duplicate post would show up now
        tally.stored, tally.sent = measure()
    finally:
        for served in (first, second):
            if served is not None:
                served.stop()

    looked = sum(c.path.startswith("/graph/") for c in connector.calls)  # in-doubt posts
    print(f"\n{tally.line()}; first process exit code {code} after {took:.2f} s; "
          f"Graph look-ups {looked}")  # fmt: skip
    if how == signal.SIGTERM:
        assert code == 0, (
            f"SIGTERM: exit code {code} after {took:.2f} s (bound {DRAIN_SECONDS:g} s "
            f"+ {flood.EXIT_MARGIN:g} s margin); {tally.line()}"
        )
    assert first_2xx, tally.line()  # the stream was under way when the signal came
    assert not tally.problems(), tally.problems()
