"""Slack's Web API hangs on channel posts: a slash command's reply still comes within the
outbound timeout (issue #12).

Measured before: with chat.postMessage hanging for 45 s, a `/dialog status` reply took
45 s. Acknowledged requests are worked on two at a time (`SlackAdapter.busy_limit`),
and the web server's aiohttp session had no timeout of its own, so slack_sdk's was
never applied and aiohttp's 300 s governed: two requests stuck on a channel post held
both turns. Here `datadialog serve` runs with DATADIALOG_OUTBOUND_TIMEOUT_SECONDS=2
against the fake Slack, chat.postMessage answers only after 30 s (`HangingSlack`: the
fake's `delays`, released when the test ends), and two members'
observations (one channel post each) take both turns just before the leader asks for
the status: its reply (an ephemeral message, chat.postEphemeral, which does not hang)
must arrive within the timeout plus a margin for the work itself.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from aiohttp import web

from flows import commands as c
from flows.steps import Step
from tests.e2e.serve import ServedBot, free_port
from tests.e2e.slack.conftest import LEADER, NAMES, NORD, SECRET, set_up_team_nord, slack_env
from tests.e2e.slack.fake_slack import FakeSlack
from tests.e2e.slack.people import Bot, Workspace

pytestmark = pytest.mark.e2e

TIMEOUT = 2.0
HANG = 30.0
MARGIN = 1.5  # the status itself: a claim, two queries, one Web API call


@dataclass
class HangingSlack(FakeSlack):
    """The fake Slack whose `hangs` methods answer only after that many seconds, or once
    `release` is set (so that the fake can stop without waiting them out)."""

    hangs: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        super().__post_init__()
        self.release = threading.Event()

    async def _api(self, request: web.Request) -> web.Response:
        seconds = self.hangs.get(request.match_info["method"])
        if seconds:
            await asyncio.to_thread(self.release.wait, seconds)
        return await super()._api(request)


@pytest.fixture
def slack() -> Iterator[HangingSlack]:
    fake = HangingSlack(names=dict(NAMES)).start()
    try:
        yield fake
    finally:
        fake.release.set()
        fake.stop()


@pytest.fixture
def served_with_timeout(tmp_path, slack) -> Iterator[ServedBot]:
    port = free_port()
    env = slack_env(tmp_path, slack, port, DATADIALOG_OUTBOUND_TIMEOUT_SECONDS=f"{TIMEOUT:g}")
    bot = ServedBot(env, tmp_path)
    bot.wait_for("listening on")
    bot.url = f"http://127.0.0.1:{port}/slack/events"  # type: ignore[attr-defined]
    try:
        yield bot
    finally:
        bot.stop()


def test_a_status_reply_is_not_held_by_channel_posts_that_hang(
    served_with_timeout: ServedBot, slack: HangingSlack, report
) -> None:
    workspace = Workspace(served_with_timeout.url, SECRET, slack)  # type: ignore[attr-defined]
    bot = Bot(workspace)
    set_up_team_nord(workspace, bot)
    lea = workspace.person(LEADER, "Lea")
    cai, bo = workspace.person("U0CAI", "Cai"), workspace.person("U0BO", "Bo")
    lea.slash("start", NORD)
    step1 = bot.posts(NORD, "Step 1 of 4")
    slack.quiet()
    lea.click_choice(step1, c.Advance, expected_step=Step.SINCE_LAST)
    step2 = bot.posts(NORD, "Step 2 of 4")
    slack.quiet()
    forms = []
    for person in (cai, bo):
        person.click(step2, "dd_open_addobservation")
        forms.append(bot.opens("dd_form_addobservation"))
    slack.quiet()

    slack.hangs["chat.postMessage"] = HANG  # every channel post (and DM) hangs from now on
    for person, form in zip((cai, bo), forms, strict=True):
        assert person.submit(form, text=f"{person.name} saw calmer evenings").status == 200
    time.sleep(0.5)  # both observations are now stuck on their channel post
    started = time.monotonic()
    lea.slash("status", NORD)
    bot.tells(LEADER, "Status of Team Nord")
    waited = time.monotonic() - started
    assert waited <= TIMEOUT + MARGIN, f"the status reply took {waited:.1f} s"
    report(
        f"chat.postMessage hanging {HANG:g} s, two observations stuck on it, timeout "
        f"{TIMEOUT:g} s: the status reply came after {waited:.2f} s"
    )


@pytest.fixture
def report(capsys):  # type: ignore[no-untyped-def]
    def write(line: str) -> None:
        with capsys.disabled():
            print(f"\n  {line}")

    return write
