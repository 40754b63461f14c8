"""Killed mid-stream, started again: every observation Slack got a 2xx for is kept (issue 11).

`datadialog serve` runs on its own PostgreSQL schema against the fake Slack. Meeting 1
of Team Nord is in step 2 (explore) and Cai has opened the observation form; then 300
observation submissions with unique texts, from the four participants, are offered at
100/s (one request started every 10 ms, whether or not earlier ones were answered) and
the process gets SIGKILL or SIGTERM after about 1.2 s. A second `serve` on the same
database must then store every acknowledged observation exactly once and post it to
the channel exactly once. Slack never resends an interaction it got a 2xx for, so an
acknowledged observation that is not stored is lost without anyone noticing. SIGTERM
must also end the first process with code 0 within DATADIALOG_DRAIN_SECONDS (2 s,
less than working off the backlog takes, so surviving it needs a durable inbox).
"""

from __future__ import annotations

import signal
from collections import Counter
from collections.abc import Iterator

import pytest

from tests.e2e import flood
from tests.e2e.slack.fake_slack import FakeSlack

pytestmark = pytest.mark.e2e  # on PostgreSQL when one answers (see tests/e2e/flood.py)

OFFERED = 300
RATE = 100.0  # requests started per second
KILL_AFTER = 1.2  # seconds into the stream
#: Shorter than working off what was acknowledged before the signal takes: acknowledged
#: work must survive by being stored, not by being finished in time.
DRAIN_SECONDS = 2.0


@pytest.fixture
def pg_url() -> Iterator[str]:
    yield from flood.postgres_schema()


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_every_acknowledged_observation_is_stored_and_posted_once_after_a_kill(
    how: signal.Signals, pg_url: str, slack: FakeSlack, tmp_path
) -> None:
    drain = {"DATADIALOG_DRAIN_SECONDS": f"{DRAIN_SECONDS:g}"}
    first = flood.serve_slack(tmp_path, slack, pg_url, **drain)
    second = None
    try:
        workspace = flood.workspace(first, slack)
        form = flood.open_form(workspace, flood.explore(workspace), "addobservation")
        people = flood.participants(workspace)
        texts = [f"Observation {i:03d} by {people[i % 4].name}" for i in range(OFFERED)]

        def submit(i: int) -> int:
            return people[i % 4].submit(form, text=texts[i]).status

        stopper = flood.Stopper(first.proc, how)
        statuses = flood.offer(OFFERED, RATE, submit, stop_after=KILL_AFTER, stop=stopper)
        bound = DRAIN_SECONDS + flood.EXIT_MARGIN if how == signal.SIGTERM else 30.0
        code, took = stopper.exit(bound)

        second = flood.serve_slack(tmp_path, slack, pg_url, **drain)
        tally = flood.Tally(f"Slack {how.name}", texts, statuses)

        def measure() -> tuple[Counter[str], Counter[str]]:
            stored = flood.rows(pg_url, "SELECT text FROM observations")
            return stored, flood.posted(flood.channel_posts(slack), flood.OBSERVATION_POST)

        flood.settle(measure, tally.acked)
        slack.quiet(1.0)  # a late duplicate post would show up now
        tally.stored, tally.sent = measure()
    finally:
        for served in (first, second):
            if served is not None:
                served.stop()

    print(f"\n{tally.line()}; first process exit code {code} after {took:.2f} s")
    if how == signal.SIGTERM:
        assert code == 0, (
            f"SIGTERM: exit code {code} after {took:.2f} s (bound {DRAIN_SECONDS:g} s "
            f"+ {flood.EXIT_MARGIN:g} s margin); {tally.line()}"
        )
    assert tally.acked, tally.line()  # the stream was under way when the signal came
    assert not tally.problems(), tally.problems()
