"""Cancel with care (issue 14): a cancel is asked before it is made, tells every member's
calendar, plans the next meeting by the rhythm, and can be undone on the day it was made.

`progress.cancel` asks (`confirmation`) and, once confirmed, cancels; the service then
plans the next meeting at the rhythm's slot after the cancelled one (`next_time`) and
calls `after_cancel`: an .ics cancellation for every member (a reminder row, sent by the
scheduler like every invitation, with the invitation's UID and a higher SEQUENCE) and the
channel told what comes next, with the undo button. `undo_cancel` brings the meeting back
to the step it was cancelled from, withdraws the meeting planned in its place while
nothing has happened in it, re-plans the meeting's reminders and invites everyone again.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from flows import planning
from flows.cadence import Calendar
from flows.commands import Cancel, UndoCancel
from flows.errors import InvalidInput
from flows.model import Group, Meeting
from flows.outputs import (
    PRESSER,
    Choice,
    ChoiceStyle,
    Output,
    Say,
    ShowChoices,
    ToActor,
    ToChannel,
    t,
)
from flows.ports import UnitOfWork
from flows.reminder_plan import Reminder, ReminderKind, ReminderStatus, meeting_source
from flows.rhythm import slot_after_skip
from flows.steps import DIALOGUE_STEPS, Step

if TYPE_CHECKING:
    from flows.machine import Context

#: An invitation row in one of these reached (or is reaching) its member's calendar.
DELIVERED = frozenset({ReminderStatus.SENT, ReminderStatus.CLAIMED})
PENDING = frozenset({ReminderStatus.PENDING})
#: How long after the meeting (or after now) a calendar message is still worth sending.
CALENDAR_GRACE = timedelta(days=1)


# Cancelling ------------------------------------------------------------------------------


def confirmation(meeting: Meeting, actor: str) -> ShowChoices:
    """The question an unconfirmed cancel asks, only the leader sees it; nothing changes
    until its button (the cancel, confirmed and pinned to the step it was asked in) is
    pressed, so ignoring it keeps the meeting."""
    yes = Cancel(PRESSER, meeting.id or 0, meeting.step, confirmed=True)
    text = t("cancel.confirm", number=meeting.number, at=meeting.scheduled_at)
    choice = Choice(t("choice.cancel_confirm"), yes, ChoiceStyle.DANGER)
    return ShowChoices(ToActor(actor), meeting.id or 0, text, (choice,))


def next_time(group: Group, cancelled: Meeting, now: datetime, calendar: Calendar) -> datetime:
    """The meeting after a cancelled one: the rhythm's slot after the one it stood for (as
    a skip goes, so a meeting moved before its slot does not come back on that slot)."""
    return slot_after_skip(group, cancelled.scheduled_at, now, calendar)


def after_cancel(
    uow: UnitOfWork, group: Group, cancelled: Meeting, nxt: Meeting, now: datetime
) -> list[Output]:
    """The cancelled meeting (saved) out of every member's calendar; the channel told which
    meeting is next, with the leader's undo."""
    members = [m.user_id for m in group.members]
    for row in cancellations(group, cancelled, cancelled.version, members, now):
        uow.reminders.add(row)
    text = t("meeting.cancelled_next", number=nxt.number, at=nxt.scheduled_at)
    undo = Choice(t("choice.undo_cancel"), UndoCancel(PRESSER, cancelled.id or 0))
    return [ShowChoices(ToChannel(group.id or 0), cancelled.id or 0, text, (undo,))]


def cancellations(
    group: Group, meeting: Meeting, sequence: int, recipients: list[str], now: datetime
) -> list[Reminder]:
    """An .ics cancellation of `meeting` for each recipient, to send now: what the event was
    (its time and number) travels with the row, so it is sent even once the meeting is gone."""
    payload = {
        "at": meeting.scheduled_at.astimezone(UTC).isoformat(),
        "number": meeting.number,
        "sequence": sequence,
    }
    until = max(meeting.scheduled_at, now) + CALENDAR_GRACE
    source, mid, gid = meeting_source(meeting.id or 0), meeting.id, group.id or 0
    return [
        Reminder(ReminderKind.CANCELLATION, who, now, gid, source, mid, None, until, dict(payload))
        for who in recipients
    ]


# Undoing ---------------------------------------------------------------------------------


def undo_target(uow: UnitOfWork, meeting: Meeting) -> Meeting:
    """The meeting an undo acts on: `meeting` itself, or, when it is the one planned in the
    place of a cancelled meeting (the group's newest, which a typed undo names), that one."""
    if meeting.step is Step.CANCELLED:
        return meeting
    before = uow.meetings.by_number(meeting.group_id, meeting.number - 1)
    return before if before is not None and before.step is Step.CANCELLED else meeting


def undo_cancel(ctx: Context, cmd: UndoCancel) -> list[Output]:
    m, group, uow = ctx.meeting, ctx.group, ctx.uow
    zone = ZoneInfo(group.timezone)
    if m.cancelled_at is None or m.cancelled_at.astimezone(zone).date() != (
        ctx.now.astimezone(zone).date()
    ):
        raise InvalidInput("cancel.error.too_late", number=m.number)
    outputs: list[Output] = []
    nxt = uow.meetings.by_number(group.id or 0, m.number + 1)
    if nxt is not None:
        outputs.append(_withdraw(uow, group, nxt, ctx.now))
    step = m.cancelled_from or Step.SCHEDULED
    m.step, m.cancelled_at, m.cancelled_from = step, None, None
    uow.reminders.cancel(meeting_source(m.id or 0), frozenset({ReminderKind.CANCELLATION}))
    if step in DIALOGUE_STEPS:  # a fresh time-box; the step's message and buttons still hold
        m.step_started_at = ctx.now
        m.step_deadline = ctx.now + timedelta(minutes=group.timeboxes.get(step, 15))
        m.timeup_notified = False
    else:
        planning.plan_meeting(uow, group, m, ctx.now, ctx.calendar)
    _invite_again(uow, group, m, ctx.now)
    text = t("meeting.restored", number=m.number, at=m.scheduled_at, step=step)
    return [Say(ToChannel(group.id or 0), text), *outputs]


def _withdraw(uow: UnitOfWork, group: Group, nxt: Meeting, now: datetime) -> Say:
    """Take back the meeting planned in the cancelled one's place, while nothing has happened
    in it (only planned, no one prepared): its reminders go, and the calendars that got its
    invitation get a cancellation.

    It is kept as a cancelled meeting outside the group's numbering (its number the negative
    of its id), not deleted: its number is free for the next meeting, while its id, and with
    it its calendar UID and its reminder rows, are never given to another meeting (SQLite
    hands a deleted row's id out again)."""
    if nxt.step is not Step.SCHEDULED or nxt.points:
        raise InvalidInput("cancel.error.next_begun", number=nxt.number)
    source = meeting_source(nxt.id or 0)
    invited = [
        r.recipient
        for r in uow.reminders.list(source=source, statuses=DELIVERED)
        if r.kind is ReminderKind.INVITATION
    ]
    uow.reminders.cancel(source)
    for row in cancellations(group, nxt, nxt.version + 1, list(dict.fromkeys(invited)), now):
        uow.reminders.add(row)
    said = t("meeting.withdrawn", number=nxt.number, at=nxt.scheduled_at)
    nxt.step, nxt.number = Step.CANCELLED, -(nxt.id or 0)
    uow.meetings.save(nxt)  # with the version check: someone preparing just now wins
    return Say(ToChannel(group.id or 0), said)


def _invite_again(uow: UnitOfWork, group: Group, meeting: Meeting, now: datetime) -> None:
    """A fresh invitation (the same UID, a higher SEQUENCE: the meeting's version when it is
    sent) for every member without one waiting already."""
    source = meeting_source(meeting.id or 0)
    waiting = {
        r.recipient
        for r in uow.reminders.list(source=source, statuses=PENDING)
        if r.kind is ReminderKind.INVITATION
    }
    at = meeting.scheduled_at
    payload = {"at": at.astimezone(UTC).isoformat(), "number": meeting.number, "restored": True}
    until = max(at, now + timedelta(hours=2))
    for member in group.members:
        if member.user_id in waiting:
            continue
        uow.reminders.add(
            Reminder(
                ReminderKind.INVITATION,
                member.user_id,
                now,
                group.id or 0,
                source,
                meeting.id,
                None,
                until,
                dict(payload),
            )
        )
