"""A leader sends the team's measurement file to the bot in their Teams personal chat; it
is imported the way `datadialog data import` does it (every error listed, nothing
half-imported), and only a group's leader may: a participant's file is refused."""

from __future__ import annotations

import pytest

from storage.database import make_engine, session_factory
from storage.unit_of_work import SqlUnitOfWork
from tests.e2e.teams.conftest import ServedBot
from tests.e2e.teams.fake_connector import FakeConnector
from tests.e2e.teams.people import NORD, Team

pytestmark = pytest.mark.e2e

LEA, ALI, BO = "29:lea", "29:ali", "29:bo"

GOOD = (
    "\ufeffborger;undergruppe;parameter;målepunkt;værdi;skala;måltype;målopfyldelse;år\r\n"
    "B-01;pige;Psykisk trivsel;start;3,5;1-10;progression;;2025\r\n"
    "B-01;pige;Psykisk trivsel;slut;6,5;1-10;progression;nået;2025\r\n"
    "B-02;dreng;Psykisk trivsel;start;4,25;1-10;stabilisering;;2025\r\n"
).encode()
BAD = (
    "borger;parameter;målepunkt;værdi;år\n"
    "B-1;Trivsel;start;fire;2025\n"
    "B-2;Trivsel;engang;4;2025\n"
    "B-3;Trivsel;start;4;2025\n"
).encode()


def stored_measurements(served: ServedBot) -> int:
    engine = make_engine(served.env["DATADIALOG_DATABASE_URL"])
    try:
        with SqlUnitOfWork(session_factory(engine)) as uow:
            group = next(g for g in uow.groups.list() if g.name == "Team Nord")
            return len(uow.measurements.for_group(group.id or 0))
    finally:
        engine.dispose()


def test_a_leader_sends_the_measurement_file_and_a_participant_is_refused(
    team: Team, connector: FakeConnector, served: ServedBot
) -> None:
    lea, ali, bo = team.person(LEA, "Lea"), team.person(ALI, "Ali"), team.person(BO, "Bo")
    team.install(lea)
    lea.says("setup Team Nord", ali, bo)
    connector.wait_for(NORD, "The group Team Nord is set up")

    # Ali takes part but does not lead: refused by the flows, and nothing is stored.
    ali.sends_file("mine.csv", GOOD)
    connector.wait_for(ali.chat, "Only a group's meeting leader can import its data", "Lea")
    assert stored_measurements(served) == 0

    # Lea leads: the file is fetched (a plain GET, no token) and its rows are stored.
    gets = len(connector.of("GET"))
    lea.sends_file("maalinger.csv", GOOD)
    connector.wait_for(
        lea.chat, "maalinger.csv for Team Nord: 3 measurements for 2 citizens imported."
    )
    (fetched,) = connector.of("GET")[gets:]
    assert fetched.authorization == ""
    assert stored_measurements(served) == 3

    # A file with errors: every error listed, nothing stored, and how to keep the valid rows.
    mark = connector.mark()
    lea.sends_file("rettet.csv", BAD)
    connector.wait_for(lea.chat, "rettet.csv for Team Nord", "Row 2, column", after=mark)
    connector.wait_for(lea.chat, "again with the word “valid”", after=mark)
    assert stored_measurements(served) == 3
    # Sent again with "valid": the valid row replaces the data set.
    mark = connector.mark()
    lea.sends_file("rettet.csv", BAD, text="only the valid rows please")
    connector.wait_for(lea.chat, "rettet.csv for Team Nord", "1 valid measurements", after=mark)
    assert stored_measurements(served) == 1

    # Not a measurement file.
    lea.sends_file("notes.txt", b"hello")
    connector.wait_for(lea.chat, "notes.txt is not a measurement file")
