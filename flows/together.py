"""Several contributions to one meeting applied on one load and one save.

When many people add to a meeting at the same moment (a room of participants writing
observations), applying each on its own means loading and saving the meeting once per
contribution, and each save races every other one. `run_together` loads the meeting
once, applies every contribution in order (each checked against its rule, exactly as
`flows.service.handle` does), saves once and commits every contribution's outputs with
it (`BatchUnitOfWork.commit_each`). Only commands that add to the meeting without moving
it on (`together`) qualify; when any of them is refused, touches the meeting before,
or the save loses a race, nothing is kept and the caller applies them one by one, so
every refusal and every race is handled as a single command's would be.
"""

from __future__ import annotations

from collections.abc import Sequence

from flows import planning
from flows.cadence import Calendar, PlainCalendar
from flows.commands import MeetingCommand
from flows.errors import ConcurrentChange, Refused
from flows.machine import Context, apply
from flows.outputs import Output
from flows.ports import BatchUnitOfWork, Clock
from flows.rules import RULES, STEP_CHANGES, Scope


def together(cmd: object) -> bool:
    """A command that may be applied together with others for the same meeting."""
    kind = type(cmd)
    if not isinstance(cmd, MeetingCommand) or kind in STEP_CHANGES or kind not in RULES:
        return False
    rule = RULES[kind]
    return rule.writes and rule.scope is Scope.MEETING


def run_together(
    cmds: Sequence[MeetingCommand], uow: BatchUnitOfWork, clock: Clock,
    calendar: Calendar | None = None,
) -> list[list[Output]] | None:  # fmt: skip
    """Each command's outputs, all committed in one transaction; None when they must be
    applied one by one instead (nothing was kept)."""
    if not cmds or len({c.meeting_id for c in cmds}) != 1 or not all(map(together, cmds)):
        return None
    now, cal = clock.now(), calendar or PlainCalendar()
    with uow:
        meeting = uow.meetings.get(cmds[0].meeting_id)
        group = uow.groups.get(meeting.group_id) if meeting else None
        if meeting is None or group is None:
            return None
        was, results = meeting.step, []
        for cmd in cmds:
            ctx = Context(uow=uow, now=now, calendar=cal, group=group, meeting=meeting)
            try:
                outputs = apply(ctx, cmd)
            except Refused:
                return None  # the meeting may be half changed: one by one tells them apart
            if not ctx.dirty or ctx.previous_dirty or meeting.step is not was:
                return None
            results.append(outputs)
        try:
            uow.meetings.save(meeting)
        except ConcurrentChange:
            return None
        planning.after_change(uow, group, meeting, was, None, False, now, cal)
        uow.commit_each(results)
        return results
