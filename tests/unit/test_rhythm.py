"""A group's rhythm in words, as the group's creation message and the group list say it."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from flows.cadence import Cadence, Frequency
from flows.model import Group, Level, Member, Role
from flows.rhythm import group_line, rhythm
from flows.text.render import render

MONDAY_0900 = datetime(2026, 12, 7, 9, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))


def group(cadence: Cadence | None, days: int = 14) -> Group:
    members = [Member("lene", "Lene", Role.LEADER), Member("ali", "Ali")]
    return Group("Team Syd", Level.CITIZEN, members, cadence_days=days, cadence=cadence,
                 cadence_start=MONDAY_0900)  # fmt: skip


@pytest.mark.parametrize(
    ("cadence", "da", "en"),
    [
        (None, "hver 14. dag", "every 14 days"),
        (Cadence(Frequency.DAYS, 10), "hver 10. dag", "every 10 days"),
        (Cadence(Frequency.WEEKLY, 1), "hver mandag", "every Monday"),
        (Cadence(Frequency.WEEKLY, 2, weekday=3), "hver 2. uge om torsdagen",
         "every 2 weeks on Thursday"),
        (Cadence(Frequency.MONTHLY, 1, nth=1), "den 1. mandag i måneden",
         "on the first Monday of the month"),
        (Cadence(Frequency.MONTHLY, 1, weekday=4, nth=-1), "den sidste fredag i måneden",
         "on the last Friday of the month"),
    ],
)  # fmt: skip
def test_the_rhythm_reads_as_people_say_it(cadence, da, en):
    assert render(rhythm(group(cadence)), "da") == da
    assert render(rhythm(group(cadence)), "en") == en


def test_the_group_list_names_the_rhythm():
    line = group_line(group(Cadence(Frequency.MONTHLY, 1, nth=-1)))
    assert (
        render(line, "en")
        == "Team Syd (citizen level, 1 participant, on the last Monday of the month)"
    )
