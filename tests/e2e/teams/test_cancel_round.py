"""Cancel with care in a Teams channel (issue 14): a cancelled meeting is followed by a
planned one, whose round runs; a cancel of that one is undone the same day.

`datadialog serve` against the fake Bot Connector, as in `test_round` (the reminder job
runs every second, so calendar messages arrive while the test waits): Lea types `cancel`,
the question comes to her personal chat as a card, and its button cancels; every member
is sent the calendar cancellation and meeting 2's invitation; meeting 2's round starts,
its step card's *Cancel* asks again, and `fortryd` brings the meeting back.
"""

from __future__ import annotations

import pytest

from tests.e2e.teams.conftest import ServedBot
from tests.e2e.teams.fake_connector import FakeConnector
from tests.e2e.teams.people import NORD, Team

pytestmark = pytest.mark.e2e

LEA, ALI, BO, CAI, DINA = "29:lea", "29:ali", "29:bo", "29:cai", "29:dina"
CARD = "application/vnd.microsoft.card.adaptive"
MESSAGE = "application/vnd.microsoft.activity.message"


def test_a_cancelled_meeting_is_followed_by_a_planned_one_whose_round_runs(
    team: Team, connector: FakeConnector, served: ServedBot
) -> None:
    lea = team.person(LEA, "Lea")
    ali, bo, cai, dina = (
        team.person(u, n) for u, n in ((ALI, "Ali"), (BO, "Bo"), (CAI, "Cai"), (DINA, "Dina"))
    )
    assert team.install(lea).status in (200, 201, 202)
    lea.says("setup Team Nord", ali, bo, cai, dina)
    connector.wait_for(NORD, "The group Team Nord is set up")
    connector.wait_for(ali.chat, "Calendar invitation: meeting 1 of Team Nord")

    # `cancel` asks first, in Lea's personal chat; its button cancels and closes the card.
    lea.says("cancel")
    question = connector.wait_for(lea.chat, "Cancel meeting 1", CARD)
    answer = lea.presses(question, "cancel", {"confirmed": True})
    assert answer.status == 200 and answer.body["type"] == CARD
    assert "Action.Execute" not in str(answer.body)
    connector.wait_for(NORD, "Meeting 1 is cancelled.")
    connector.wait_for(NORD, "The next meeting (2) is planned for", "Undo the cancellation", CARD)
    # Every member's calendar is told: meeting 1 cancelled, meeting 2 invited.
    for person in (lea, ali, bo, cai, dina):
        connector.wait_for(person.chat, "Calendar cancellation: meeting 1 of Team Nord")
        connector.wait_for(person.chat, "Calendar invitation: meeting 2 of Team Nord")

    # The planned meeting's round runs.
    lea.says("start")
    connector.wait_for(NORD, "Meeting 2 of Team Nord has started")
    step1 = connector.wait_for(NORD, "Step 1 of 4 · Since last", CARD)

    # The step card's red button asks first: the card stays, the question comes to Lea.
    mark = connector.mark()
    answer = lea.presses(step1, "cancel")
    assert answer.status == 200 and answer.body["type"] == MESSAGE
    question = connector.wait_for(lea.chat, "Cancel meeting 2", CARD, after=mark)
    lea.presses(question, "cancel", {"confirmed": True})
    connector.wait_for(NORD, "Meeting 2 is cancelled.", after=mark)
    connector.wait_for(NORD, "The next meeting (3) is planned for", after=mark)

    # Undone the same day, typed in Danish: meeting 2 is back in since last, 3 withdrawn.
    lea.says("fortryd")
    connector.wait_for(NORD, "Meeting 2", "is on again (step: since last)", after=mark)
    connector.wait_for(NORD, "Meeting 3, planned for", "is withdrawn", after=mark)
    lea.presses(step1, "advance")
    connector.wait_for(NORD, "Step 2 of 4 · Explore", CARD, after=mark)
