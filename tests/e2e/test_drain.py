"""SIGTERM drains: new requests get 503, acknowledged work finishes, the exit is bounded.

`datadialog serve` runs as a subprocess on SQLite against the fake Slack Web API, whose
chat.postMessage is made slow so that acknowledged observation submissions are still
being worked on when SIGTERM arrives. Every submission that got its 2xx must then be
stored and posted before the process exits with code 0; /readyz and a new request are
answered 503 meanwhile. A second test holds the work past the bound: the process says
how many requests were still running and exits anyway, within the bound.
"""

from __future__ import annotations

import json
import signal
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from sqlalchemy import text

from storage.database import make_engine
from tests.e2e.serve import ServedBot, free_port
from tests.e2e.slack.conftest import NAMES, NORD, SECRET, set_up_team_nord, slack_env
from tests.e2e.slack.fake_slack import Call, FakeSlack
from tests.e2e.slack.people import Bot, Person, Workspace, sign

pytestmark = pytest.mark.e2e

SUBMISSIONS = 20
#: Generous: the bound is the behaviour under test, the margin only absorbs a slow machine.
EXIT_MARGIN = 10.0
PEOPLE = (("U0ALI", "Ali"), ("U0BO", "Bo"), ("U0CAI", "Cai"), ("U0DINA", "Dina"))


@dataclass
class Served:
    bot: ServedBot
    base: str  # http://127.0.0.1:PORT
    workspace: Workspace
    db: Path


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    fake = FakeSlack(names=dict(NAMES)).start()
    try:
        yield fake
    finally:
        fake.stop()


def serve(tmp_path: Path, slack: FakeSlack, drain_seconds: float) -> Served:
    port = free_port()
    env = slack_env(tmp_path, slack, port, DATADIALOG_DRAIN_SECONDS=str(drain_seconds))
    bot = ServedBot(env, tmp_path)
    bot.wait_for("listening on")
    base = f"http://127.0.0.1:{port}"
    return Served(
        bot, base, Workspace(f"{base}/slack/events", SECRET, slack), tmp_path / "datadialog.db"
    )


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
    except urllib.error.URLError as error:  # the process is gone
        return 0, str(error.reason)


def observation_form(served: Served) -> Call:
    """Team Nord set up, meeting 1 in step 2 (explore): the observation form Cai opened."""
    workspace, bot = served.workspace, Bot(served.workspace)
    set_up_team_nord(workspace, bot)
    lea = workspace.person("U0LEA", "Lea")
    lea.slash("start", NORD)
    step1 = bot.posts(NORD, "Step 1 of 4")
    lea.click(step1, "dd_advance")
    step2 = bot.posts(NORD, "Step 2 of 4")
    workspace.person("U0CAI", "Cai").click(step2, "dd_open_addobservation")
    form = bot.opens("dd_form_addobservation")
    workspace.slack.quiet()
    return form


def submit_all(served: Served, form: Call, texts: list[str]) -> dict[str, int]:
    """Every text submitted at once, each by one of the participants; the HTTP status of each."""
    people = [served.workspace.person(uid, name) for uid, name in PEOPLE]

    def submit(i: int) -> tuple[str, int]:
        person: Person = people[i % len(people)]
        return texts[i], person.submit(form, text=texts[i]).status

    with ThreadPoolExecutor(len(texts)) as pool:
        return dict(pool.map(submit, range(len(texts))))


def posted(slack: FakeSlack, texts: list[str]) -> set[str]:
    sent = [c.text for c in slack.of("chat.postMessage")]
    return {t for t in texts if any(t in s for s in sent)}


def stored(db: Path) -> set[str]:
    engine = make_engine(f"sqlite:///{db}")
    try:
        with engine.connect() as conn:
            return set(conn.execute(text("SELECT text FROM observations")).scalars())
    finally:
        engine.dispose()


def until_draining(base: str, bot: ServedBot, timeout: float = 10.0) -> tuple[int, str]:
    """/readyz polled right after the signal, until it answers 503 (or the process ends)."""
    deadline = time.monotonic() + timeout
    answer = get(f"{base}/readyz")
    while answer[0] == 200 and bot.proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
        answer = get(f"{base}/readyz")
    return answer


def raw_post(url: str, payload: dict[str, Any]) -> tuple[int, dict[str, str]]:
    body = urlencode({"payload": json.dumps(payload)})
    ts = str(int(time.time()))
    request = urllib.request.Request(
        url,
        data=body.encode(),
        method="POST",
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Slack-Request-Timestamp": ts,
            "X-Slack-Signature": sign(SECRET, ts, body),
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, dict(answer.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)


def test_sigterm_finishes_every_acknowledged_submission_and_refuses_new_ones(
    tmp_path, slack: FakeSlack
) -> None:
    drain_seconds = 5.0
    served = serve(tmp_path, slack, drain_seconds)
    try:
        assert get(f"{served.base}/readyz") == (200, "ready")
        assert get(f"{served.base}/healthz") == (200, "ok")
        form = observation_form(served)

        # Slow Slack: two requests are worked on at a time, each post takes 0.15 s.
        slack.delays["chat.postMessage"] = 0.15
        texts = [f"Drain observation {i:02d}" for i in range(SUBMISSIONS)]
        statuses = submit_all(served, form, texts)
        acked = sorted(t for t, status in statuses.items() if 200 <= status < 300)
        posted_before = len(posted(slack, texts))
        stored_before = len(stored(served.db) & set(texts))

        served.bot.proc.send_signal(signal.SIGTERM)
        signalled = time.monotonic()
        readyz = until_draining(served.base, served.bot)
        late = served.workspace.person("U0BO", "Bo").submit(form, text="Too late to drain")
        refused = raw_post(served.workspace.bot_url, {"type": "view_submission"})
        code = served.bot.proc.wait(timeout=drain_seconds + EXIT_MARGIN)
        took = time.monotonic() - signalled
    finally:
        served.bot.stop()

    kept, sent = stored(served.db), posted(slack, [*texts, "Too late to drain"])
    print(
        f"\n{len(texts)} submitted, {len(acked)} acknowledged (2xx); "
        f"at SIGTERM {stored_before} stored, {posted_before} posted "
        f"({len(acked) - posted_before} in flight); "
        f"after exit {len(kept & set(acked))} stored and {len(sent & set(acked))} posted; "
        f"/readyz while draining {readyz[0]} {readyz[1]!r}; new request {late.status}; "
        f"exit code {code} after {took:.2f} s (bound {drain_seconds:g} s)"
    )
    assert acked == sorted(texts), statuses  # every submission was acknowledged...
    assert posted_before < len(acked)  # ...and most were still being worked on at SIGTERM
    assert readyz == (503, "draining")
    assert late.status == 503
    assert refused[0] == 503 and refused[1].get("Retry-After") == "1"
    assert code == 0
    assert set(acked) <= kept  # every acknowledged submission is stored...
    assert set(acked) <= sent  # ...and was posted in the channel
    assert "Too late to drain" not in kept | sent  # the refused one changed nothing
    assert not any("still running" in line for line in served.bot.output), served.bot.output


def test_work_past_the_bound_is_counted_and_the_process_exits_anyway(
    tmp_path, slack: FakeSlack
) -> None:
    drain_seconds = 1.0
    served = serve(tmp_path, slack, drain_seconds)
    try:
        form = observation_form(served)
        slack.delays["chat.postMessage"] = 3.0  # longer than the bound
        texts = [f"Held observation {i}" for i in range(4)]
        statuses = submit_all(served, form, texts)
        served.bot.proc.send_signal(signal.SIGTERM)
        signalled = time.monotonic()
        code = served.bot.proc.wait(timeout=drain_seconds + EXIT_MARGIN)
        took = time.monotonic() - signalled
    finally:
        served.bot.stop()
    said = [line for line in served.bot.output if "still running" in line]
    print(f"\n{len(statuses)} acknowledged; exit code {code} after {took:.2f} s: {said}")
    assert set(statuses.values()) == {200}
    assert code == 0
    assert len(said) == 1 and "drain stopped after 1 s" in said[0], served.bot.output
