"""Every card of a Teams round as Microsoft's Adaptive Cards SDK sees it (issue 16).

A whole round (`test_round.play_whole_round`, every form filled and every button pressed
through the SDK by `people`), then the settings card, a moved meeting's card, the cancel
question and the setup card. Every card the bot sent, and every card an invoke answer
swapped in, must be store-ready (`CardsSdk.problems`): no error from `validateProperties()`
at version 1.5, a label on every input, at most six buttons shown together, every button
sent by the SDK while nothing is typed (no input can block the leader's Next), and every
button still there and sending on a 1.2 client.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pytest

from bot.teams.blocks import Style
from bot.teams.own_cards import help_card, setup_card
from tests.cards_sdk import sdk
from tests.e2e.teams.conftest import ServedBot
from tests.e2e.teams.fake_connector import FakeConnector
from tests.e2e.teams.people import NORD, Team
from tests.e2e.teams.test_round import LEA, play_whole_round

pytestmark = pytest.mark.e2e

CARD = "application/vnd.microsoft.card.adaptive"


def sent_cards(connector: FakeConnector) -> list[tuple[str, dict[str, Any]]]:
    """Every card the bot posted or swapped in, named by where it went and its first line."""
    found = []
    for call in connector.calls:
        for card in call.cards:
            found.append((f"{call.method} {call.conversation}: {call.text[:60]!r}", card))
    return found


def problems_of(cards: list[tuple[str, dict[str, Any]]]) -> list[str]:
    seen: set[str] = set()
    found = []
    for where, card in cards:
        key = json.dumps(card, sort_keys=True)
        if key in seen:
            continue
        seen.add(key)
        found += [f"{where}\n    {problem}" for problem in sdk().problems(card)]
    return found


def test_every_card_of_a_teams_round_works_in_the_adaptive_cards_sdk(
    team: Team, connector: FakeConnector, served: ServedBot
) -> None:
    play_whole_round(team, connector)
    lea = team.people[LEA]

    # The settings card, a moved meeting's card and the cancel question, too.
    lea.says("settings")
    connector.wait_for(NORD, "Settings of Team Nord", CARD)
    lea.says(f"move {(date.today() + timedelta(days=20)).isoformat()} 10:00")
    connector.wait_for(NORD, "has moved", CARD)
    lea.says("cancel")
    question = connector.wait_for(lea.chat, "Cancel meeting", CARD)
    lea.presses(question, "cancel", {"confirmed": True})
    connector.wait_for(NORD, "is cancelled")

    answered = [(f"answered to a press: {json.dumps(c)[:80]}", c) for c in team.answered]
    found = problems_of(sent_cards(connector) + answered)
    assert not found, f"{len(found)} problems:\n" + "\n".join(found)


def test_the_adapters_own_cards_work_in_the_adaptive_cards_sdk() -> None:
    """The setup form (people from the channel's roster) and the help card, in both
    languages."""
    roster = [("29:lea", "Lea"), ("29:ali", "Ali"), ("29:bo", "Bo <at>x</at>")]
    cards = []
    for lang in ("da", "en"):
        s = Style(lang)
        for activity in (setup_card(s, roster, "29:lea"), help_card(s)):
            (attachment,) = activity.attachments or []
            cards.append((f"{lang} {activity.summary}", attachment.content))
    found = problems_of(cards)
    assert not found, f"{len(found)} problems:\n" + "\n".join(found)
