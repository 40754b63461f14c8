"""`datadialog secrets new-key|rotate` and the key at start-up, as an operator meets them
(secrets at rest, issue 15): a new key is printed alone; rotating re-encrypts every stored
token with the first key and says how many rows, after which the old key may go; a missing
key or one that opens nothing is one line on stderr and exit code 1; Slack through OAuth
without a key, or a key that is not one, stops start-up with one line and exit code 2.
Keys never appear in what is printed."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from slack_sdk.oauth.installation_store import Installation

from storage.database import make_engine, upgrade
from storage.secret_column import Keyring
from storage.slack_tables import installation_store
from tests.e2e.serve import environment, run_cli

pytestmark = pytest.mark.e2e

CLIENT = "111.222"
PLATFORMS = ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "SLACK_CLIENT_ID")
PLATFORMS += ("SLACK_CLIENT_SECRET", "TEAMS_APP_ID", "TEAMS_APP_PASSWORD")


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = environment(f"sqlite:///{tmp_path / 'datadialog.db'}")
    for name in PLATFORMS:
        env.pop(name, None)
    return {**env, **extra}


def _one_line(done: subprocess.CompletedProcess[str], code: int) -> str:
    assert done.returncode == code, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    (line,) = done.stderr.strip().splitlines()
    return line


def _install(tmp_path: Path, key: str, *teams: str) -> None:
    url = f"sqlite:///{tmp_path / 'datadialog.db'}"
    upgrade(url)
    engine = make_engine(url)
    try:
        store = installation_store(engine, CLIENT, Keyring([key]))
        for team in teams:
            store.save(
                Installation(
                    app_id="A0DIALOG",
                    enterprise_id=None,
                    team_id=team,
                    user_id="U0LEA",
                    bot_token=f"xoxb-{team}-secret",
                    bot_id="B0BOT",
                    bot_user_id="U0BOT",
                )
            )
    finally:
        engine.dispose()


def _bot_token(tmp_path: Path, key: str, team: str) -> str | None:
    engine = make_engine(f"sqlite:///{tmp_path / 'datadialog.db'}")
    try:
        bot = installation_store(engine, CLIENT, Keyring([key])).find_bot(
            enterprise_id=None, team_id=team
        )
    finally:
        engine.dispose()
    return None if bot is None else bot.bot_token


def test_new_key_prints_a_fresh_key_alone_even_while_the_setting_is_broken(tmp_path) -> None:
    env = _env(tmp_path, DATADIALOG_SECRET_KEYS="broken")
    first, second = (run_cli(env, "secrets", "new-key", cwd=tmp_path) for _ in range(2))
    assert first.returncode == second.returncode == 0
    assert first.stderr == ""
    (key,) = first.stdout.splitlines()
    assert Keyring([key]).open(Keyring([key]).seal("xoxb-1")) == "xoxb-1"
    assert second.stdout != first.stdout


def test_rotating_moves_every_token_to_the_new_key_and_the_old_one_can_go(tmp_path) -> None:
    old, new = (Fernet.generate_key().decode("ascii") for _ in range(2))
    _install(tmp_path, old, "T0NORD", "T0SYD")
    env = _env(tmp_path, DATADIALOG_SECRET_KEYS=f"{new},{old}")

    done = run_cli(env, "secrets", "rotate", "--batch", "1", cwd=tmp_path)

    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == (
        "The tokens of 4 rows are now encrypted with the first key in DATADIALOG_SECRET_KEYS."
        " Once every Datadialog process runs with that list, the keys after the first may be"
        " removed."
    )  # two installations and their two bots
    assert _bot_token(tmp_path, new, "T0NORD") == "xoxb-T0NORD-secret"
    assert _bot_token(tmp_path, new, "T0SYD") == "xoxb-T0SYD-secret"
    assert new not in done.stdout + done.stderr and old not in done.stdout + done.stderr


def test_rotating_without_a_key_or_with_one_that_opens_nothing_is_one_line(tmp_path) -> None:
    key = Fernet.generate_key().decode("ascii")
    _install(tmp_path, key, "T0NORD")

    missing = _one_line(run_cli(_env(tmp_path), "secrets", "rotate", cwd=tmp_path), 1)
    assert missing.startswith("DATADIALOG_SECRET_KEYS is not set")
    assert "datadialog secrets new-key" in missing

    other = Fernet.generate_key().decode("ascii")
    env = _env(tmp_path, DATADIALOG_SECRET_KEYS=other, DATADIALOG_LANGUAGE="da")
    wrong = _one_line(run_cli(env, "secrets", "rotate", cwd=tmp_path), 1)
    assert wrong.startswith("Et gemt token kan ikke åbnes med nogen af nøglerne")
    assert other not in wrong
    assert _bot_token(tmp_path, key, "T0NORD") == "xoxb-T0NORD-secret"  # nothing changed


def test_slack_through_oauth_does_not_start_without_a_key(tmp_path) -> None:
    env = _env(
        tmp_path,
        SLACK_CLIENT_ID=CLIENT,
        SLACK_CLIENT_SECRET="oauth-client-secret",
        SLACK_SIGNING_SECRET="signing-secret",
        DATADIALOG_PORT="0",
    )
    line = _one_line(run_cli(env, "serve", cwd=tmp_path), 2)
    assert line.startswith("Datadialog cannot start Slack with OAuth")
    assert "datadialog secrets new-key" in line

    broken = "0123456789abcdef"
    env["DATADIALOG_SECRET_KEYS"] = broken
    line = _one_line(run_cli(env, "serve", cwd=tmp_path), 2)
    assert "DATADIALOG_SECRET_KEYS: key 1 is not a Fernet key" in line
    assert broken not in line
