"""`datadialog group create` schedules by the rhythm: a first meeting left open is on a
working day at the set time, a holiday follows the rule, the past and two rhythms at once
are refused, each in the configured language.

The command line runs on the real clock, so these tests check what holds on any day
(a weekday, not a holiday, the time of day); the exact days are checked with a fixed
clock in `tests/unit/test_scheduling_defaults.py`.
"""

from __future__ import annotations

import re
import subprocess
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from bot.calendar_rules import HolidayCalendar
from tests.e2e.serve import environment, run_cli

pytestmark = pytest.mark.e2e

FIRST = re.compile(
    r"The first meeting is on (\w{3}) (\d{1,2} \w{3} \d{4}) (\d\d:\d\d); then (.*)\."
)


def create(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    settings = environment(f"sqlite:///{tmp_path / 'team.db'}", **env)
    return run_cli(settings, "group", "create", "Team Nord", "--leader", "Lea",
                   "--participant", "Ali", *args, cwd=tmp_path)  # fmt: skip


def groups(tmp_path: Path) -> list[str]:
    env = environment(f"sqlite:///{tmp_path / 'team.db'}")
    return run_cli(env, "group", "list", cwd=tmp_path).stdout.splitlines()


def first_meeting(output: str) -> tuple[str, date, str, str]:
    found = FIRST.search(output)
    assert found, output
    weekday, day, clock, rhythm = found.groups()
    return weekday, datetime.strptime(day, "%d %b %Y").date(), clock, rhythm


@pytest.mark.parametrize("rhythm", [[], ["--weekly", "1"], ["--monthly", "-1"]])
def test_a_first_meeting_left_open_is_on_a_working_day_at_0900(tmp_path, rhythm):
    made = create(tmp_path, *rhythm)
    assert made.returncode == 0, made.stderr
    weekday, day, clock, said = first_meeting(made.stdout)
    assert weekday not in ("Sat", "Sun") and clock == "09:00"
    assert not HolidayCalendar().is_holiday(day)
    assert "Saturday" not in said and "Sunday" not in said


def test_the_first_meetings_time_of_day_is_a_setting(tmp_path):
    made = create(tmp_path, DATADIALOG_FIRST_MEETING_TIME="10:30")
    assert made.returncode == 0, made.stderr
    assert first_meeting(made.stdout)[2] == "10:30"


def test_a_first_meeting_on_christmas_day_moves_to_the_next_working_day(tmp_path):
    soon = date.today() + timedelta(days=2)
    christmas = date(soon.year if soon <= date(soon.year, 12, 25) else soon.year + 1, 12, 25)
    made = create(tmp_path, "--first", f"{christmas} 09:00", DATADIALOG_LANGUAGE="da")
    assert made.returncode == 0, made.stderr
    assert "er en helligdag, så mødet holdes næste hverdag" in made.stdout
    created = next(line for line in made.stdout.splitlines() if "Første møde er" in line)
    assert "25. dec." not in created and "26. dec." not in created


def test_a_first_meeting_a_year_back_is_refused_in_danish(tmp_path):
    a_year_back = date.today() - timedelta(days=366)
    bad = create(tmp_path, "--first", f"{a_year_back} 09:00", DATADIALOG_LANGUAGE="da")
    assert bad.returncode == 1
    assert "er allerede passeret" in bad.stderr
    assert not any("Team Nord" in line for line in groups(tmp_path))


@pytest.mark.parametrize(
    ("args", "danish"),
    [
        (["--cadence", "14", "--weekly", "2"], "Vælg én rytme: hver 14. dag eller hver 2. uge?"),
        (["--weekly", "1", "--monthly", "1"], "Vælg én rytme: hver uge eller månedligt?"),
        (["--monthly", "5"], "En månedlig rytme holder møde den 1., 2., 3. eller 4. ugedag"),
        (["--weekly", "0"], "Hver N. uge: N skal være fra 1 til 52, ikke 0."),
    ],
)
def test_conflicting_or_bad_rhythm_options_are_refused_in_the_users_language(
    tmp_path, args, danish
):
    bad = create(tmp_path, *args, DATADIALOG_LANGUAGE="da")
    assert bad.returncode == 1
    assert danish in bad.stderr
    for internal in ("Bad rhythm", "nth", "interval", "Traceback"):
        assert internal not in bad.stderr + bad.stdout
    assert not any("Team Nord" in line for line in groups(tmp_path))
