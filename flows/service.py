"""The service layer: `handle(cmd, uow, clock) -> outputs`.

Every command goes the same way: load what it names (a meeting, a group, or
nothing; see `flows.rules.Scope`), check it against its rule and run its handler
(`flows.machine.apply`, from the one `REGISTRY`), save with a version check and
commit. A command that lost a race is simply re-run on fresh state; a step change
that lost one is refused as "already moved on" (re-applying it would skip a step).
A contribution that keeps losing (a crowd adding at once) raises `ConcurrentChange`
rather than being refused: the caller (the inbox) applies it again until it lands.
A command that touches a group's data adds its audit row (`flows.audited`) to the same
commit (issue 15).
"""

from __future__ import annotations

from datetime import datetime

from flows import audited, cancelling, planning
from flows.cadence import Calendar, PlainCalendar
from flows.commands import (
    CreateGroup,
    ImportMeasurements,
    MeetingCommand,
    ScheduleMeeting,
    UndoCancel,
)
from flows.errors import AlreadyMovedOn, ConcurrentChange, NotFound, Refused
from flows.export import ExportGroup, ExportMember  # the export (issue 15)
from flows.group_commands import GroupCommand  # group changes (issue 14)
from flows.machine import REGISTRY, BaseContext, Context, GroupContext, apply
from flows.model import Group, Meeting
from flows.outputs import Output, Refusal, ToActor, t
from flows.parameters import ChooseParameters, ShowParameters  # focus parameters (issue 13)
from flows.ports import Clock, UnitOfWork
from flows.rules import STEP_CHANGES, Scope
from flows.steps import FINAL_STEPS, Step

#: The focus parameters' commands (issue 13).
FocusCommand = ChooseParameters | ShowParameters
#: Every command a chat, the console or the command line may send (see `REGISTRY`).
Command = (
    MeetingCommand
    | CreateGroup
    | ScheduleMeeting
    | ImportMeasurements
    | FocusCommand
    | GroupCommand  # group changes (issue 14)
    | ExportGroup  # the export (issue 15)
    | ExportMember
)

#: A command that lost a race is re-run on fresh state. Each loss means someone else
#: committed in between, so with everyone in a group (at most 8 participants, two
#: leaders and the ticker) sending one command at once, this many always suffice.
MAX_ATTEMPTS = 12


def run(
    cmd: Command, uow: UnitOfWork, clock: Clock, calendar: Calendar | None = None
) -> list[Output]:
    """Like `handle`, but a refusal becomes an output for the actor instead of an error."""
    try:
        return handle(cmd, uow, clock, calendar)
    except Refused as refused:
        return [Refusal(ToActor(cmd.actor), refused.text)]


def handle(
    cmd: Command, uow: UnitOfWork, clock: Clock, calendar: Calendar | None = None
) -> list[Output]:
    """`calendar` knows rhythms and public holidays; without one, days and weeks only."""
    if type(cmd) not in REGISTRY:
        raise TypeError(f"{type(cmd).__name__} is not a command of the method")
    cal = calendar or PlainCalendar()
    for _ in range(MAX_ATTEMPTS):
        try:
            return _handle_once(cmd, uow, clock, cal)
        except ConcurrentChange:
            if not isinstance(cmd, MeetingCommand) or type(cmd) not in STEP_CHANGES:
                continue
            # Another leader's control landed first: tell this one where the meeting is
            # now rather than apply theirs on top (that would skip a step).
            with uow:
                fresh = uow.meetings.get(cmd.meeting_id)
            if fresh is not None:
                raise AlreadyMovedOn("error.already_moved_on", step=fresh.step) from None
            raise AlreadyMovedOn("error.already_moved_on_retry") from None
    # A contribution is never refused for being late in a crowd: the caller applies it
    # again on fresh state (the inbox does, across processes) until it lands.
    raise ConcurrentChange(f"{type(cmd).__name__} lost {MAX_ATTEMPTS} races in a row")


def _handle_once(cmd: Command, uow: UnitOfWork, clock: Clock, calendar: Calendar) -> list[Output]:
    rule = REGISTRY[type(cmd)].rule
    with uow:
        if isinstance(cmd, MeetingCommand):
            return _on_meeting(cmd, uow, clock.now(), calendar)
        ctx: BaseContext
        if rule.scope is Scope.GROUP:
            group = uow.groups.get(_group_of(cmd))
            if group is None:
                raise NotFound("error.no_group")
            ctx = GroupContext(uow=uow, now=clock.now(), calendar=calendar, group=group)
        else:
            ctx = BaseContext(uow=uow, now=clock.now(), calendar=calendar)
        outputs = apply(ctx, cmd)
        group = ctx.group if isinstance(ctx, GroupContext) else None
        logged = audited.record(uow, cmd, group, ctx.now)  # the audit log (issue 15)
        if rule.writes or logged:
            uow.commit(outputs)
        return outputs


def _group_of(cmd: object) -> int:
    """The group a group-scope command names (its `group_id`)."""
    group_id = getattr(cmd, "group_id", None)
    if not isinstance(group_id, int):
        raise TypeError(f"{type(cmd).__name__} names no group")
    return group_id


def _on_meeting(
    cmd: MeetingCommand, uow: UnitOfWork, now: datetime, calendar: Calendar
) -> list[Output]:
    meeting = _meeting_named(cmd, uow)
    group = uow.groups.get(meeting.group_id) if meeting else None
    if meeting is None or group is None:
        raise NotFound("error.no_meeting")
    ctx = Context(
        uow=uow, now=now, calendar=calendar, group=group, meeting=meeting,
        load_previous=lambda: uow.meetings.previous_closed(group.id or 0, meeting.number),
    )  # fmt: skip
    was_final = meeting.step in FINAL_STEPS
    was = meeting.step
    outputs = apply(ctx, cmd)
    if audited.record(uow, cmd, group, now) and not ctx.dirty:  # the audit log (issue 15)
        uow.commit(outputs)  # a read: its audit row alone
    if not ctx.dirty:
        return outputs
    uow.meetings.save(meeting)
    previous = ctx.previous_if_loaded
    if ctx.previous_dirty and previous is not None:
        uow.meetings.save(previous)
    planning.after_change(uow, group, meeting, was, previous, ctx.previous_dirty, now, calendar)
    if ctx.actions_changed:
        planning.plan_actions(uow, group, meeting, now, calendar)
    if meeting.step is Step.CLOSED and not was_final:
        outputs += _schedule_next(uow, group, meeting, now, calendar)
    if meeting.step is Step.CANCELLED and not was_final:
        outputs += _plan_after_cancel(uow, group, meeting, now, calendar)
    uow.commit(outputs)
    return outputs


def _schedule_next(
    uow: UnitOfWork, group: Group, closed: Meeting, now: datetime, calendar: Calendar
) -> list[Output]:
    at = planning.next_meeting_time(group, closed, now, calendar)
    nxt = Meeting(group_id=group.id or 0, number=closed.number + 1, scheduled_at=at)
    uow.meetings.add(nxt)
    planning.plan_digests(uow, group, closed, at, now)
    outputs: list[Output] = [
        planning.planned(nxt, t("meeting.next_scheduled", number=nxt.number, at=at))
    ]
    return outputs + planning.plan_meeting(uow, group, nxt, now, calendar)


# Cancel with care (issue 14) ---------------------------------------------------------------


def _meeting_named(cmd: MeetingCommand, uow: UnitOfWork) -> Meeting | None:
    """The meeting a command acts on: the one it names (an undo typed in the channel names
    the meeting planned in the cancelled one's place: `cancelling.undo_target`)."""
    meeting = uow.meetings.get(cmd.meeting_id)
    if isinstance(cmd, UndoCancel) and meeting is not None:
        return cancelling.undo_target(uow, meeting)
    return meeting


def _plan_after_cancel(
    uow: UnitOfWork, group: Group, cancelled: Meeting, now: datetime, calendar: Calendar
) -> list[Output]:
    """Like `_schedule_next`, after a cancel: the next meeting at the rhythm's slot after the
    cancelled one, the cancellation to every calendar, the channel told (with the undo)."""
    at = cancelling.next_time(group, cancelled, now, calendar)
    nxt = Meeting(group_id=group.id or 0, number=cancelled.number + 1, scheduled_at=at)
    uow.meetings.add(nxt)
    outputs = cancelling.after_cancel(uow, group, cancelled, nxt, now)
    return outputs + planning.plan_meeting(uow, group, nxt, now, calendar)
