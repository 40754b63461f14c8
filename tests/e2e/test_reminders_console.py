"""`datadialog serve` runs the reminder job: invitations arrive in the console with their .ics
file, a moved meeting sends new ones, and `datadialog reminders list|send-due` work."""

from __future__ import annotations

from datetime import datetime, timedelta

import holidays
import pytest
from icalendar import Calendar

from tests.e2e.serve import Served, environment, run_cli

pytestmark = pytest.mark.e2e


def _working_day_before_a_working_day(start: datetime) -> datetime:
    """09:00 on a day that, like the next, is neither a weekend nor a Danish holiday: the
    holiday rule would move the meeting (and the move) otherwise, whatever day CI runs."""
    danish = holidays.country_holidays("DK")
    day = start.replace(hour=9, minute=0, second=0, microsecond=0)
    while any(d.weekday() >= 5 or d.date() in danish for d in (day, day + timedelta(days=1))):
        day += timedelta(days=1)
    return day


def test_invitations_and_a_moved_meeting_in_the_console(tmp_path):
    env = environment(f"sqlite:///{tmp_path / 'd.db'}", DATADIALOG_REMINDER_TICK_SECONDS="0.3")
    first = _working_day_before_a_working_day(datetime.now() + timedelta(days=10))
    created = run_cli(
        env,
        "group",
        "create",
        "Team Nord",
        "--leader",
        "Lea",
        "--participant",
        "Ali",
        "--participant",
        "Bo",
        "--weekly",
        "2",
        "--first",
        first.strftime("%Y-%m-%d %H:%M"),
        cwd=tmp_path,
    )
    assert created.returncode == 0, created.stderr
    listed = run_cli(env, "reminders", "list", "--status", "pending", cwd=tmp_path)
    assert listed.stdout.count("invitation") == 3 and "start_nudge" in listed.stdout

    served = Served(env, tmp_path)
    try:
        for _ in range(3):  # in any order
            served.wait_for("Calendar invitation for")
        assert {"Ali", "Bo", "Lea"} == {
            line.split()[3] for line in served.seen if line.startswith("Calendar invitation for")
        }
        later = (first + timedelta(days=1)).replace(hour=13)
        after = len(served.seen)
        served.say(f"/move {later:%Y-%m-%d %H:%M}", "Meeting 1 has moved from")
        moved = "The meeting has moved: meeting 1 of Team Nord is now"
        invited = "Calendar invitation for"

        def printed(text: str) -> int:
            return sum(text in line for line in served.seen[after:])

        while printed(moved) < 3 or printed(invited) < 3:  # each member's, before /quit
            served.wait_for(moved if printed(moved) < 3 else invited)
    finally:
        assert served.stop() == 0

    files = sorted(p.name for p in (tmp_path / "invitations").glob("*.ics"))
    assert "meeting-1-bo-v1.ics" in files and "meeting-1-bo-v0.ics" in files
    (event,) = Calendar.from_ical(
        (tmp_path / "invitations" / "meeting-1-bo-v1.ics").read_bytes()
    ).walk("VEVENT")
    assert event.decoded("dtstart").replace(tzinfo=None) == later
    again = run_cli(env, "reminders", "send-due", cwd=tmp_path)
    assert "Sent: 0" in again.stdout, again.stdout + again.stderr
