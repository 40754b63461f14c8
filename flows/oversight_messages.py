"""What a due digest or escalation row says (management and quality team, issue 17),
from the state at sending time, as `flows.reminder_messages.compose` does for the other
reminders: someone no longer an overseer gets nothing, nor does an overseer of an action
done or dropped meanwhile, or of a group archived or no longer escalating.

The digest reads the groups' learning logs (the agreement papers they are made of), so
each group read is logged in the audit log as reading the paper (`flows.oversight`).
The DM names the CSV command that gives the same numbers (the chat platforms' direct
message path carries no file: `datadialog oversight csv`).
"""

from __future__ import annotations

from datetime import date, datetime

from flows.audit import SYSTEM
from flows.model import Group
from flows.offer_model import Overseer
from flows.outputs import ListItems, Output, Say, Text, ToUser, t
from flows.oversight import GroupMonth, in_scope, months_of
from flows.oversight_plan import overseers_of, same_overseer
from flows.ports import UnitOfWork
from flows.reminder_messages import Composed
from flows.reminder_plan import Reminder, ReminderKind, ReminderStatus

OVERSIGHT_KINDS = frozenset({ReminderKind.OVERSIGHT_DIGEST, ReminderKind.ESCALATION})
#: Rows that stand for a digest being (or having been) sent.
_LIVE = frozenset(
    {ReminderStatus.PENDING, ReminderStatus.CLAIMED, ReminderStatus.SENT, ReminderStatus.FAILED}
)


def _skip(reason: str) -> Composed:
    return Composed(instead=ReminderStatus.SKIPPED, reason=reason)


def compose_oversight(uow: UnitOfWork, r: Reminder, now: datetime) -> Composed:
    """What the due digest or escalation row `r` says now (reads, and logs the reading,
    in its own unit of work)."""
    with uow:
        if r.kind is ReminderKind.ESCALATION:
            return _escalation(uow, r)
        composed = _digest(uow, r, now)
        uow.commit()
        return composed


def _overseer(uow: UnitOfWork, r: Reminder) -> Overseer | None:
    offer_id = r.payload.get("offer_id")
    return next(
        (
            o
            for o in uow.offers.overseers(r.payload.get("workspace", ""))
            if o.user_id == r.recipient and o.offer_id == offer_id
        ),
        None,
    )


def _earlier_twin(uow: UnitOfWork, r: Reminder, overseer: Overseer) -> bool:
    """Another live row of the same digest planned before this one (two processes planned
    at once): that one sends."""
    return any(
        o.id is not None and o.id < (r.id or 0) and same_overseer(o, overseer) and o.status in _LIVE
        for o in uow.reminders.list(source=r.source)
    )


def _digest(uow: UnitOfWork, r: Reminder, now: datetime) -> Composed:
    overseer = _overseer(uow, r)
    if overseer is None:
        return _skip("no longer an overseer")
    if _earlier_twin(uow, r, overseer):
        return _skip("sent by an earlier row of the same digest")
    groups = in_scope(uow, overseer)
    if not groups:
        return _skip("no groups to report on")
    month = str(r.payload["month"])
    found = months_of(uow, groups, month, now=now, actor=r.recipient, platform=SYSTEM)
    offer = uow.offers.get(overseer.offer_id) if overseer.offer_id is not None else None
    return Composed(digest_outputs(r.recipient, month, offer.name if offer else None, found))


def digest_outputs(
    recipient: str, month: str, offer: str | None, found: list[GroupMonth]
) -> tuple[Output, ...]:
    """The digest as direct messages: a heading, each group's numbers, the CSV's command."""
    to = ToUser(recipient)
    heading = t("oversight.digest.heading", month=month, offer=offer, groups=len(found))
    outputs: list[Output] = [Say(to, heading)]
    outputs += [ListItems(to, t("oversight.digest.group", group=m.group), lines(m)) for m in found]
    outputs.append(Say(to, t("oversight.digest.csv", month=month, offer=offer)))
    return tuple(outputs)


def lines(m: GroupMonth) -> tuple[Text, ...]:
    """One group's month, as the overseer reads it."""
    found = [t("oversight.line.meetings", count=m.meetings)]
    if m.meetings:
        found += [
            t("follow_up.prepared", done=m.prepared, total=m.participants),
            t("follow_up.followed_up", done=m.followed_up, total=m.agreements),
            t(
                "oversight.line.actions",
                on_time=m.on_time,
                late=m.late,
                dropped=m.dropped,
                overdue=m.overdue,
            ),
        ]
    found.append(t("oversight.line.escalated", count=m.escalated))
    found.append(t("oversight.line.learnings", count=m.learnings))
    return (*found, *m.verdicts)


def _escalation(uow: UnitOfWork, r: Reminder) -> Composed:
    group = uow.groups.get(r.group_id)
    meeting = uow.meetings.get(r.meeting_id) if r.meeting_id else None
    action = meeting.action(r.action_number or 0) if meeting is not None else None
    if group is None or action is None:
        return _skip("action or group is gone")
    if not action.is_open:
        return _skip(f"action is {action.status}")
    if r.payload.get("due") != action.due.isoformat():
        return _skip("the due day changed")
    if group.archived_at is not None or group.escalate_after_days is None:
        return _skip("the group does not escalate")
    if r.recipient not in {o.user_id for o in overseers_of(uow, group)}:
        return _skip("no longer an overseer of the group")
    return Composed(
        (Say(ToUser(r.recipient), escalation_text(group, action.what, action.owner, r)),)
    )


def escalation_text(group: Group, what: str, owner: str, r: Reminder) -> Text:
    due = date.fromisoformat(str(r.payload["due"]))
    days = group.escalate_after_days or 0
    return t(
        "oversight.escalation",
        group=group.name,
        what=what,
        owner=group.name_of(owner),
        due=due,
        days=days,
    )
