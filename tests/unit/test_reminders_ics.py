"""The calendar invitation opens as a valid calendar event: parsed back with icalendar."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar

from bot.calendar_invite import invite_ics, write_invite
from flows.cadence import Timeline
from flows.model import Group, Level, Meeting, Member, Role
from flows.reminder_plan import invitations

TZ = ZoneInfo("Europe/Copenhagen")


def _group() -> Group:
    members = [Member("lea", "Lea", Role.LEADER), Member("ali", "Ali"), Member("bo", "Bø Ærø")]
    return Group("Familieteam Nord", Level.CITIZEN, members, id=4)


def test_the_invitation_parses_back_with_start_end_zone_attendees_and_purpose(tmp_path):
    group = _group()
    # 30 Mar 2027: the first Tuesday of summer time.
    meeting = Meeting(
        group_id=4, number=3, scheduled_at=datetime(2027, 3, 30, 7, 0, tzinfo=UTC), id=17, version=2
    )
    invite = next(i for i in invitations(group, meeting, Timeline()) if i.to.user_id == "ali")
    path = write_invite(invite, tmp_path, "da")
    assert path.name == "meeting-17-ali-v2.ics"

    cal = Calendar.from_ical(path.read_bytes())
    (event,) = cal.walk("VEVENT")
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    assert start == datetime(2027, 3, 30, 9, 0, tzinfo=TZ)
    assert start.utcoffset() == timedelta(hours=2)
    assert end - start == timedelta(minutes=90)
    assert event["dtstart"].params["TZID"] == "Europe/Copenhagen"
    assert [tz["tzid"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Copenhagen"]
    assert {c.name for c in cal.walk("VTIMEZONE")[0].subcomponents} == {"STANDARD", "DAYLIGHT"}
    attendees = event.get("attendee")
    names = sorted(str(a.params["CN"]) for a in attendees)
    assert names == ["Ali", "Bø Ærø", "Lea"]
    assert str(event["organizer"].params["CN"]) == "Lea"
    description = str(event["description"])
    assert "Formål: at se på vores egne data sammen" in description
    assert "Familieteam Nord" in str(event["summary"])
    assert event["uid"] == "datadialog-meeting-17@4" and event["sequence"] == 2


def test_a_moved_meeting_keeps_its_uid_with_a_higher_sequence():
    group = _group()
    meeting = Meeting(
        group_id=4, number=3, scheduled_at=datetime(2027, 3, 30, 7, tzinfo=UTC), id=17, version=2
    )
    first = Calendar.from_ical(invite_ics(invitations(group, meeting, Timeline())[0], "en"))
    meeting.version, meeting.scheduled_at = 3, meeting.scheduled_at + timedelta(days=1)
    moved = invitations(group, meeting, Timeline(), moved=True)[0]
    second = Calendar.from_ical(invite_ics(moved, "en"))
    (a,), (b,) = first.walk("VEVENT"), second.walk("VEVENT")
    assert a["uid"] == b["uid"] and b["sequence"] > a["sequence"]
    assert "Purpose: to look at our own data together" in str(b["description"])
