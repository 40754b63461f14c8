"""Management and quality team (issue 17): the reminder rows of the monthly digest and of
escalations, planned like every reminder (`flows.reminder_plan`) and sent by the reminder
job, so a delivery that fails is recorded and retried as any reminder's.

**The monthly digest.** Each overseer gets one row per month, due on the 1st at the set
hour (DATADIALOG_OVERSIGHT_DIGEST_HOUR) on the wall clock of their first group (the
groups' time zone), reporting the month before. `plan_digests` is run by a daily job
(`bot.oversight_job`) and adds only the rows that are missing, so it may run often and on
every process. A row needs a group (`reminders.group_id`: the platform it goes out on is
that group's workspace's); it is the overseer's group with the lowest id. Two processes
planning at the same moment could each add the row: only the lowest-numbered live row of
an overseer's month sends (`flows.oversight_messages`), so the digest still goes out once.

**Escalation.** An action still open `Group.escalate_after_days` days after its due day is
escalated once, at the action reminders' time of day, to the overseers of the group's
offer and the organisation's overseers (of the group's workspace). The rows belong to the
closed meeting's action reminders (`actions_source`), so they are re-planned with them (a
new due day plans a new escalation) and cancelled with them (done, dropped).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flows.cadence import at_local
from flows.model import Group, Meeting
from flows.offer_model import Overseer
from flows.oversight import following, in_scope, month_of, preceding
from flows.ports import UnitOfWork
from flows.reminder_plan import Reminder, ReminderKind, ReminderStatus, actions_source

#: A digest not sent within this long of its due time is not sent (after downtime).
DIGEST_LATE = timedelta(days=3)
#: An escalation not sent within this long of its due time is not sent.
ESCALATION_LATE = timedelta(days=14)
#: The hour of the 1st the digest is due when the setting is not given.
DEFAULT_DIGEST_HOUR = 8
#: Longest `escalate_after_days` the settings take.
MAX_ESCALATE_DAYS = 365


def oversight_source(month: str, offer_id: int | None) -> str:
    """The source of an overseer's digest rows for `month` (of an offer, or 0: all)."""
    return f"oversight:{month}:{offer_id or 0}"


def same_overseer(r: Reminder, overseer: Overseer) -> bool:
    """Whether digest row `r` is for `overseer` (the source names month and offer)."""
    return r.recipient == overseer.user_id and r.payload.get("workspace") == overseer.workspace


def plan_digests(uow: UnitOfWork, now: datetime, hour: int = DEFAULT_DIGEST_HOUR) -> int:
    """Add each overseer's missing digest rows: the one due on this month's 1st (if it is
    not too late for it) and next month's; how many were added."""
    added = 0
    for overseer in uow.offers.overseers():
        groups = in_scope(uow, overseer)
        if not groups:
            continue
        anchor = min(groups, key=lambda g: g.id or 0)
        tz = anchor.timezone
        this_first = now.astimezone(ZoneInfo(tz)).date().replace(day=1)
        for first in (this_first, following(this_first)):
            due = at_local(first, time(hour), tz)
            if due + DIGEST_LATE <= now:
                continue
            added += _add_digest(uow, overseer, anchor, first, due)
    return added


def _add_digest(
    uow: UnitOfWork, overseer: Overseer, anchor: Group, first: date, due: datetime
) -> int:
    month = month_of(preceding(first))
    source = oversight_source(month, overseer.offer_id)
    planned = uow.reminders.list(source=source)
    if any(
        same_overseer(r, overseer) and r.status is not ReminderStatus.CANCELLED for r in planned
    ):
        return 0
    payload = {"month": month, "offer_id": overseer.offer_id, "workspace": overseer.workspace}
    kind = ReminderKind.OVERSIGHT_DIGEST
    until = due + DIGEST_LATE
    uow.reminders.add(
        Reminder(kind, overseer.user_id, due, anchor.id or 0, source, None, None, until, payload)
    )
    return 1


def overseers_of(uow: UnitOfWork, group: Group) -> list[Overseer]:
    """Who a group's escalations go to: its offer's overseers and the organisation's (of its
    workspace), each person once."""
    found = [
        o
        for o in uow.offers.overseers(group.workspace)
        if o.offer_id is None or (group.offer_id is not None and o.offer_id == group.offer_id)
    ]
    return list({o.user_id: o for o in found}.values())


def escalation_rows(
    uow: UnitOfWork, group: Group, meeting: Meeting, now: datetime
) -> list[Reminder]:
    """The escalation rows of a closed meeting's open actions (none when the group's
    setting is None or the group is archived)."""
    days = group.escalate_after_days
    if days is None or group.archived_at is not None:
        return []
    recipients = [o.user_id for o in overseers_of(uow, group)]
    mid, gid, tz = meeting.id or 0, group.id or 0, group.timezone
    rows: list[Reminder] = []
    for action in meeting.agreement.actions:
        if not action.is_open:
            continue
        day = action.due + timedelta(days=days)
        due = max(at_local(day, group.timeline.remind_at, tz), now)
        payload = {"due": action.due.isoformat(), "what": action.what, "at": day.isoformat()}
        until = due + ESCALATION_LATE
        kind, source, number = ReminderKind.ESCALATION, actions_source(mid), action.number
        rows += [
            Reminder(kind, who, due, gid, source, mid, number, until, dict(payload))
            for who in recipients
        ]
    return rows
