"""The stress round (tests/stress_round.py) through the Slack adapter's own builders: every
message, every form at its fullest and App Home are what Slack accepts (`payload_checks`:
slack_sdk's Block Kit models and Slack's documented limits). Issue 16."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from bot.dispatch import Dispatcher
from bot.slack.blocks import Style, message
from bot.slack.home import home_view
from bot.slack.modals import form_view
from flows.forms import FORMS, unavailable
from flows.steps import Step
from tests.e2e.slack.payload_checks import violations
from tests.stress_round import EIGHT, LEADER, stress_round
from tests.transcript import Room


@pytest.fixture(scope="module")
def room() -> Room:
    return stress_round()


@pytest.mark.parametrize("lang", ["da", "en"])
def test_every_message_of_the_stress_round_is_one_slack_takes(room: Room, lang: str) -> None:
    style, problems, sent = Style(lang), [], 0
    for output in room.outputs:
        built = message(output, style)
        if built is not None:
            sent += 1
            problems += violations("chat.postMessage", built)
    assert sent > 200 and not problems, "\n".join(problems)


def test_every_form_at_its_fullest_is_a_modal_slack_opens(room: Room) -> None:
    first, second = room.meetings()[:2]
    assert first.step is Step.CLOSED and len(first.themes) == 20
    problems: list[str] = []
    opened = 0
    for form in FORMS.values():
        for meeting, previous in ((first, None), (second, first)):
            if unavailable(form, meeting, previous) is not None:
                continue  # not offered: nothing to pick from (the person is told so)
            view = form_view(form, Style("da"), room.group, meeting, previous, "C0NORD")
            problems += violations("views.open", {"view": view})
            opened += 1
    assert opened >= len(FORMS) and not problems, "\n".join(problems)


def test_app_home_with_many_open_actions_is_a_view_slack_publishes(room: Room) -> None:
    async def nothing(_: Any) -> None:
        return None

    base = Dispatcher(lambda: room.uow, room.clock, nothing)
    problems: list[str] = []
    for user in (LEADER, *(user for user, _ in EIGHT)):
        view = asyncio.run(home_view(base, Style("da"), "", user, "/dialog"))
        problems += violations("views.publish", {"view": view})
    assert not problems, "\n".join(problems)
