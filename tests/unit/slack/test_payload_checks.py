"""The checker the fake Slack runs on every message and view (`payload_checks`) refuses what
Slack refuses: so a round that passes through the fake sent nothing Slack would reject."""

from __future__ import annotations

from typing import Any

from tests.e2e.slack.payload_checks import violations


def _button(label: str, action_id: str) -> dict[str, Any]:
    return {"type": "button", "text": {"type": "plain_text", "text": label}, "action_id": action_id}


def _section(text: str, **more: Any) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}, **more}


def test_app_home_as_it_was_three_buttons_sharing_one_action_id_is_refused() -> None:
    block = {
        "type": "actions",
        "elements": [_button(x, "dd_action") for x in ("Done", "Later", "No")],
    }
    view = {"type": "home", "blocks": [_section("Your open actions"), block]}
    assert violations("views.publish", {"view": view}) == [
        "views.publish: action_id 'dd_action' twice in one block"
    ]


def test_slack_limits_that_the_models_know_and_those_they_do_not() -> None:
    assert violations("chat.postMessage", {"text": "x", "blocks": [_section("x" * 3001)]})
    assert violations("chat.postMessage", {"text": "x", "blocks": [_section("x")] * 51})
    assert violations("chat.postMessage", {"text": "x" * 40_001, "blocks": []})
    modal = {"type": "modal", "title": {"type": "plain_text", "text": "x" * 25}, "blocks": []}
    assert violations("views.open", {"view": modal})
    twice = [_section("a", block_id="b"), _section("b", block_id="b")]
    assert violations("chat.update", {"text": "x", "blocks": twice})


def test_a_field_slack_does_not_know_is_refused_and_a_good_message_passes() -> None:
    assert violations("chat.postMessage", {"blocks": [_section("x", colour="red")]}) == [
        "chat.postMessage: unknown field section.colour"
    ]
    good = [_section("Meeting 1", accessory=_button("Open", "dd_open"))]
    assert violations("chat.postMessage", {"text": "Meeting 1", "blocks": good}) == []
    assert (
        violations("chat.postMessage", {"text": "Meeting 1", "blocks": '[{"type": "divider"}]'})
        == []
    )
