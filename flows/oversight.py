"""Management and quality team (issue 17): the month's numbers per group that an overseer
(`flows.offer_model.Overseer`) reads in the monthly digest and in the CSV
(`datadialog oversight csv`).

A group's month is the calendar month in the group's time zone. Per group in scope (an
offer's groups, or every group of the workspace for an organisation's overseer; archived
groups left out), over the meetings *held* that month (closed, by their planned day):

- **meetings**: how many were held;
- **prepared / participants**: participants who had prepared, summed over those meetings;
- **followed up / agreements**: the previous paper's actions given a status at their
  "since last";
- **on time / late / dropped / overdue**: those meetings' actions as they stand, an open
  action overdue when its due day is before the 1st of the next month;
- **escalated**: actions of the group escalated to the overseers that month;
- **learning entries**: lines of the group's learning log from those meetings, and the
  verdict lines among them.

Every metric but the last two is `flows.follow_up`'s (one definition of each).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from flows.audit import AuditAction, AuditEntry
from flows.follow_up import follow_up
from flows.learning import history, learning_log
from flows.model import Group, Meeting
from flows.offer_model import Overseer
from flows.outputs import Text
from flows.ports import UnitOfWork
from flows.reminder_plan import ReminderKind, ReminderStatus, actions_source

#: The CSV's columns, in order (documented in docs/oversight.md).
CSV_COLUMNS = (
    "month",
    "group",
    "offer",
    "meetings_held",
    "participants",
    "prepared",
    "agreements",
    "followed_up",
    "actions_on_time",
    "actions_late",
    "actions_dropped",
    "actions_overdue",
    "escalated",
    "learning_entries",
)


@dataclass(frozen=True)
class GroupMonth:
    """One group's numbers for one month (see the module)."""

    month: str  # "YYYY-MM"
    group: str
    offer: str
    meetings: int = 0
    participants: int = 0
    prepared: int = 0
    agreements: int = 0
    followed_up: int = 0
    on_time: int = 0
    late: int = 0
    dropped: int = 0
    overdue: int = 0
    escalated: int = 0
    learnings: int = 0
    verdicts: tuple[Text, ...] = ()

    def csv_row(self) -> list[str]:
        values = (
            self.month, inert(self.group), inert(self.offer), self.meetings, self.participants,
            self.prepared, self.agreements, self.followed_up, self.on_time, self.late,
            self.dropped, self.overdue, self.escalated, self.learnings,
        )  # fmt: skip
        return [str(v) for v in values]


def inert(name: str) -> str:
    """A name as a spreadsheet cell that is never read as a formula."""
    return "'" + name if name[:1] in ("=", "+", "-", "@", "\t", "\r") else name


def month_start(month: str) -> date:
    """The first day of `month` ("YYYY-MM"); ValueError when it is not one."""
    year, number = month.split("-")
    return date(int(year), int(number), 1)


def following(first: date) -> date:
    """The first day of the month after the one starting `first`."""
    return date(first.year + first.month // 12, first.month % 12 + 1, 1)


def preceding(first: date) -> date:
    """The first day of the month before the one starting `first`."""
    return date(first.year - (first.month == 1), (first.month - 2) % 12 + 1, 1)


def month_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def last_month(now: datetime, timezone: str) -> str:
    """The calendar month before `now`'s in `timezone`: the one a digest sent now reports."""
    local = now.astimezone(ZoneInfo(timezone)).date()
    return month_of(preceding(local.replace(day=1)))


def in_scope(uow: UnitOfWork, overseer: Overseer) -> list[Group]:
    """The groups an overseer follows, by name: the offer's, or every group of the
    workspace; archived groups left out."""
    if overseer.offer_id is not None:
        groups = uow.offers.groups(overseer.offer_id)
    else:
        groups = [g for g in uow.groups.list() if g.workspace == overseer.workspace]
    kept = [g for g in groups if g.archived_at is None]
    return sorted(kept, key=lambda g: g.name.casefold())


def group_meetings(uow: UnitOfWork, group: Group) -> list[Meeting]:
    latest = uow.meetings.latest(group.id or 0)
    return history(uow, group.id or 0, latest.number) if latest is not None else []


def _local_day(at: datetime, timezone: str) -> date:
    return at.astimezone(ZoneInfo(timezone)).date()


def escalated_in(uow: UnitOfWork, meetings: Sequence[Meeting], first: date, tz: str) -> int:
    """Actions escalated (at least one escalation sent) in the month starting `first`."""
    after = following(first)
    found: set[tuple[int | None, int | None]] = set()
    sent = frozenset({ReminderStatus.SENT})
    for m in meetings:
        for r in uow.reminders.list(source=actions_source(m.id or 0), statuses=sent):
            when = r.sent_at or r.due_at
            if r.kind is ReminderKind.ESCALATION and first <= _local_day(when, tz) < after:
                found.add((r.meeting_id, r.action_number))
    return len(found)


def group_month(uow: UnitOfWork, group: Group, month: str, offer: str = "") -> GroupMonth:
    """The group's numbers for `month` (in the caller's unit of work)."""
    first = month_start(month)
    after = following(first)
    tz = group.timezone
    meetings = [m for m in group_meetings(uow, group) if _local_day(m.scheduled_at, tz) < after]
    metrics = follow_up(group, meetings, after, window=len(meetings) + 1)
    held = [m for m in metrics.meetings if _local_day(m.at, tz) >= first]
    numbers = {m.number for m in held}
    log = [line for line in learning_log(group, meetings) if line.params["number"] in numbers]

    def total(name: str) -> int:
        return sum(int(getattr(m, name)) for m in held)

    return GroupMonth(
        month=month,
        group=group.name,
        offer=offer,
        meetings=len(held),
        participants=total("participants"),
        prepared=total("prepared"),
        agreements=total("agreements"),
        followed_up=total("followed_up"),
        on_time=total("on_time"),
        late=total("late"),
        dropped=total("dropped"),
        overdue=total("overdue"),
        escalated=escalated_in(uow, meetings, first, tz),
        learnings=len(log),
        verdicts=tuple(line for line in log if line.key == "learning.log.verdict"),
    )


def offer_name(uow: UnitOfWork, group: Group) -> str:
    offer = uow.offers.get(group.offer_id) if group.offer_id is not None else None
    return offer.name if offer is not None else ""


def months_of(
    uow: UnitOfWork,
    groups: Sequence[Group],
    month: str,
    *,
    now: datetime,
    actor: str,
    platform: str,
) -> list[GroupMonth]:
    """`month`'s numbers of each group, in the order given. Each group's learning log is
    read (its agreement papers), so each is logged in the audit log as reading the paper,
    as `/learnings` is (in the caller's unit of work, which commits it)."""
    reference = f"oversight {month}"
    for g in groups:
        uow.audit.add(AuditEntry(now, actor, platform, g.id, AuditAction.PAPER_READ, reference))
    return [group_month(uow, g, month, offer_name(uow, g)) for g in groups]
