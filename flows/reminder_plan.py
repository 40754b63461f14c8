"""Reminders as data: which rows a meeting or an agreement puts in the schedule.

Rows are planned here (pure) and stored by `uow.reminders`; the process's scheduler
claims due rows and asks `flows.reminder_messages.compose` what to send.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from flows.cadence import Calendar, Timeline, at_local, is_working_day, working_days_before
from flows.model import Action, Group, Meeting
from flows.outputs import CalendarInvite, ToUser, t


class ReminderKind(StrEnum):
    INVITATION = "invitation"  # the calendar invitation (.ics), sent at once
    PREPARATION_REQUEST = "preparation_request"
    UNPREPARED = "unprepared"
    LEADER_STATUS = "leader_status"
    START_NUDGE = "start_nudge"
    ACTION_BEFORE = "action_before"
    ACTION_DUE = "action_due"
    ACTION_OVERDUE = "action_overdue"
    DIGEST = "digest"
    NOTE = "note"  # a plain message (operators, tests)
    CANCELLATION = "cancellation"  # the .ics cancellation of a cancelled meeting (issue 14)
    OVERSIGHT_DIGEST = "oversight_digest"  # an overseer's monthly digest (issue 17)
    ESCALATION = "escalation"  # an overdue action escalated to the overseers (issue 17)


class ReminderStatus(StrEnum):
    PENDING = "pending"
    CLAIMED = "claimed"  # a process holds it until its lease runs out
    SENT = "sent"
    FAILED = "failed"  # gave up after MAX_ATTEMPTS
    EXPIRED = "expired"  # due while nobody ran, and no longer makes sense
    SKIPPED = "skipped"  # not needed when due (prepared already, action done)
    CANCELLED = "cancelled"  # replaced: the meeting moved, was held or cancelled


MEETING_KINDS = frozenset({
    ReminderKind.INVITATION, ReminderKind.PREPARATION_REQUEST, ReminderKind.UNPREPARED,
    ReminderKind.LEADER_STATUS, ReminderKind.START_NUDGE,
})  # fmt: skip
ACTION_KINDS = frozenset(
    {ReminderKind.ACTION_BEFORE, ReminderKind.ACTION_DUE, ReminderKind.ACTION_OVERDUE}
)

#: Delivery gives up after this many attempts; waits between them grow.
MAX_ATTEMPTS = 5
BACKOFF = (
    timedelta(seconds=30),
    timedelta(minutes=2),
    timedelta(minutes=10),
    timedelta(minutes=30),
)
#: How long a snoozed action reminder sleeps.
SNOOZE_DAYS = 2


def backoff(attempts: int) -> timedelta:
    """The wait after failed attempt number `attempts` (1-based)."""
    return BACKOFF[min(attempts, len(BACKOFF)) - 1]


@dataclass
class Reminder:
    kind: ReminderKind
    recipient: str
    due_at: datetime
    group_id: int
    source: str  # what (re)generates it: "meeting:7", "actions:7", "digest:7"
    meeting_id: int | None = None
    action_number: int | None = None
    expires_at: datetime | None = None
    payload: dict[str, Any] = field(default_factory=dict)
    status: ReminderStatus = ReminderStatus.PENDING
    attempts: int = 0
    last_error: str = ""
    sent_at: datetime | None = None
    id: int | None = None


def reminder_key(r: Reminder) -> tuple[object, ...]:
    """What makes two planned reminders the same message (for the meeting time planned)."""
    return (r.kind, r.recipient, r.meeting_id, r.action_number, r.payload.get("at"))


#: Once a reminder reached one of these, re-planning its source does not plan it again.
DONE_STATUSES = frozenset(
    {
        ReminderStatus.CLAIMED,
        ReminderStatus.SENT,
        ReminderStatus.SKIPPED,
        ReminderStatus.EXPIRED,
        ReminderStatus.FAILED,
    }
)


def still_to_send(planned: list[Reminder], done: list[Reminder]) -> list[Reminder]:
    """The planned reminders that were not already sent (or closed) in an earlier plan."""
    seen = {reminder_key(r) for r in done if r.status in DONE_STATUSES}
    return [r for r in planned if reminder_key(r) not in seen]


def meeting_source(meeting_id: int) -> str:
    return f"meeting:{meeting_id}"


def actions_source(meeting_id: int) -> str:
    return f"actions:{meeting_id}"


def digest_source(meeting_id: int) -> str:
    return f"digest:{meeting_id}"


# Planning ---------------------------------------------------------------------


def meeting_timeline(
    group: Group,
    meeting: Meeting,
    timeline: Timeline,
    calendar: Calendar,
    now: datetime,
    *,
    moved: bool = False,
) -> list[Reminder]:
    """Every reminder of one scheduled meeting, in due order.

    Times are on the group's local wall clock (a reminder "3 days before 09:00" is at
    09:00 even across a daylight saving change). A step whose time has passed when
    the meeting is planned is sent now if it still makes sense (the preparation
    request, the leader's status) and left out otherwise.
    """
    tz = group.timezone
    at = meeting.scheduled_at
    local = at.astimezone(ZoneInfo(tz))
    mid = meeting.id or 0
    src = meeting_source(mid)
    payload = {"at": at.astimezone(UTC).isoformat(), "number": meeting.number}
    gid = group.id or 0
    invite = {**payload, "moved": moved}
    rows: list[Reminder] = [
        Reminder(ReminderKind.INVITATION, m.user_id, now, gid, src, mid, None, at, dict(invite))
        for m in group.members
    ]

    def add(kind: ReminderKind, who: str, due: datetime, *, late_ok: bool, until: datetime) -> None:
        if due <= now:
            if not late_ok or until <= now:
                return
            due = now
        rows.append(Reminder(kind, who, due, gid, src, mid, None, until, dict(payload)))

    prep_day = local.date() - timedelta(days=timeline.preparation_days)
    while not is_working_day(calendar, prep_day):  # not on a weekend or a holiday
        prep_day -= timedelta(days=1)
    prep_at = at_local(prep_day, local.time(), tz)
    for p in group.participants:
        add(ReminderKind.PREPARATION_REQUEST, p.user_id, prep_at, late_ok=True, until=at)
    before = working_days_before(calendar, local.date(), timeline.unprepared_working_days)
    unprepared_at = at_local(before, local.time(), tz)
    if unprepared_at > prep_at:
        for p in group.participants:
            add(ReminderKind.UNPREPARED, p.user_id, unprepared_at, late_ok=False, until=at)
    status_at = at - timedelta(hours=timeline.leader_status_hours)
    add(ReminderKind.LEADER_STATUS, group.leader.user_id, status_at, late_ok=True, until=at)
    add(
        ReminderKind.START_NUDGE,
        group.leader.user_id,
        at,
        late_ok=False,
        until=at + timedelta(hours=1),
    )
    return sorted(rows, key=lambda r: (r.due_at, r.kind, r.recipient))


def _end_of_day(day: date, tz: str) -> datetime:
    return at_local(day + timedelta(days=1), time(0, 0), tz)


def action_followups(
    group: Group, meeting: Meeting, timeline: Timeline, calendar: Calendar, now: datetime
) -> list[Reminder]:
    """Reminders for the open actions of a closed meeting's agreement paper."""
    mid = meeting.id or 0
    rows: list[Reminder] = []
    for action in meeting.agreement.actions:
        if not action.is_open:
            continue
        rows += _action_rows(group, mid, action, timeline, calendar, now)
    return sorted(rows, key=lambda r: (r.due_at, r.kind, r.recipient))


def _action_rows(
    group: Group,
    mid: int,
    action: Action,
    timeline: Timeline,
    calendar: Calendar,
    now: datetime,
) -> list[Reminder]:
    tz, gid = group.timezone, group.id or 0
    src = actions_source(mid)
    payload = {"due": action.due.isoformat(), "what": action.what}
    rows: list[Reminder] = []

    def add(kind: ReminderKind, who: str, day: date, until: datetime) -> None:
        due = max(at_local(day, timeline.remind_at, tz), now)
        if until <= now or group.member(who) is None:  # none to former members (issue 14)
            return
        rows.append(Reminder(kind, who, due, gid, src, mid, action.number, until, dict(payload)))

    before = action.due - timedelta(days=timeline.action_before_days)
    while not is_working_day(calendar, before) and before > now.date():
        before -= timedelta(days=1)
    if before < action.due and at_local(before, timeline.remind_at, tz) > now:
        add(ReminderKind.ACTION_BEFORE, action.owner, before, _end_of_day(before, tz))
    add(ReminderKind.ACTION_DUE, action.owner, action.due, _end_of_day(action.due, tz))
    overdue = action.due + timedelta(days=timeline.overdue_days)
    overdue_until = _end_of_day(overdue + timedelta(days=7), tz)
    for who in dict.fromkeys((action.follow_up, group.leader.user_id)):
        add(ReminderKind.ACTION_OVERDUE, who, overdue, overdue_until)
    return rows


def weekly_digests(
    group: Group, closed: Meeting, until: datetime, timeline: Timeline, now: datetime
) -> list[Reminder]:
    """One digest per week for the leader, from the close until the next meeting."""
    tz = group.timezone
    local = now.astimezone(ZoneInfo(tz))
    day = local.date() + timedelta(days=(timeline.digest_weekday - local.weekday()) % 7)
    rows: list[Reminder] = []
    while len(rows) < 12:
        due = at_local(day, timeline.digest_at, tz)
        if due >= until:
            break
        if due > now:
            rows.append(
                Reminder(
                    ReminderKind.DIGEST,
                    group.leader.user_id,
                    due,
                    group.id or 0,
                    digest_source(closed.id or 0),
                    closed.id,
                    None,
                    due + timedelta(days=1),
                )
            )
        day += timedelta(days=7)
    return rows


# Invitations --------------------------------------------------------------------


def invitations(
    group: Group, meeting: Meeting, timeline: Timeline, *, moved: bool = False
) -> list[CalendarInvite]:
    """A calendar invitation to every member (sent at planning and whenever it moves)."""
    start = meeting.scheduled_at
    attendees = tuple((m.user_id, m.name) for m in group.members)
    leader = group.leader
    key = "invite.moved" if moved else "invite.new"
    return [
        CalendarInvite(
            to=ToUser(m.user_id),
            meeting_id=meeting.id or 0,
            uid=f"datadialog-meeting-{meeting.id}@{group.id}",
            sequence=meeting.version,
            text=t(key, number=meeting.number, group=group.name, at=start),
            title=t("invite.title", number=meeting.number, group=group.name),
            description=t(
                "invite.description",
                group=group.name,
                level=group.level,
                number=meeting.number,
                days=timeline.preparation_days,
            ),
            start=start,
            end=start + timedelta(minutes=timeline.meeting_minutes),
            timezone=group.timezone,
            organizer=(leader.user_id, leader.name),
            attendees=attendees,
        )
        for m in group.members
    ]
