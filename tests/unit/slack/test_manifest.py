"""manifest.yml asks Slack for what the adapter uses: the scopes, the command, the URLs."""

from __future__ import annotations

from pathlib import Path

from bot.slack.build import BOT_SCOPES
from bot.slack.uninstall import UNINSTALL_EVENTS
from config.settings import Settings

MANIFEST = (Path(__file__).resolve().parents[3] / "manifest.yml").read_text()


def _list_after(key: str) -> list[str]:
    lines = MANIFEST.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == key)
    indent = len(lines[start + 1]) - len(lines[start + 1].lstrip())
    found = []
    for line in lines[start + 1 :]:
        if len(line) - len(line.lstrip()) != indent or not line.strip().startswith("- "):
            break
        found.append(line.strip()[2:])
    return found


def test_the_manifest_requests_exactly_the_bot_scopes_the_app_uses() -> None:
    assert _list_after("bot:") == BOT_SCOPES


def test_the_manifest_points_slack_at_our_endpoints() -> None:
    assert f"- command: {Settings().slack_command}" in MANIFEST
    assert MANIFEST.count("/slack/events") == 3  # slash command, events, interactivity
    assert "/slack/oauth_redirect" in MANIFEST
    events = ["app_home_opened", "message.im", *UNINSTALL_EVENTS]  # uninstall (issue 15)
    assert [event.split("#")[0].strip() for event in _list_after("bot_events:")] == events


def test_the_usage_hint_names_every_subcommand_the_help_lists() -> None:
    from bot.slack.blocks import HELP_VERBS

    hint = next(line for line in MANIFEST.splitlines() if "usage_hint:" in line)
    assert hint.split('"')[1] == "[" + " | ".join(HELP_VERBS) + "]"
