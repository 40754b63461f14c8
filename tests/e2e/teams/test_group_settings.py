"""A group changes from Teams (issue 14), over real HTTP against the fake Bot Connector.

Ali may not have the settings card. Lea's card holds Team Nord as it is, with the channel's
people to pick from; she adds Eva there (Eva is welcomed in her personal chat), archives the
group on a fresh card (a meeting command is then refused), and brings it back on another
(in Danish, `indstillinger`). A typed verb removes Bo, named by @mention.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.teams.conftest import ServedBot
from tests.e2e.teams.fake_connector import Call, FakeConnector, personal_chat_id
from tests.e2e.teams.people import NORD, Person, Team, card_inputs

pytestmark = pytest.mark.e2e

LEA, ALI, BO, EVA = "29:lea", "29:ali", "29:bo", "29:eva"
CARD = "application/vnd.microsoft.card.adaptive"


def settings_card(person: Person, connector: FakeConnector, word: str = "settings") -> Call:
    mark = connector.mark()
    person.says(word)
    return connector.wait_for(NORD, "Settings of Team Nord", CARD, after=mark)


def save(person: Person, card: Call, **changed: Any) -> Any:
    """*Save* pressed, with every input as the card holds it but those `changed`."""
    values = {key: str(field.get("value", "")) for key, field in card_inputs(card.cards[0]).items()}
    answer = person.presses(card, "settings", **{**values, **changed})
    assert answer.status == 200
    return answer.body


def test_a_leader_changes_the_group_on_the_settings_card(
    team: Team, connector: FakeConnector, served: ServedBot
) -> None:
    connector.members = [
        {"id": LEA, "name": "Lea", "aadObjectId": "a-1"},
        {"id": ALI, "name": "Ali", "aadObjectId": "a-2"},
        {"id": BO, "name": "Bo", "aadObjectId": "a-3"},
        {"id": EVA, "name": "Eva", "aadObjectId": "a-5"},
    ]
    lea, ali, bo = team.person(LEA, "Lea"), team.person(ALI, "Ali"), team.person(BO, "Bo")
    team.install(lea)
    lea.says("setup Team Nord", ali, bo)
    connector.wait_for(NORD, "The group Team Nord is set up")

    # Only a leader gets the card; Ali is told so in a personal chat.
    mark = connector.mark()
    ali.says("settings")
    connector.wait_for(personal_chat_id(ALI), "Only the meeting leader (Lea)", after=mark)

    # The card holds the group as it is, the channel's people to pick from.
    card = settings_card(lea, connector)
    inputs = card_inputs(card.cards[0])
    assert inputs["settings.name"]["value"] == "Team Nord"
    assert inputs["settings.participants"]["value"] == f"{ALI},{BO}"
    assert [c["value"] for c in inputs["settings.participants"]["choices"]] == [LEA, ALI, BO, EVA]

    # Eva added: the channel is told, she is welcomed; the card becomes a note.
    mark = connector.mark()
    answer = save(lea, card, **{"settings.participants": f"{ALI},{BO},{EVA}"})
    assert answer["type"] == CARD and "settings are saved" in str(answer["value"])
    connector.wait_for(NORD, "Eva has joined Team Nord as a participant.", after=mark)
    connector.wait_for(personal_chat_id(EVA), "Welcome to Team Nord", after=mark)

    # Archived on a fresh card: a meeting command is refused, to Lea alone.
    mark = connector.mark()
    save(lea, settings_card(lea, connector), **{"settings.archived": "true"})
    connector.wait_for(NORD, "Team Nord is archived", after=mark)
    mark = connector.mark()
    lea.says("start")
    connector.wait_for(personal_chat_id(LEA), "The group Team Nord is archived", after=mark)

    # Brought back on the card asked for in Danish, which shows it archived.
    card = settings_card(lea, connector, "indstillinger")
    assert card_inputs(card.cards[0])["settings.archived"]["value"] == "true"
    mark = connector.mark()
    save(lea, card, **{"settings.archived": "false"})
    connector.wait_for(NORD, "Team Nord is active again.", after=mark)
    connector.wait_for(NORD, "Meeting 1 is scheduled for", after=mark)

    # A typed verb, in Danish, names the person by @mention.
    mark = connector.mark()
    lea.says("medlem fjern", bo)
    connector.wait_for(NORD, "Bo has left Team Nord.", after=mark)
