"""A meeting invitation as an .ics file (RFC 5545) with icalendar.

The event carries the meeting's local start and end with their TZID (and a
VTIMEZONE, so calendars without the tz database place it right), every member as
an attendee, the leader as organiser, and the purpose in the description.
`SEQUENCE` grows when the meeting moves, so calendars update the same event
(same UID) instead of adding a second one.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone, vCalAddress, vText

from flows.outputs import CalendarInvite
from flows.text.render import render

#: Chat users have no e-mail address here; attendees are named by their chat user id.
ADDRESS_DOMAIN = "users.datadialog.invalid"


def _address(user_id: str, name: str, role: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{user_id}@{ADDRESS_DOMAIN}")
    address.params["cn"] = vText(name)
    address.params["role"] = vText(role)
    return address


def invite_ics(invite: CalendarInvite, lang: str = "da", now: datetime | None = None) -> bytes:
    tz = ZoneInfo(invite.timezone)
    cal = Calendar()
    cal.add("prodid", "-//Datadialog//reflection meetings//DA")
    cal.add("version", "2.0")
    cal.add("method", "CANCEL" if invite.cancelled else "REQUEST")
    start, end = invite.start.astimezone(tz), invite.end.astimezone(tz)
    # The zone's rules around the event (both sides of any daylight saving change).
    first, last = date(start.year - 1, 1, 1), date(end.year + 1, 12, 31)
    cal.add_component(Timezone.from_tzid(invite.timezone, first_date=first, last_date=last))
    event = Event()
    event.add("uid", invite.uid)
    event.add("sequence", invite.sequence)
    event.add("dtstamp", now or datetime.now(UTC))
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", render(invite.title, lang, invite.timezone))
    event.add("description", render(invite.description, lang, invite.timezone))
    event.add("status", "CANCELLED" if invite.cancelled else "CONFIRMED")
    leader_id, leader_name = invite.organizer
    event.add("organizer", _address(leader_id, leader_name, "CHAIR"))
    for user_id, name in invite.attendees:
        role = "CHAIR" if user_id == leader_id else "REQ-PARTICIPANT"
        event.add("attendee", _address(user_id, name, role), encode=0)
    cal.add_component(event)
    return cal.to_ical()


def invite_filename(invite: CalendarInvite) -> str:
    return f"meeting-{invite.meeting_id}-{invite.to.user_id}-v{invite.sequence}.ics"


def write_invite(invite: CalendarInvite, folder: Path, lang: str = "da") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / invite_filename(invite)
    path.write_bytes(invite_ics(invite, lang))
    return path
