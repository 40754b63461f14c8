"""A group's escalation setting (management and quality team, issue 17): after how many
days an action still open past its due day is escalated to the overseers
(`Group.escalate_after_days`; None: never). Set by the group's leaders, or the operator on
the command line (`datadialog group settings GROUP --escalate-after N`).

Changing it re-plans the escalations of every open action of the group's closed meetings
at once (`flows.planning.plan_actions`, which plans them with the action reminders).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from flows.errors import InvalidInput
from flows.group_commands import GroupCommand
from flows.outputs import Output, Say, ToChannel, t
from flows.oversight import group_meetings
from flows.oversight_plan import MAX_ESCALATE_DAYS
from flows.steps import Step

if TYPE_CHECKING:
    from flows.machine import GroupContext


@dataclass(frozen=True)
class ChangeEscalation(GroupCommand):
    """Escalate actions open `days` days past their due day (None: never)."""

    days: int | None


def change_escalation(ctx: GroupContext, cmd: ChangeEscalation) -> list[Output]:
    from flows.planning import plan_actions  # planning plans escalations: imported late

    group = ctx.group
    if cmd.days is not None and not 1 <= cmd.days <= MAX_ESCALATE_DAYS:
        raise InvalidInput("oversight.error.escalate_days", limit=MAX_ESCALATE_DAYS)
    group.escalate_after_days = cmd.days
    ctx.uow.groups.save(group)
    for meeting in group_meetings(ctx.uow, group):
        if meeting.step is Step.CLOSED and any(a.is_open for a in meeting.agreement.actions):
            plan_actions(ctx.uow, group, meeting, ctx.now, ctx.calendar)
    key = "oversight.escalation_off" if cmd.days is None else "oversight.escalation_on"
    return [Say(ToChannel(group.id or 0), t(key, group=group.name, days=cmd.days))]
