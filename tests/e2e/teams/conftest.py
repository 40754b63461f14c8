"""A fake Bot Connector, and `datadialog serve` as a real subprocess answering Teams."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.serve import ServedBot, environment, free_port
from tests.e2e.teams.fake_connector import FakeConnector
from tests.e2e.teams.people import Team

APP_ID = "datadialog-app-id"


def teams_env(tmp_path: Path, port: int, **extra: str) -> dict[str, str]:
    """The bot's environment; Microsoft Graph is nowhere (a closed port) unless `extra`
    points DATADIALOG_TEAMS_GRAPH_URL at a fake (`serve` with a connector does)."""
    env = environment(
        f"sqlite:///{tmp_path / 'datadialog.db'}",
        DATADIALOG_PORT=str(port),
        DATADIALOG_HOST="127.0.0.1",
        DATADIALOG_DEV_MODE="true",
        DATADIALOG_REMINDER_TICK_SECONDS="1",
        DATADIALOG_TEAMS_PUBLIC_URL=f"http://127.0.0.1:{port}",  # charts by signed link
        TEAMS_APP_ID=APP_ID,
        DATADIALOG_TEAMS_GRAPH_URL="http://127.0.0.1:9/graph/",
    )
    for key in (
        "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "SLACK_CLIENT_ID",
        "SLACK_CLIENT_SECRET", "TEAMS_APP_PASSWORD", "TEAMS_TENANT_ID",
    ):  # fmt: skip
        env.pop(key, None)
    env.update(extra)
    return env


def serve(tmp_path: Path, connector: FakeConnector | None = None, **extra: str) -> ServedBot:
    """`datadialog serve` for Teams; with `connector`, its Graph is the fake's."""
    if connector is not None:
        extra = {"DATADIALOG_TEAMS_GRAPH_URL": connector.graph_url, **extra}
    port = free_port()
    bot = ServedBot(teams_env(tmp_path, port, **extra), tmp_path)
    bot.wait_for("/api/messages")
    bot.url = f"http://127.0.0.1:{port}/api/messages"
    return bot


@pytest.fixture
def connector() -> Iterator[FakeConnector]:
    fake = FakeConnector().start()
    try:
        yield fake
    finally:
        fake.stop()


@pytest.fixture
def served(tmp_path, connector) -> Iterator[ServedBot]:
    bot = serve(tmp_path, connector)
    try:
        yield bot
    finally:
        bot.stop()


@pytest.fixture
def team(served, connector) -> Team:
    return Team(served.url, connector)
