"""A leader shares the team's measurement file with the bot in a DM; it is imported
the way `datadialog data import` does it: every error listed, nothing half-imported,
and only a group's leader may."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from storage.database import make_engine, session_factory
from storage.unit_of_work import SqlUnitOfWork
from tests.e2e.slack.fake_slack import FakeSlack
from tests.e2e.slack.people import Bot, Person, Workspace

pytestmark = pytest.mark.e2e

NORD = "C0NORD"
LEA, ALI, BO = "U0LEA", "U0ALI", "U0BO"

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


def share(person: Person, slack: FakeSlack, name: str, content: bytes, text: str = "") -> None:
    slack.shared_files[name] = content
    event = {
        "type": "message",
        "subtype": "file_share",
        "channel": "D" + person.user_id,
        "channel_type": "im",
        "user": person.user_id,
        "text": text,
        "ts": f"{datetime.now(UTC).timestamp():.6f}",
        "files": [
            {
                "id": "F" + name.upper().replace(".", ""),
                "name": name,
                "size": len(content),
                "url_private_download": slack.file_url(name),
            }
        ],
    }
    person.workspace.turn_start = slack.mark()
    assert person.workspace.event(event, event_id=f"Ev{name}{len(slack.calls)}").status == 200


def stored_measurements(tmp_path) -> int:
    engine = make_engine(f"sqlite:///{tmp_path / 'datadialog.db'}")
    try:
        with SqlUnitOfWork(session_factory(engine)) as uow:
            return len(uow.measurements.for_group(1))
    finally:
        engine.dispose()


def test_a_leader_shares_the_measurement_file_in_a_dm(
    workspace: Workspace, bot: Bot, slack: FakeSlack, served, tmp_path
) -> None:
    lea, ali = workspace.person(LEA, "Lea"), workspace.person(ALI, "Ali")
    lea.slash("setup", NORD)
    first = datetime.now(UTC) + timedelta(days=7)
    lea.submit(bot.opens("dd_setup"), name="Team Nord", leader=LEA, participants=[ALI, BO],
               channel=NORD, cadence=14, first=int(first.timestamp()))  # fmt: skip
    bot.posts(NORD, "The group Team Nord is set up")

    share(lea, slack, "maalinger.csv", GOOD)
    bot.dms(LEA, "maalinger.csv for Team Nord: 3 measurements for 2 citizens imported.")
    (download,) = slack.of("file_download")
    assert download.token.startswith("xoxb-")
    assert stored_measurements(tmp_path) == 3

    share(lea, slack, "rettet.csv", BAD)
    listing = bot.dms(LEA, "rettet.csv for Team Nord", "Row 2, column", "Row 3, column")
    assert "nothing was imported" in listing.text.casefold() or "3 errors" in listing.text
    bot.dms(LEA, "share it again with the word")
    assert stored_measurements(tmp_path) == 3  # the good data set is still there

    share(lea, slack, "rettet.csv", BAD, text="only the valid rows please")
    bot.dms(LEA, "rettet.csv for Team Nord")
    assert stored_measurements(tmp_path) == 1

    share(ali, slack, "mine.csv", GOOD)
    bot.dms(ALI, "Only a group's meeting leader can import its data")
    assert stored_measurements(tmp_path) == 1

    share(lea, slack, "notes.txt", b"hello")
    bot.dms(LEA, "notes.txt is not a measurement file")
