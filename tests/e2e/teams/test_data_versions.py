"""A leader sends a file that replaces the group's data set in their Teams personal chat:
the answer says what the data set held before and holds now, and how to restore it."""

from __future__ import annotations

import pytest

from tests.e2e.teams.conftest import ServedBot
from tests.e2e.teams.fake_connector import FakeConnector
from tests.e2e.teams.people import NORD, Team
from tests.e2e.teams.test_data_import import ALI, BO, GOOD, LEA

pytestmark = pytest.mark.e2e

NEWER = (
    "borger;parameter;målepunkt;værdi;år\n"
    "B-01;Søvn;2026-02-01;3;2026\n"
    "B-03;Psykisk trivsel;2026-03-01;5;2026\n"
).encode()


def test_a_replacing_file_says_what_it_replaced(
    team: Team, connector: FakeConnector, served: ServedBot
) -> None:
    lea, ali, bo = team.person(LEA, "Lea"), team.person(ALI, "Ali"), team.person(BO, "Bo")
    team.install(lea)
    lea.says("setup Team Nord", ali, bo)
    connector.wait_for(NORD, "The group Team Nord is set up")
    lea.sends_file("maalinger.csv", GOOD)
    connector.wait_for(lea.chat, "maalinger.csv for Team Nord: 3 measurements")

    mark = connector.mark()
    lea.sends_file("nyere.csv", NEWER)
    connector.wait_for(
        lea.chat,
        "How the import changed the group's data:",
        "Before: 3 measurements for 2 citizens, 1 parameter, 2025 (version 1, maalinger.csv).",
        "Now: 2 measurements for 2 citizens, 2 parameters, 2026-02-01–2026-03-01 (version 2,"
        " nyere.csv).",
        "New parameters: Søvn.",
        "datadialog data restore --group",  # the group's name in quotes (escaped in JSON)
        "--version 1",
        after=mark,
    )
