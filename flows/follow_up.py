"""Follow-up metrics per group (issue 17), computed from what is stored, over the group's
last `WINDOW` closed meetings; shown to the leader when "since last" starts, as lines and as
a small chart (`ChartKind.FOLLOW_UP`, drawn by `charts.draw_follow_up`).

Per closed meeting:

- **prepared**: how many of the group's participants (as the group is now) had prepared
  (their positive trend and improvement opportunity) when it started;
- **followed up**: how many of the previous closed meeting's agreements were given a status
  at its "since last", of how many there were;
- **on rhythm**: held (closed) no more than `RHYTHM_SLACK` times the rhythm's period after
  the meeting held before it (a cancelled or skipped meeting in between is off rhythm; the
  first meeting is on rhythm);
- **its actions**: done on time (marked done on or before the due day; a done action with
  no day recorded counts as on time), done late, dropped, overdue (still open after the due
  day) and open (not yet due), as they stand today.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from flows.cadence import Frequency
from flows.learning import history
from flows.model import Action, ActionStatus, Group, Meeting
from flows.outputs import ChartKind, ListItems, Output, RequestChart, Text, ToActor, ToUser, t
from flows.rhythm import group_cadence
from flows.steps import Step

if TYPE_CHECKING:
    from flows.machine import Context

#: How many of the last closed meetings the metrics cover.
WINDOW = 6
#: A meeting held within this many rhythm periods of the one before is on rhythm.
RHYTHM_SLACK = 1.5
#: Days in a rhythm's unit.
_PERIOD_DAYS = {Frequency.DAYS: 1, Frequency.WEEKLY: 7, Frequency.MONTHLY: 30}


@dataclass(frozen=True)
class MeetingFollowUp:
    """One closed meeting's numbers (see the module)."""

    number: int
    at: datetime
    prepared: int
    participants: int
    followed_up: int
    agreements: int  # the previous paper's actions, to be followed up
    on_rhythm: bool
    on_time: int = 0
    late: int = 0
    dropped: int = 0
    overdue: int = 0
    open: int = 0


@dataclass(frozen=True)
class FollowUp:
    """The metrics of the last closed meetings, oldest first."""

    meetings: tuple[MeetingFollowUp, ...]

    def total(self, name: str) -> int:
        return sum(int(getattr(m, name)) for m in self.meetings)


def period_days(group: Group) -> int:
    cadence = group_cadence(group)
    return cadence.interval * _PERIOD_DAYS[cadence.frequency]


def _actions(actions: Sequence[Action], today: date) -> dict[str, int]:
    counts = dict.fromkeys(("on_time", "late", "dropped", "overdue", "open"), 0)
    for a in actions:
        if a.status is ActionStatus.DONE:
            late = a.closed_on is not None and a.closed_on > a.due
            counts["late" if late else "on_time"] += 1
        elif a.status is ActionStatus.DROPPED:
            counts["dropped"] += 1
        else:
            counts["overdue" if a.due < today else "open"] += 1
    return counts


def follow_up(
    group: Group, meetings: Sequence[Meeting], today: date, window: int = WINDOW
) -> FollowUp:
    """The metrics of the last `window` closed meetings among `meetings` (the group's, in any
    order), with `today` the group's local day."""
    closed = sorted((m for m in meetings if m.step is Step.CLOSED), key=lambda m: m.number)
    most = period_days(group) * RHYTHM_SLACK
    found: list[MeetingFollowUp] = []
    previous: Meeting | None = None
    for m in closed:
        agreed = previous.agreement.actions if previous is not None else []
        of_previous = previous.id if previous is not None else None
        reviewed = {r.action_number for r in m.reviews if r.action_meeting_id == of_previous}
        gap = _days_between(previous, m, group.timezone) if previous is not None else 0
        found.append(
            MeetingFollowUp(
                number=m.number,
                at=m.scheduled_at,
                prepared=sum(1 for p in group.participants if m.has_prepared(p.user_id)),
                participants=len(group.participants),
                followed_up=len(reviewed & {a.number for a in agreed}),
                agreements=len(agreed),
                on_rhythm=gap <= most,
                **_actions(m.agreement.actions, today),
            )
        )
        previous = m
    return FollowUp(tuple(found[-window:]))


def _days_between(earlier: Meeting, later: Meeting, timezone: str) -> int:
    tz = ZoneInfo(timezone)
    return (
        later.scheduled_at.astimezone(tz).date() - earlier.scheduled_at.astimezone(tz).date()
    ).days


def lines(metrics: FollowUp) -> tuple[Text, ...]:
    """The metrics as the leader reads them: totals over the meetings."""
    total = metrics.total
    found = [t("follow_up.prepared", done=total("prepared"), total=total("participants"))]
    if total("agreements"):
        found.append(
            t("follow_up.followed_up", done=total("followed_up"), total=total("agreements"))
        )
    found.append(
        t(
            "follow_up.actions",
            on_time=total("on_time"),
            late=total("late"),
            dropped=total("dropped"),
            overdue=total("overdue"),
            open=total("open"),
        )
    )
    found.append(t("follow_up.rhythm", held=total("on_rhythm"), total=len(metrics.meetings)))
    return tuple(found)


def at_start(ctx: Context, actor: str) -> list[Output]:
    """For the leader who starts a meeting: the follow-up of the last meetings, as lines
    (only to them) and as a chart (in their direct messages); nothing before the group's
    first meeting has closed."""
    m = ctx.meeting
    today = ctx.now.astimezone(ZoneInfo(ctx.group.timezone)).date()
    metrics = follow_up(ctx.group, history(ctx.uow, ctx.group.id or 0, m.number - 1), today)
    if not metrics.meetings:
        return []
    heading = t("follow_up.heading", group=ctx.group.name, count=len(metrics.meetings))
    chart = {"follow_up": metrics}  # as a direct message: a chat may post a file to all
    return [
        ListItems(ToActor(actor), heading, lines(metrics)),
        RequestChart(ToUser(actor), m.id or 0, ChartKind.FOLLOW_UP, chart),
    ]
