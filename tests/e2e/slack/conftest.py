"""A fake Slack, and `datadialog serve` as a real subprocess talking to it over HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.serve import ServedBot, environment, free_port
from tests.e2e.slack.fake_slack import FakeSlack
from tests.e2e.slack.people import Bot, Workspace

SECRET = "test-signing-secret"
BOT_TOKEN = "xoxb-test-bot-token"
NAMES = {"U0LEA": "Lea", "U0ALI": "Ali", "U0BO": "Bo", "U0CAI": "Cai", "U0DINA": "Dina"}


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    fake = FakeSlack(names=dict(NAMES)).start()
    try:
        yield fake
    finally:
        fake.stop()
    assert not fake.violations, "Slack would refuse:\n" + "\n".join(fake.violations)


def slack_env(tmp_path: Path, slack: FakeSlack, port: int, **extra: str) -> dict[str, str]:
    env = environment(
        f"sqlite:///{tmp_path / 'datadialog.db'}",
        DATADIALOG_PORT=str(port),
        DATADIALOG_HOST="127.0.0.1",
        DATADIALOG_SLACK_API_URL=slack.api_url,
        DATADIALOG_REMINDER_TICK_SECONDS="3600",  # no reminder run in the middle of a turn
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=SECRET,
    )
    for key in ("SLACK_APP_TOKEN", "SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET"):
        env.pop(key, None)
    env.update(extra)
    return env


@pytest.fixture
def served(tmp_path, slack) -> Iterator[ServedBot]:
    port = free_port()
    bot = ServedBot(slack_env(tmp_path, slack, port), tmp_path)
    bot.wait_for("listening on")
    bot.url = f"http://127.0.0.1:{port}/slack/events"  # type: ignore[attr-defined]
    try:
        yield bot
    finally:
        bot.stop()


@pytest.fixture
def socket_served(tmp_path, slack) -> Iterator[ServedBot]:
    """The same process, connected over the fake's Socket Mode WebSocket (SLACK_APP_TOKEN)."""
    port = free_port()
    env = slack_env(tmp_path, slack, port, SLACK_APP_TOKEN="xapp-test-app-token")
    bot = ServedBot(env, tmp_path)
    bot.wait_for("Socket Mode")
    bot.url = f"http://127.0.0.1:{port}/slack/events"  # type: ignore[attr-defined]
    try:
        yield bot
    finally:
        bot.stop()


@pytest.fixture
def socket_workspace(socket_served, slack) -> Workspace:
    return Workspace(socket_served.url, SECRET, slack, socket_mode=True)


@pytest.fixture
def workspace(served, slack) -> Workspace:
    return Workspace(served.url, SECRET, slack)


@pytest.fixture
def bot(workspace) -> Bot:
    return Bot(workspace)


NORD = "C0NORD"
LEADER = "U0LEA"
PARTICIPANTS = ("U0ALI", "U0BO", "U0CAI", "U0DINA")


def set_up_team_nord(workspace: Workspace, bot: Bot) -> None:
    """Lea sets up Team Nord in #team-nord through the setup modal."""
    lea = workspace.person(LEADER, "Lea")
    lea.slash("setup", NORD)
    lea.submit(
        bot.opens("dd_setup"),
        name="Team Nord",
        leader=LEADER,
        participants=list(PARTICIPANTS),
        channel=NORD,
    )
    bot.posts(NORD, "The group Team Nord is set up")
    workspace.slack.quiet()  # and whatever else setting up sends (calendar invitations)
