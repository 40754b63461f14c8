"""What a due reminder row says when it is sent.

`compose` works from the state *at sending time*: a participant who has prepared
meanwhile gets no "you have not prepared" reminder, an action marked done gets no
overdue nudge, a preparation reminder for a meeting already held or moved is never sent.
The rows themselves are planned in `flows.reminder_plan`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from flows.commands import ActionAnswer, AnswerActionReminder
from flows.model import Group, Meeting
from flows.outputs import (
    PRESSER,
    AskPreparation,
    ChartKind,
    Choice,
    ListItems,
    Output,
    RequestChart,
    Say,
    ShowChoices,
    Text,
    ToUser,
    t,
)
from flows.reminder_plan import (
    ACTION_KINDS,
    MEETING_KINDS,
    Reminder,
    ReminderKind,
    ReminderStatus,
    invitations,
)
from flows.steps import DIALOGUE_STEPS, GUIDING_QUESTIONS, Step


@dataclass(frozen=True)
class Composed:
    """What a due row becomes: outputs to send, or the status to close it with instead."""

    outputs: tuple[Output, ...] = ()
    instead: ReminderStatus | None = None
    reason: str = ""


def _skip(reason: str) -> Composed:
    return Composed(instead=ReminderStatus.SKIPPED, reason=reason)


def _expired(reason: str) -> Composed:
    return Composed(instead=ReminderStatus.EXPIRED, reason=reason)


def action_choices(meeting_id: int, number: int) -> tuple[Choice, ...]:
    """The answers on an action reminder's buttons: done, remind me later, no longer relevant."""
    return tuple(
        Choice(
            Text(f"reminder.choice.{answer.value}"),
            AnswerActionReminder(PRESSER, meeting_id, number, answer),
        )
        for answer in ActionAnswer
    )


def compose(
    r: Reminder,
    group: Group | None,
    meeting: Meeting | None,
    previous: Meeting | None,
    now: datetime,
) -> Composed:
    """What the due row `r` says now; `meeting` is the row's meeting, `previous` the
    closed meeting before it (for "open actions due")."""
    if r.kind is ReminderKind.NOTE:
        return Composed(
            (Say(ToUser(r.recipient), t("reminder.note", text=r.payload.get("text", ""))),)
        )
    if r.expires_at is not None and now >= r.expires_at:
        return _expired("too late to make sense")
    if r.kind is ReminderKind.CANCELLATION and group is not None:  # also once the meeting is gone
        return _cancellation(r, group, meeting)
    if group is None or meeting is None:
        return _skip("meeting or group is gone")
    if group.archived_at is not None:  # group changes (issue 14)
        return _skip("the group is archived")
    if r.kind in MEETING_KINDS:
        return _compose_meeting(r, group, meeting, previous, now)
    if r.kind in ACTION_KINDS:
        return _compose_action(r, group, meeting)
    if r.kind is ReminderKind.DIGEST:
        return _compose_digest(r, group, meeting, now)
    return _skip(f"unknown kind {r.kind}")


def _compose_meeting(
    r: Reminder, group: Group, m: Meeting, previous: Meeting | None, now: datetime
) -> Composed:
    # A meeting brought back by an undo in the middle of its dialogue is invited again.
    again = r.kind is ReminderKind.INVITATION and r.payload.get("restored")
    if m.step not in (Step.SCHEDULED, Step.PREPARING) and not (again and m.step in DIALOGUE_STEPS):
        return _expired(f"meeting is {m.step}")
    planned_for = r.payload.get("at")
    if planned_for is None or datetime.fromisoformat(planned_for) != m.scheduled_at:
        return _skip("meeting moved")
    return _MEETING_COMPOSERS[r.kind](r, group, m, previous)


def _invitation(r: Reminder, group: Group, m: Meeting, previous: Meeting | None) -> Composed:
    moved = bool(r.payload.get("moved"))
    to = ToUser(r.recipient)
    mine = [i for i in invitations(group, m, group.timeline, moved=moved) if i.to == to]
    if r.payload.get("restored"):  # cancel with care (issue 14): the undo's invitation
        again = t("invite.restored", number=m.number, group=group.name, at=m.scheduled_at)
        mine = [dataclasses.replace(i, text=again) for i in mine]
    return Composed(tuple(mine)) if mine else _skip("not a member any more")


def _cancellation(r: Reminder, group: Group, m: Meeting | None) -> Composed:
    """The .ics cancellation of a cancelled (or withdrawn) meeting: the invitation's UID,
    a higher SEQUENCE, METHOD:CANCEL. Not sent once the meeting is on again."""
    if m is not None and m.step is not Step.CANCELLED:
        return _skip("meeting is on again")
    at, number = datetime.fromisoformat(r.payload["at"]), int(r.payload["number"])
    sequence = max(int(r.payload.get("sequence", 0)), m.version if m else 0)
    event = Meeting(group.id or 0, number, at, version=sequence, id=r.meeting_id)
    text = t("invite.cancelled", number=number, group=group.name, at=at)
    mine = [
        dataclasses.replace(i, cancelled=True, text=text)
        for i in invitations(group, event, group.timeline)
        if i.to == ToUser(r.recipient)
    ]
    return Composed(tuple(mine)) if mine else _skip("not a member any more")


def _preparation_request(
    r: Reminder, group: Group, m: Meeting, previous: Meeting | None
) -> Composed:
    to = ToUser(r.recipient)
    current = {kind: p.text for kind, p in m.points_of(r.recipient).items()}
    ask = AskPreparation(
        to=to,
        meeting_id=m.id or 0,
        intro=t("reminder.prep_request", group=group.name, at=m.scheduled_at),
        questions=tuple(Text(k) for k in GUIDING_QUESTIONS[Step.PREPARING]),
        current=current,
    )
    return Composed((ask, RequestChart(to, m.id or 0, ChartKind.DATA)))


def _unprepared(r: Reminder, group: Group, m: Meeting, previous: Meeting | None) -> Composed:
    if m.has_prepared(r.recipient):
        return _skip("already prepared")
    text = t("reminder.unprepared", group=group.name, at=m.scheduled_at)
    return Composed((Say(ToUser(r.recipient), text),))


def _leader_status(r: Reminder, group: Group, m: Meeting, previous: Meeting | None) -> Composed:
    items = [
        t("prep.status_line", name=p.name, prepared=m.has_prepared(p.user_id))
        for p in group.participants
    ]
    meeting_day = m.scheduled_at.astimezone(ZoneInfo(group.timezone)).date()
    due = [
        a
        for a in (previous.agreement.actions if previous else [])
        if a.is_open and a.due <= meeting_day
    ]
    items += [
        t("reminder.action_line", what=a.what, owner=group.name_of(a.owner), due=a.due) for a in due
    ]
    done = sum(1 for p in group.participants if m.has_prepared(p.user_id))
    heading = t(
        "reminder.leader_status",
        number=m.number,
        at=m.scheduled_at,
        done=done,
        total=len(group.participants),
        actions=len(due),
    )
    return Composed((ListItems(ToUser(r.recipient), heading, tuple(items)),))


def _start_nudge(r: Reminder, group: Group, m: Meeting, previous: Meeting | None) -> Composed:
    text = t("reminder.start_nudge", number=m.number, group=group.name)
    return Composed((Say(ToUser(r.recipient), text),))


#: What each meeting reminder says once the meeting is still on and still at that time.
_MEETING_COMPOSERS: dict[
    ReminderKind, Callable[[Reminder, Group, Meeting, Meeting | None], Composed]
] = {
    ReminderKind.INVITATION: _invitation,
    ReminderKind.PREPARATION_REQUEST: _preparation_request,
    ReminderKind.UNPREPARED: _unprepared,
    ReminderKind.LEADER_STATUS: _leader_status,
    ReminderKind.START_NUDGE: _start_nudge,
}
assert _MEETING_COMPOSERS.keys() == MEETING_KINDS


def _compose_action(r: Reminder, group: Group, m: Meeting) -> Composed:
    action = m.action(r.action_number or 0)
    if action is None:
        return _skip("action is gone")
    if not action.is_open:
        return _skip(f"action is {action.status}")
    key = {
        ReminderKind.ACTION_BEFORE: "reminder.action_before",
        ReminderKind.ACTION_DUE: "reminder.action_due",
        ReminderKind.ACTION_OVERDUE: "reminder.action_overdue",
    }[r.kind]
    text = t(
        key,
        what=action.what,
        due=action.due,
        owner=group.name_of(action.owner),
        group=group.name,
    )
    choices = action_choices(m.id or 0, action.number)
    if r.kind is ReminderKind.ACTION_OVERDUE and r.recipient != action.owner:
        return Composed((Say(ToUser(r.recipient), text),))
    return Composed((ShowChoices(ToUser(r.recipient), m.id or 0, text, choices),))


def _compose_digest(r: Reminder, group: Group, m: Meeting, now: datetime) -> Composed:
    today = now.astimezone(ZoneInfo(group.timezone)).date()
    open_actions = [a for a in m.agreement.actions if a.is_open]
    items = tuple(
        t(
            "reminder.digest_line",
            what=a.what,
            owner=group.name_of(a.owner),
            due=a.due,
            overdue=a.due < today,
        )
        for a in open_actions
    )
    overdue = sum(1 for a in open_actions if a.due < today)
    heading = t("reminder.digest", group=group.name, open=len(open_actions), overdue=overdue)
    return Composed((ListItems(ToUser(r.recipient), heading, items, t("reminder.digest_empty")),))
