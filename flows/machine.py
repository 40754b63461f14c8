"""The step machine: which command may change a meeting, when, by whom, and into what.

`TRANSITIONS` is the table of step changes. `RULES` says, for every meeting
command, who may send it and in which steps. `apply` checks both, then runs the
command's handler, which mutates the meeting and returns outputs. No I/O here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from flows import contributions, progress
from flows.commands import (
    SYSTEM_ACTOR,
    AddAction,
    AddExplanation,
    AddObservation,
    AddSign,
    AddTakeaway,
    Advance,
    Cancel,
    CastVote,
    CheckTimebox,
    ChooseFocus,
    Extend,
    MeetingCommand,
    OpenPreparation,
    ProposeTheme,
    RemindUnprepared,
    ReviewAction,
    SetGoal,
    ShowAgreements,
    ShowStatus,
    StartMeeting,
    SubmitPoint,
    WithdrawVote,
)
from flows.errors import AlreadyMovedOn, NotAMember, NotLeader, WrongStep
from flows.model import Group, Meeting
from flows.outputs import Output
from flows.steps import DIALOGUE_STEPS, OPEN_STEPS, Step

S = Step

#: Every step change the method allows: (from step, command) -> to step.
TRANSITIONS: dict[tuple[Step, type[MeetingCommand]], Step] = {
    (S.SCHEDULED, OpenPreparation): S.PREPARING,
    (S.SCHEDULED, StartMeeting): S.SINCE_LAST,
    (S.PREPARING, StartMeeting): S.SINCE_LAST,
    (S.SINCE_LAST, Advance): S.EXPLORE,
    (S.EXPLORE, Advance): S.INTERPRET,
    (S.INTERPRET, Advance): S.PREPARE_ACTION,
    (S.PREPARE_ACTION, Advance): S.CLOSED,
    **{(step, Cancel): S.CANCELLED for step in OPEN_STEPS},
}


class Who(StrEnum):
    MEMBER = "member"
    LEADER = "leader"  # the leader or the co-leader
    SYSTEM = "system"


ANY_STEP = frozenset(Step)


def _from_table(command: type[MeetingCommand]) -> frozenset[Step]:
    return frozenset(src for (src, cmd) in TRANSITIONS if cmd is command)


@dataclass(frozen=True)
class Rule:
    who: Who
    steps: frozenset[Step]
    writes: bool = True


#: Who may send each command, and in which steps.
RULES: dict[type[MeetingCommand], Rule] = {
    OpenPreparation: Rule(Who.LEADER, _from_table(OpenPreparation)),
    StartMeeting: Rule(Who.LEADER, _from_table(StartMeeting)),
    Advance: Rule(Who.LEADER, _from_table(Advance)),
    Cancel: Rule(Who.LEADER, _from_table(Cancel)),
    Extend: Rule(Who.LEADER, frozenset(DIALOGUE_STEPS)),
    RemindUnprepared: Rule(Who.LEADER, frozenset({S.SCHEDULED, S.PREPARING}), writes=False),
    ChooseFocus: Rule(Who.LEADER, frozenset({S.INTERPRET})),
    SubmitPoint: Rule(Who.MEMBER, frozenset({S.SCHEDULED, S.PREPARING})),
    ReviewAction: Rule(Who.MEMBER, frozenset({S.SINCE_LAST})),
    AddObservation: Rule(Who.MEMBER, frozenset({S.EXPLORE})),
    ProposeTheme: Rule(Who.MEMBER, frozenset({S.EXPLORE})),
    CastVote: Rule(Who.MEMBER, frozenset({S.EXPLORE})),
    WithdrawVote: Rule(Who.MEMBER, frozenset({S.EXPLORE})),
    AddExplanation: Rule(Who.MEMBER, frozenset({S.INTERPRET})),
    SetGoal: Rule(Who.MEMBER, frozenset({S.PREPARE_ACTION})),
    AddSign: Rule(Who.MEMBER, frozenset({S.PREPARE_ACTION})),
    AddAction: Rule(Who.MEMBER, frozenset({S.PREPARE_ACTION})),
    AddTakeaway: Rule(Who.MEMBER, frozenset({S.PREPARE_ACTION, S.CLOSED})),
    ShowStatus: Rule(Who.MEMBER, ANY_STEP, writes=False),
    ShowAgreements: Rule(Who.MEMBER, ANY_STEP, writes=False),
    CheckTimebox: Rule(Who.SYSTEM, ANY_STEP, writes=False),
}


@dataclass
class Context:
    """What a handler may read and change: the meeting, its group, the meeting before."""

    group: Group
    meeting: Meeting
    previous: Meeting | None = None
    now: datetime = field(default_factory=lambda: datetime.min)
    dirty: bool = False  # set by handlers of read-mostly commands when they do write
    previous_dirty: bool = False


Handler = Callable[[Context, MeetingCommand], list[Output]]

HANDLERS: dict[type[MeetingCommand], Handler] = {
    OpenPreparation: progress.open_preparation,
    StartMeeting: progress.start,
    Advance: progress.advance,
    Cancel: progress.cancel,
    Extend: progress.extend,
    CheckTimebox: progress.check_timebox,
    RemindUnprepared: contributions.remind_unprepared,
    ChooseFocus: contributions.choose_focus,
    SubmitPoint: contributions.submit_point,
    ReviewAction: contributions.review_action,
    AddObservation: contributions.add_observation,
    ProposeTheme: contributions.propose_theme,
    CastVote: contributions.cast_vote,
    WithdrawVote: contributions.withdraw_vote,
    AddExplanation: contributions.add_explanation,
    SetGoal: contributions.set_goal,
    AddSign: contributions.add_sign,
    AddAction: contributions.add_action,
    AddTakeaway: contributions.add_takeaway,
    ShowStatus: progress.show_status,
    ShowAgreements: contributions.show_agreements,
}


def check_who(group: Group, cmd: MeetingCommand) -> Rule:
    """Refuse a sender who may not send this command at all; return the command's rule."""
    rule = RULES[type(cmd)]
    if rule.who is Who.SYSTEM:
        if cmd.actor != SYSTEM_ACTOR:
            raise NotLeader("error.system_only")
    elif group.member(cmd.actor) is None:
        raise NotAMember("error.not_member", group=group.name)
    elif rule.who is Who.LEADER and not group.is_leader(cmd.actor):
        raise NotLeader("error.not_leader", leader=group.leader.name)
    return rule


def check_step(meeting: Meeting, cmd: MeetingCommand, rule: Rule) -> None:
    """Refuse a command the meeting's step does not allow.

    A leader control pressed in a step the meeting has already left (a stale or
    double-pressed button) is told the meeting moved on, never applied twice.
    """
    expected = getattr(cmd, "expected_step", None)
    if expected is not None and expected != meeting.step:
        raise AlreadyMovedOn("error.already_moved_on", step=meeting.step)
    if meeting.step not in rule.steps:
        raise WrongStep(
            "error.wrong_step",
            step=meeting.step,
            allowed=tuple(s for s in Step if s in rule.steps),
        )


def apply(ctx: Context, cmd: MeetingCommand) -> list[Output]:
    """Check and apply one command; raise `Refused` when it does not fit."""
    rule = check_who(ctx.group, cmd)
    check_step(ctx.meeting, cmd, rule)
    outputs = HANDLERS[type(cmd)](ctx, cmd)
    ctx.dirty = ctx.dirty or rule.writes
    return outputs
