"""A step card the Bot Connector does not take at first still reaches the channel, once.

`datadialog serve` as a subprocess, the fake Bot Connector answering the step card's post
with errors (`FakeConnector.refuse`): HTTP 429 with Retry-After, then 500. The sender
tries again in the process, after the Retry-After the connector asked for
(`bot.teams.retry`); when every try in the process fails, the activity is answered 503,
and the Bot Connector's resend of it delivers the card the meeting moved on with.
"""

from __future__ import annotations

import pytest

from tests.e2e.teams.fake_connector import Call, FakeConnector
from tests.e2e.teams.people import NORD, Person, Team

pytestmark = pytest.mark.e2e

LEA, ALI, BO, CAI, DINA = "29:lea", "29:ali", "29:bo", "29:cai", "29:dina"
CARD = "application/vnd.microsoft.card.adaptive"
RATE_LIMITED = (429, {"Retry-After": "1"})
BROKEN = (500, {})


def set_up(team: Team, connector: FakeConnector) -> Person:
    lea = team.person(LEA, "Lea")
    people = [
        team.person(u, n) for u, n in ((ALI, "Ali"), (BO, "Bo"), (CAI, "Cai"), (DINA, "Dina"))
    ]
    assert team.install(lea).status in (200, 201, 202)
    connector.wait_for(NORD, "Hello! I am Datadialog")
    lea.says("setup Team Nord", *people)
    connector.wait_for(NORD, "The group Team Nord is set up")
    return lea


def tries(connector: FakeConnector, text: str) -> list[Call]:
    return [c for c in connector.of("POST", None) if text in c.dump]


def test_a_step_card_answered_429_then_500_is_posted_once_the_connector_takes_it(
    team: Team, connector: FakeConnector, served
) -> None:
    lea = set_up(team, connector)
    connector.refuse("Step 1 of 4", RATE_LIMITED, BROKEN)

    lea.says("start")
    connector.wait_for(NORD, "Step 1 of 4 · Since last", CARD)

    attempts = tries(connector, "Step 1 of 4")
    assert [c.status for c in attempts] == [429, 500, 201]
    assert attempts[1].at - attempts[0].at >= 1.0  # the Retry-After was waited for
    print(f"\nstep card: {[c.status for c in attempts]} (second try "
          f"{attempts[1].at - attempts[0].at:.2f} s after the first)")  # fmt: skip


def test_a_step_card_every_try_fails_for_is_posted_by_the_connectors_resend(
    team: Team, connector: FakeConnector, served
) -> None:
    lea = set_up(team, connector)
    lea.says("start")
    step1 = connector.wait_for(NORD, "Step 1 of 4 · Since last", CARD)
    connector.refuse("Step 2 of 4", RATE_LIMITED, BROKEN, BROKEN)

    # Every try in the process fails: the press is answered 503 (not done), so the Bot
    # Connector sends it again.
    assert lea.presses(step1, "advance").status == 503
    assert [c.status for c in tries(connector, "Step 2 of 4")] == [429, 500, 500]

    # The resend carries on where the work stopped: the meeting moved on once, and the
    # card it moved on with is posted now, once.
    assert lea.resends().status == 200
    connector.wait_for(NORD, "Step 2 of 4 · Explore", CARD)
    assert [c.status for c in tries(connector, "Step 2 of 4")] == [429, 500, 500, 201]
    assert not tries(connector, "Step 3 of 4")
    assert lea.resends().status == 200  # and once more: nothing again
    assert [c.status for c in tries(connector, "Step 2 of 4")] == [429, 500, 500, 201]
