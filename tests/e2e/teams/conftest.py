"""A fake Bot Connector, and `datadialog serve` as a real subprocess answering Teams."""

from __future__ import annotations

import queue
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.serve import DATADIALOG, environment
from tests.e2e.teams.fake_connector import FakeConnector
from tests.e2e.teams.people import Team

APP_ID = "datadialog-app-id"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServedBot:
    """`datadialog serve` with Teams configured; `output` collects what it prints."""

    def __init__(self, env: dict[str, str], cwd: Path) -> None:
        self.env = env
        self.cwd = cwd
        self.url = ""
        self.proc = subprocess.Popen(
            [str(DATADIALOG), "serve"],
            env=env,
            cwd=cwd,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            bufsize=1,
        )
        self.output: list[str] = []
        self._lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.output.append(line.rstrip("\n"))
            self._lines.put(line)

    def wait_for(self, text: str, timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self._lines.get(timeout=0.1)
            except queue.Empty:
                if self.proc.poll() is not None:
                    break
                continue
            if text in line:
                return line
        raise AssertionError(f"never printed {text!r}:\n" + "\n".join(self.output))

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                return self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        return self.proc.wait(timeout=30)


def teams_env(tmp_path: Path, port: int, **extra: str) -> dict[str, str]:
    env = environment(
        f"sqlite:///{tmp_path / 'datadialog.db'}",
        DATADIALOG_PORT=str(port),
        DATADIALOG_HOST="127.0.0.1",
        DATADIALOG_DEV_MODE="true",
        DATADIALOG_REMINDER_TICK_SECONDS="1",
        DATADIALOG_TEAMS_PUBLIC_URL=f"http://127.0.0.1:{port}",  # charts by signed link
        TEAMS_APP_ID=APP_ID,
    )
    for key in (
        "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "SLACK_CLIENT_ID",
        "SLACK_CLIENT_SECRET", "TEAMS_APP_PASSWORD", "TEAMS_TENANT_ID",
    ):  # fmt: skip
        env.pop(key, None)
    env.update(extra)
    return env


def serve(tmp_path: Path, **extra: str) -> ServedBot:
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
def served(tmp_path) -> Iterator[ServedBot]:
    bot = serve(tmp_path)
    try:
        yield bot
    finally:
        bot.stop()


@pytest.fixture
def team(served, connector) -> Team:
    return Team(served.url, connector)
