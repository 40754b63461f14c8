"""A leader shares a file that replaces the group's data set: the answer says what the
data set held before and holds now, and how the replaced one can be restored."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.e2e.slack.fake_slack import FakeSlack
from tests.e2e.slack.people import Bot, Workspace
from tests.e2e.slack.test_data_import import ALI, BO, GOOD, LEA, NORD, share

pytestmark = pytest.mark.e2e

NEWER = ("borger;parameter;målepunkt;værdi;år\nB-01;Søvn;start;3;2026\n").encode()


def test_a_replacing_file_says_what_it_replaced(
    workspace: Workspace, bot: Bot, slack: FakeSlack, served
) -> None:
    lea = workspace.person(LEA, "Lea")
    lea.slash("setup", NORD)
    first = datetime.now(UTC) + timedelta(days=7)
    lea.submit(bot.opens("dd_setup"), name="Team Nord", leader=LEA, participants=[ALI, BO],
               channel=NORD, cadence=14, first=int(first.timestamp()))  # fmt: skip
    bot.posts(NORD, "The group Team Nord is set up")
    share(lea, slack, "maalinger.csv", GOOD)
    bot.dms(LEA, "maalinger.csv for Team Nord: 3 measurements for 2 citizens imported.")

    share(lea, slack, "nyere.csv", NEWER)
    bot.dms(LEA, "nyere.csv for Team Nord: 1 measurements for 1 citizens imported.")
    bot.dms(
        LEA,
        "How the import changed the group's data:",
        "Before: 3 measurements for 2 citizens, 1 parameter, 2025 (version 1, maalinger.csv).",
        "Now: 1 measurement for 1 citizen, 1 parameter, 2026 (version 2, nyere.csv).",
        "New parameters: Søvn.",
        "Parameters no longer included: Psykisk trivsel.",
        'datadialog data restore --group "Team Nord" --version 1',
    )
