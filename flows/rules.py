"""The method's rules as data: step changes, who may send each command and when, and what
each step therefore offers.

`TRANSITIONS` is the table of step changes. `RULES` says, for every command the
method knows, who may send it and in which steps of its meeting. Everything an
adapter shows as a button or a form is derived from these two tables
(`affordances`, `step_controls`), so no adapter decides a method rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from flows import commands as c
from flows import escalation as esc  # management: the escalation setting (issue 17)
from flows import export as ex  # the export (issue 15)
from flows import group_commands as gc  # group changes (issue 14)
from flows import learning as ln  # the learning loop (issue 17)
from flows import offer_commands as oc  # the offer level: offers (issue 17)
from flows import parameters as fp  # focus parameters (issue 13)
from flows import ratings as rt  # offer level: core-element ratings (issue 17)
from flows import review_commands as rc  # the offer level (issue 17)
from flows.outputs import PRESSER, Affordance, Choice, ChoiceStyle, t
from flows.steps import DIALOGUE_STEPS, OPEN_STEPS, Step

S = Step

#: Every step change the method allows: (from step, command) -> to step.
TRANSITIONS: dict[tuple[Step, type[c.MeetingCommand]], Step] = {
    (S.SCHEDULED, c.OpenPreparation): S.PREPARING,
    (S.SCHEDULED, c.StartMeeting): S.SINCE_LAST,
    (S.PREPARING, c.StartMeeting): S.SINCE_LAST,
    (S.SINCE_LAST, c.Advance): S.EXPLORE,
    (S.EXPLORE, c.Advance): S.INTERPRET,
    (S.INTERPRET, c.Advance): S.PREPARE_ACTION,
    (S.PREPARE_ACTION, c.Advance): S.CLOSED,
    **{(step, c.Cancel): S.CANCELLED for step in OPEN_STEPS},
}


class Who(StrEnum):
    MEMBER = "member"
    LEADER = "leader"  # the leader or the co-leader (or the operator, for group commands)
    RESPONSIBLE = "responsible"  # an action's owner, its follow-up person, or a leader
    SYSTEM = "system"
    ANYONE = "anyone"  # creating a group: whoever sets it up leads or appoints the leader


class Scope(StrEnum):
    MEETING = "meeting"  # names a meeting (`meeting_id`)
    GROUP = "group"  # names a group (`group_id`)
    NONE = "none"  # names neither (creating a group)


ANY_STEP = frozenset(Step)
PLANNED = frozenset({S.SCHEDULED, S.PREPARING})
#: What was contributed can be corrected until the meeting is cancelled (after close: the paper).
CORRECTABLE = ANY_STEP - {S.CANCELLED}


def _from_table(command: type[c.MeetingCommand]) -> frozenset[Step]:
    return frozenset(src for (src, cmd) in TRANSITIONS if cmd is command)


@dataclass(frozen=True)
class Rule:
    who: Who
    steps: frozenset[Step] = ANY_STEP
    writes: bool = True
    #: Something members add in a step (shown as a form or button with that step).
    contribution: bool = False
    scope: Scope = Scope.MEETING


def _adds(who: Who, *steps: Step) -> Rule:
    return Rule(who, frozenset(steps), contribution=True)


#: Who may send each command, and in which steps of its meeting.
RULES: dict[type, Rule] = {
    # Steering the meeting
    c.OpenPreparation: Rule(Who.LEADER, _from_table(c.OpenPreparation)),
    c.StartMeeting: Rule(Who.LEADER, _from_table(c.StartMeeting)),
    c.Advance: Rule(Who.LEADER, _from_table(c.Advance)),
    # Unconfirmed it only asks (nothing is saved); confirmed, its handler writes.
    c.Cancel: Rule(Who.LEADER, _from_table(c.Cancel), writes=False),
    c.Extend: Rule(Who.LEADER, frozenset(DIALOGUE_STEPS)),
    c.RemindUnprepared: Rule(Who.LEADER, PLANNED, writes=False),
    # Contributions
    c.SubmitPoint: Rule(Who.MEMBER, PLANNED),
    c.ReviewAction: _adds(Who.MEMBER, S.SINCE_LAST),
    c.AddObservation: _adds(Who.MEMBER, S.EXPLORE),
    c.ProposeTheme: _adds(Who.MEMBER, S.EXPLORE),
    c.CastVote: _adds(Who.MEMBER, S.EXPLORE),
    c.WithdrawVote: _adds(Who.MEMBER, S.EXPLORE),
    c.AddExplanation: _adds(Who.MEMBER, S.INTERPRET),
    c.ChooseFocus: _adds(Who.LEADER, S.INTERPRET),
    c.SetGoal: _adds(Who.MEMBER, S.PREPARE_ACTION),
    c.AddSign: _adds(Who.MEMBER, S.PREPARE_ACTION),
    c.AddAction: _adds(Who.MEMBER, S.PREPARE_ACTION),
    c.AddTakeaway: _adds(Who.MEMBER, S.PREPARE_ACTION, S.CLOSED),
    # Corrections: who, per item, is decided by `flows.corrections` (its author, a leader)
    c.EditItem: Rule(Who.MEMBER, CORRECTABLE),
    c.RemoveItem: Rule(Who.MEMBER, CORRECTABLE),
    c.EditAction: Rule(Who.MEMBER, CORRECTABLE),
    # Reading
    c.ShowStatus: Rule(Who.MEMBER, ANY_STEP, writes=False),
    c.ShowAgreements: Rule(Who.MEMBER, ANY_STEP, writes=False),
    c.CheckTimebox: Rule(Who.SYSTEM, ANY_STEP, writes=False),
    # Planning and reminders
    c.CreateGroup: Rule(Who.ANYONE, scope=Scope.NONE),
    c.ScheduleMeeting: Rule(Who.LEADER, scope=Scope.GROUP),
    c.MoveMeeting: Rule(Who.LEADER, PLANNED),
    c.SkipMeeting: Rule(Who.LEADER, PLANNED),
    c.AnswerActionReminder: Rule(Who.RESPONSIBLE, ANY_STEP),
    c.ImportMeasurements: Rule(Who.LEADER, scope=Scope.GROUP),
    # Cancel with care (issue 14): back to the step it was cancelled from (kept on the
    # meeting, so not a row of `TRANSITIONS`), on the day of the cancel.
    c.UndoCancel: Rule(Who.LEADER, frozenset({S.CANCELLED})),
    # Focus parameters (issue 13): what the data charts draw, kept with the group's data
    fp.ChooseParameters: Rule(Who.LEADER, scope=Scope.GROUP),
    fp.ShowParameters: Rule(Who.MEMBER, scope=Scope.GROUP, writes=False),
    # Group changes (issue 14): by the group's leaders, or the operator on the command line
    **{
        command: Rule(Who.LEADER, scope=Scope.GROUP)
        for command in (
            gc.AddMember,
            gc.RemoveMember,
            gc.SetRole,
            gc.RenameGroup,
            gc.ChangeRhythm,
            gc.ChangeTimeboxes,
            gc.ChangeHolidayRule,
            gc.ChangeChannel,
            gc.ArchiveGroup,
            gc.UnarchiveGroup,
        )
    },
    # Management (issue 17): the escalation setting, set as the group's other settings
    esc.ChangeEscalation: Rule(Who.LEADER, scope=Scope.GROUP),
    # The export (issue 15): by the group's leaders, or the operator on the command line
    ex.ExportGroup: Rule(Who.LEADER, scope=Scope.GROUP, writes=False),
    ex.ExportMember: Rule(Who.LEADER, scope=Scope.GROUP, writes=False),
    # The learning loop (issue 17): any member records the group's verdict on a sign (as any
    # member gives an agreement its status) and links an explanation to a sign; offered as
    # buttons and typed verbs, not as forms (`contribution` would ask every chat for a form).
    ln.RecordVerdict: Rule(Who.MEMBER, frozenset({S.SINCE_LAST})),
    ln.PickVerdict: Rule(Who.MEMBER, frozenset({S.SINCE_LAST})),
    ln.LinkExplanation: Rule(Who.MEMBER, frozenset({S.INTERPRET})),
    ln.ShowLearnings: Rule(Who.MEMBER, ANY_STEP, writes=False),
    # The offer level (issue 17): a group's leaders (or the operator) move their group into an
    # offer and edit its theory of change (`flows.offers.editable` narrows editing to an
    # offer-level group's leaders); any member of a group of the offer reads it.
    **{
        command: Rule(Who.LEADER, scope=Scope.GROUP)
        for command in (
            oc.JoinOffer,
            oc.LeaveOffer,
            oc.AddElement,
            oc.RenameElement,
            oc.DescribeElement,
            oc.RemoveElement,
            oc.AddResult,
            oc.RemoveResult,
            oc.ImportTheoryOfChange,
        )
    },
    oc.ShowTheoryOfChange: Rule(Who.MEMBER, scope=Scope.GROUP, writes=False),
    # The offer level's review (issue 17): the digest on demand and notes in the review by
    # any member (the handlers refuse groups not at offer level); tags by whoever may
    # correct the item (its author, a leader: `flows.corrections`), decided by the handler.
    # Typed verbs, not forms (as the learning loop's).
    rc.ShowOfferDigest: Rule(Who.MEMBER, ANY_STEP, writes=False),
    rc.AddElementNote: Rule(Who.MEMBER, frozenset({S.INTERPRET})),
    rc.TagExplanation: Rule(Who.MEMBER, CORRECTABLE),
    rc.TagAction: Rule(Who.MEMBER, CORRECTABLE),
    # Core-element ratings (issue 17): imported by a leader of an offer-level group (or the
    # operator), charted for any member; the handlers refuse groups not at offer level.
    rt.ImportRatings: Rule(Who.LEADER, scope=Scope.GROUP),
    rt.ShowRatings: Rule(Who.MEMBER, scope=Scope.GROUP, writes=False),
}

#: What an archived group still answers (group changes, issue 14): reading, and being
#: brought back; everything else is refused until then (`flows.machine.check`).
WHEN_ARCHIVED: frozenset[type] = frozenset(
    {gc.UnarchiveGroup, c.ShowStatus, c.ShowAgreements, c.CheckTimebox}
    | {ex.ExportGroup, ex.ExportMember}  # the export (issue 15): an archived group's too
    | {ln.ShowLearnings}  # the learning log (issue 17)
    | {oc.ShowTheoryOfChange}  # the offer's theory of change (issue 17)
)

#: The commands that change the meeting's step: a lost race on one is refused, never
#: re-applied (that would skip a step).
STEP_CHANGES = frozenset(cmd for (_, cmd) in TRANSITIONS) | {c.UndoCancel}


def affordances(step: Step) -> tuple[Affordance, ...]:
    """What may be contributed in `step`, in the order of `RULES`."""
    return tuple(
        Affordance(command, leader_only=rule.who is Who.LEADER)
        for command, rule in RULES.items()
        if rule.contribution and step in rule.steps
    )


def step_controls(meeting_id: int, step: Step, extend_minutes: int = 5) -> tuple[Choice, ...]:
    """The leader's buttons for a dialogue step, each pinned to that step."""
    label = "choice.close" if step is S.PREPARE_ACTION else "choice.next_step"
    return (
        Choice(t(label), c.Advance(PRESSER, meeting_id, step), ChoiceStyle.PRIMARY),
        Choice(
            t("choice.extend", minutes=extend_minutes),
            c.Extend(PRESSER, meeting_id, extend_minutes, step),
        ),
        Choice(t("choice.cancel"), c.Cancel(PRESSER, meeting_id, step), ChoiceStyle.DANGER),
    )


# Planning on every platform (issue 14) ------------------------------------------------

#: Buttons whose command's time the presser picks: the platform asks for a date and a time
#: (a Slack modal, a Teams card's inputs, the console's typed verb), starting from the time
#: the command carries (where the meeting is now).
PICKS_TIME: frozenset[type[c.MeetingCommand]] = frozenset({c.MoveMeeting})


def planning_controls(meeting_id: int, at: datetime) -> tuple[Choice, ...]:
    """The leader's buttons on a planned meeting (scheduled or in preparation): move it to a
    time of their choosing, or skip it to the rhythm's next slot."""
    return (
        Choice(t("choice.move"), c.MoveMeeting(PRESSER, meeting_id, at)),
        Choice(t("choice.skip"), c.SkipMeeting(PRESSER, meeting_id)),
    )
