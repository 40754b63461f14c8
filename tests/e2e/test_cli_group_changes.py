"""A group changes from the command line and in the console chat (issue 14), as a user
meets it: `datadialog group add-member|remove-member|set-role|rename|rhythm|timebox|
holidays|channel|archive|unarchive`, and the console's verbs through `datadialog serve`.
Bad input is one line in the configured language and exit code 1, never a traceback, and
changes nothing.

The first meeting is far ahead (Tue 8 Jan 2030 10:00), so the real clock does not matter.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.e2e.serve import Served, environment, run_cli

pytestmark = pytest.mark.e2e

FIRST = "2030-01-08 10:00"


def cli(tmp_path: Path, *args: str, lang: str = "en") -> subprocess.CompletedProcess[str]:
    env = environment(f"sqlite:///{tmp_path / 'team.db'}", DATADIALOG_LANGUAGE=lang)
    return run_cli(env, *args, cwd=tmp_path)


def ok(tmp_path: Path, *args: str, lang: str = "en") -> str:
    done = cli(tmp_path, *args, lang=lang)
    assert done.returncode == 0, done.stderr
    return done.stdout


def team(tmp_path: Path) -> None:
    ok(tmp_path, "group", "create", "Team Nord", "--leader", "Lea", "--participant", "Ali",
       "--participant", "Bo", "--first", FIRST)  # fmt: skip


def test_a_group_changes_on_the_command_line(tmp_path: Path) -> None:
    team(tmp_path)
    group = ("group",)
    said = ok(tmp_path, *group, "add-member", "Team Nord", "Eva Holm")
    assert said.strip() == "Eva Holm has joined Team Nord as a participant."
    assert "Bo is now the co-leader of Team Nord." in ok(
        tmp_path, *group, "set-role", "Team Nord", "Bo", "co-leader"
    )
    assert "Team Nord is now called Team Nordvest." in ok(
        tmp_path, *group, "rename", "Team Nord", "Team Nordvest"
    )
    said = ok(tmp_path, *group, "rhythm", "Team Nordvest", "--weekly", "2")
    assert "Team Nordvest now meets every 2 weeks on Tuesday." in said
    assert (
        "Meeting 1 stays at Tue 8 Jan 2030 10:00; the meeting after it will be Tue 22 Jan" in said
    )
    assert "explore: 30 min" in ok(tmp_path, *group, "timebox", "Team Nordvest", "2", "30")
    assert "meets on public holidays too" in ok(
        tmp_path, *group, "holidays", "Team Nordvest", "keep"
    )
    assert "now meets in #familie-nord" in ok(
        tmp_path, *group, "channel", "Team Nordvest", "familie-nord"
    )
    assert "Ali has left Team Nordvest." in ok(
        tmp_path, *group, "remove-member", "Team Nordvest", "Ali"
    )
    assert "is archived" in ok(tmp_path, *group, "archive", "Team Nordvest")
    listed = ok(tmp_path, *group, "list")
    assert listed.strip() == (
        "Team Nordvest (citizen level, 1 participant, every 2 weeks on Tuesday) · archived"
    )
    shown = ok(tmp_path, *group, "show", "Team Nordvest")
    assert "Archived since" in shown and "Ali (former member)" in shown
    assert "Eva Holm (participant)" in shown and "Bo (co-leader)" in shown
    refused = cli(tmp_path, *group, "rename", "Team Nordvest", "Team Syd")
    assert refused.returncode == 1 and refused.stdout == ""
    assert refused.stderr.strip().startswith("The group Team Nordvest is archived")
    said = ok(tmp_path, *group, "unarchive", "Team Nordvest")
    assert "Team Nordvest is active again." in said
    assert "Meeting 1 is scheduled for Tue 8 Jan 2030 10:00." in said


@pytest.fixture(scope="module")
def shared_team(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """One Team Nord for the refusals (each must leave it as it is) and how it shows."""
    where = tmp_path_factory.mktemp("refusals")
    team(where)
    return where, ok(where, "group", "show", "Team Nord")


@pytest.mark.parametrize(
    ("args", "danish"),
    [
        (["add-member", "Team Nord", "Ali"], "Ali er allerede med i gruppen (deltager)."),
        (["remove-member", "Team Nord", "Zed"], "Zed er ikke med i gruppen Team Nord."),
        (["remove-member", "Team Nord", "Lea"], "Lea leder gruppen og kan ikke fjernes."),
        (["set-role", "Team Nord", "Bo", "chef"], "»chef« er ikke en rolle"),
        (["rhythm", "Team Nord", "--cadence", "14", "--weekly", "2"], "Vælg én rytme"),
        (["timebox", "Team Nord", "planlagt", "20"], "»planlagt« er ikke et trin"),
        (["timebox", "Team Nord", "udforsk", "lang"], "En tidsramme for udforsk er 1 til 240"),
        (["holidays", "Team Nord", "måske"], "»måske« er ikke en helligdagsregel"),
        (["unarchive", "Team Nord"], "Team Nord er ikke arkiveret."),
        (["archive", "Team Syd"], "Gruppen findes ikke."),
    ],
    ids=lambda value: value[0] if isinstance(value, list) else None,
)
def test_bad_group_changes_are_one_line_in_danish(shared_team, args, danish) -> None:
    where, before = shared_team
    bad = cli(where, "group", *args, lang="da")
    assert bad.returncode == 1, bad.stderr
    assert danish in bad.stderr and len(bad.stderr.strip().splitlines()) == 1, bad.stderr
    assert "Traceback" not in bad.stderr + bad.stdout
    assert ok(where, "group", "show", "Team Nord") == before


def test_a_group_changes_in_the_console_chat(tmp_path: Path) -> None:
    team(tmp_path)
    env = environment(f"sqlite:///{tmp_path / 'team.db'}", DATADIALOG_LANGUAGE="da")
    served = Served(env, tmp_path)
    try:
        served.wait_for("Du skriver som Lea")
        served.say("/medlem tilføj Eva", "Eva er kommet med i Team Nord som deltager.")
        served.say("/som Eva", "Du skriver nu som Eva (deltager).")
        served.say("/omdøb Team Eva", "Kun mødelederen (Lea) eller medlederen kan ændre gruppen")
        served.say("/som Lea", "Du skriver nu som Lea")
        served.say("/medlem fjern Ali", "Ali er gået ud af Team Nord.")
        served.say("/leder Bo", "Bo er nu mødeleder for Team Nord.")
        served.say("/som Bo", "Du skriver nu som Bo (mødeleder).")
        served.say("/arkivér", "Team Nord er arkiveret")
        served.say("/åbn", "Gruppen Team Nord er arkiveret")
        assert served.stop() == 0
    finally:
        if served.proc.poll() is None:
            served.kill()
    shown = ok(tmp_path, "group", "show", "Team Nord")
    assert "Bo (meeting leader)" in shown and "Ali (former member)" in shown
