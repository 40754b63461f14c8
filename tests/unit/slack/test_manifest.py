"""manifest.yml asks Slack for what the adapter uses: the scopes, the command, the URLs."""

from __future__ import annotations

import re
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


# Issue 16: the least scopes, each documented, each used -------------------------------------

ROOT = Path(__file__).resolve().parents[3]
#: The scopes each Web API method the bot calls needs (Slack's method reference, "Required
#: scopes"); a method needing none is mapped to the empty set. `files_upload_v2` is
#: files.getUploadURLExternal + files.completeUploadExternal. conversations.history is asked of
#: channels (public, private) and of direct messages, each with its own scope.
METHOD_SCOPES: dict[str, set[str]] = {
    "chat_postMessage": {"chat:write"},
    "chat_postEphemeral": {"chat:write"},
    "chat_update": {"chat:write"},
    "conversations_open": {"im:write"},
    "conversations_history": {"channels:history", "groups:history", "im:history"},
    "users_info": {"users:read"},
    "files_upload_v2": {"files:write"},
    "views_open": set(),
    "views_publish": set(),
    "views_update": set(),
}
#: What asks for a scope besides a Web API method: the slash command, the events subscribed,
#: and downloading a file shared in a DM (its `url_private_download`, with the bot token).
OTHER_NEEDS = {
    "commands": "- command: /",
    "im:history": "- message.im",
    "files:read": "url_private_download",
}
CALL = re.compile(r"\bclient\.([a-z]+_[A-Za-z0-9_]+)\(")


def _bot_source() -> str:
    return "\n".join(p.read_text() for p in sorted((ROOT / "bot").rglob("*.py")))


def _documented_scopes() -> dict[str, str]:
    """The scope table of docs/slack.md: | `scope` | what needs it |."""
    rows = re.findall(r"^\| `([a-z:.]+)` \| (.+?) \|$", (ROOT / "docs/slack.md").read_text(), re.M)
    return dict(rows)


def test_every_web_api_method_the_bot_calls_has_its_scopes_known() -> None:
    called = set(CALL.findall(_bot_source()))
    assert called, "no Web API call found: the pattern is out of date"
    assert called <= set(METHOD_SCOPES), (
        f"map these methods to their scopes: {called - set(METHOD_SCOPES)}"
    )


def test_the_scopes_are_exactly_those_the_code_uses() -> None:
    source = _bot_source()
    needed = set().union(*(METHOD_SCOPES[m] for m in set(CALL.findall(source))))
    needed |= {scope for scope, sign in OTHER_NEEDS.items() if sign in MANIFEST + source}
    assert set(BOT_SCOPES) == needed
    assert len(BOT_SCOPES) == len(set(BOT_SCOPES))


def test_every_scope_has_its_reason_in_the_docs() -> None:
    documented = _documented_scopes()
    assert set(documented) == set(BOT_SCOPES)
    assert all(len(reason.strip()) > 10 for reason in documented.values())


def test_http_is_the_marketplace_path_and_socket_mode_internal_only() -> None:
    assert "socket_mode_enabled: false" in MANIFEST
    docs = " ".join((ROOT / "docs/slack.md").read_text().split())
    assert "HTTP mode is the path for the Slack Marketplace" in docs
    assert "Socket Mode is for an internal app only" in docs
