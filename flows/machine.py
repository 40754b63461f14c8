"""The step machine and the command registry: every command the method knows, with its rule
(who may send it and in which steps, from `flows.rules`) and its handler, in one table.

`check` refuses a sender or a step the command's rule does not allow, the same way
for every command; `apply` checks, then runs the handler. Meeting handlers mutate
the meeting in their `Context` and return outputs; the handlers of set-up, planning
and data commands also write through the unit of work in their context. Nothing here
commits: `flows.service` loads what a command names, saves and commits.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from flows import cancelling, contributions, corrections, planning, progress
from flows import commands as c
from flows import element_review as er  # offer level: core-elements review, tags (17)
from flows import escalation as esc  # management: the escalation setting (issue 17)
from flows import export as ex  # the export (issue 15)
from flows import group_changes as gch  # group changes (issue 14)
from flows import group_commands as gc
from flows import group_settings as gs
from flows import learning as ln  # the learning loop (issue 17)
from flows import offer_commands as oc  # the offer level: offers (issue 17)
from flows import offer_digest as od  # offer level: the preparation digest (issue 17)
from flows import offers as of
from flows import parameters as fp  # focus parameters (issue 13)
from flows import ratings as rt  # offer level: core-element ratings (issue 17)
from flows import review_commands as rc  # the offer level (issue 17)
from flows import theory as th
from flows.cadence import Calendar, PlainCalendar
from flows.errors import AlreadyMovedOn, NotAMember, NotFound, NotLeader, WrongStep
from flows.model import Group, Meeting
from flows.outputs import Output
from flows.ports import UnitOfWork
from flows.rules import RULES, TRANSITIONS, WHEN_ARCHIVED, Rule, Scope, Who
from flows.steps import Step

S = Step

__all__ = [
    "REGISTRY",
    "RULES",
    "TRANSITIONS",
    "BaseContext",
    "Context",
    "GroupContext",
    "Registered",
    "Rule",
    "Who",
    "apply",
    "check",
]


@dataclass(kw_only=True)
class BaseContext:
    """What every handler may use: the open unit of work, the time, the calendar."""

    uow: UnitOfWork
    now: datetime
    calendar: Calendar = field(default_factory=PlainCalendar)


@dataclass(kw_only=True)
class GroupContext(BaseContext):
    """For a command that names a group (`Scope.GROUP`)."""

    group: Group


@dataclass(kw_only=True)
class Context(GroupContext):
    """For a command that names a meeting: the meeting, its group, the meeting before."""

    meeting: Meeting
    #: Loads "the meeting before" the first time a handler asks: most commands never do,
    #: and a meeting is the largest thing the flows load.
    load_previous: Callable[[], Meeting | None] | None = None
    dirty: bool = False  # set by handlers of read-mostly commands when they do write
    previous_dirty: bool = False
    actions_changed: bool = False  # a closed meeting's actions changed: re-plan their reminders
    _previous: list[Meeting | None] = field(default_factory=list)  # [] until loaded

    @property
    def previous(self) -> Meeting | None:
        if not self._previous:
            self._previous.append(self.load_previous() if self.load_previous else None)
        return self._previous[0]

    @property
    def previous_if_loaded(self) -> Meeting | None:
        return self._previous[0] if self._previous else None


#: A handler takes the context of its command's scope and the command, typed as its own.
Handler = Callable[[Any, Any], list[Output]]


@dataclass(frozen=True)
class Registered:
    command: type
    rule: Rule
    handler: Handler
    #: What a sender without the rule's role (leader) is told.
    not_leader: str = "error.not_leader"


def _on(command: type, handler: Handler, *, not_leader: str = "error.not_leader") -> Registered:
    return Registered(command, RULES[command], handler, not_leader)


#: Every command the method knows: its rule (from `flows.rules.RULES`) and its handler.
REGISTRY: dict[type, Registered] = {
    entry.command: entry
    for entry in (
        # Steering the meeting
        _on(c.OpenPreparation, progress.open_preparation),
        _on(c.StartMeeting, progress.start),
        _on(c.Advance, progress.advance),
        _on(c.Cancel, progress.cancel),
        _on(c.Extend, progress.extend),
        _on(c.RemindUnprepared, contributions.remind_unprepared),
        # Contributions
        _on(c.SubmitPoint, contributions.submit_point),
        _on(c.ReviewAction, contributions.review_action),
        _on(c.AddObservation, contributions.add_observation),
        _on(c.ProposeTheme, contributions.propose_theme),
        _on(c.CastVote, contributions.cast_vote),
        _on(c.WithdrawVote, contributions.withdraw_vote),
        _on(c.AddExplanation, contributions.add_explanation),
        _on(c.ChooseFocus, contributions.choose_focus),
        _on(c.SetGoal, contributions.set_goal),
        _on(c.AddSign, contributions.add_sign),
        _on(c.AddAction, contributions.add_action),
        _on(c.AddTakeaway, contributions.add_takeaway),
        # Corrections
        _on(c.EditItem, corrections.edit_item),
        _on(c.RemoveItem, corrections.remove_item),
        _on(c.EditAction, corrections.edit_action),
        # Reading
        _on(c.ShowStatus, progress.show_status),
        _on(c.ShowAgreements, contributions.show_agreements),
        _on(c.CheckTimebox, progress.check_timebox),
        # Planning and reminders
        _on(c.CreateGroup, planning.create_group),
        _on(c.ScheduleMeeting, planning.schedule_meeting),
        _on(c.MoveMeeting, planning.move_meeting),
        _on(c.SkipMeeting, planning.skip_meeting),
        _on(c.AnswerActionReminder, planning.answer_action),
        # Data
        _on(
            c.ImportMeasurements,
            planning.import_measurements,
            not_leader="import.error.not_leader",
        ),
        # Cancel with care (issue 14)
        _on(c.UndoCancel, cancelling.undo_cancel),
        # Focus parameters (issue 13)
        _on(fp.ChooseParameters, fp.choose_parameters, not_leader="parameters.error.not_leader"),
        _on(fp.ShowParameters, fp.show_parameters),
        # Group changes (issue 14)
        *(
            _on(command, handler, not_leader="group.error.not_leader")
            for command, handler in (
                (gc.AddMember, gch.add_member),
                (gc.RemoveMember, gch.remove_member),
                (gc.SetRole, gch.set_role),
                (gc.RenameGroup, gs.rename_group),
                (gc.ChangeRhythm, gs.change_rhythm),
                (gc.ChangeTimeboxes, gs.change_timeboxes),
                (gc.ChangeHolidayRule, gs.change_holiday_rule),
                (gc.ChangeChannel, gs.change_channel),
                (gc.ArchiveGroup, gch.archive_group),
                (gc.UnarchiveGroup, gch.unarchive_group),
            )
        ),
        # Management (issue 17): the escalation setting
        _on(esc.ChangeEscalation, esc.change_escalation, not_leader="group.error.not_leader"),
        # The export (issue 15)
        _on(ex.ExportGroup, ex.ask_export, not_leader="export.error.not_leader"),
        _on(ex.ExportMember, ex.ask_export, not_leader="export.error.not_leader"),
        # The learning loop (issue 17)
        _on(ln.RecordVerdict, ln.record_verdict),
        _on(ln.PickVerdict, ln.record_verdict),
        _on(ln.LinkExplanation, ln.link_explanation),
        _on(ln.ShowLearnings, ln.show_learnings),
        # The offer level: offers and their theory of change (issue 17)
        *(
            _on(command, handler, not_leader="offer.error.not_leader")
            for command, handler in (
                (oc.JoinOffer, of.join_offer),
                (oc.LeaveOffer, of.leave_offer),
                (oc.AddElement, th.add_element),
                (oc.RenameElement, th.rename_element),
                (oc.DescribeElement, th.describe_element),
                (oc.RemoveElement, th.remove_element),
                (oc.AddResult, th.add_result),
                (oc.RemoveResult, th.remove_result),
                (oc.ImportTheoryOfChange, th.import_theory),
            )
        ),
        _on(oc.ShowTheoryOfChange, of.show_theory),
        # The offer level's review (issue 17)
        _on(rc.ShowOfferDigest, od.show_offer_digest),
        _on(rc.AddElementNote, er.add_element_note),
        _on(rc.TagExplanation, er.tag_explanation),
        _on(rc.TagAction, er.tag_action),
        # Core-element ratings (issue 17)
        _on(rt.ImportRatings, rt.import_ratings, not_leader="ratings.error.not_leader"),
        _on(rt.ShowRatings, rt.show_ratings),
    )
}


def check_who(
    entry: Registered, cmd: Any, group: Group | None, meeting: Meeting | None = None
) -> None:
    """Refuse a sender who may not send this command at all."""
    rule, actor = entry.rule, cmd.actor
    if rule.who is Who.ANYONE:
        return
    if rule.who is Who.SYSTEM:
        if actor != c.SYSTEM_ACTOR:
            raise NotLeader("error.system_only")
        return
    if group is None:
        raise NotFound("error.no_group")
    if actor == c.OPERATOR_ACTOR and rule.who is Who.LEADER and rule.scope is Scope.GROUP:
        return  # the command line operates the installation, beside each group's leader
    if actor == c.SYSTEM_ACTOR and isinstance(cmd, gc.ArchiveGroup | gc.UnarchiveGroup):
        return  # uninstall (issue 15): the bot freezes and thaws a group itself
    if group.member(actor) is None:
        raise NotAMember("error.not_member", group=group.name)
    if rule.who is Who.LEADER and not group.is_leader(actor):
        raise NotLeader(entry.not_leader, leader=group.leader.name, group=group.name)
    if rule.who is Who.RESPONSIBLE and meeting is not None:
        check_responsible(group, meeting, cmd)


def check_responsible(group: Group, meeting: Meeting, cmd: Any) -> None:
    """An action's owner, its follow-up person or a leader (`cmd.action_number` names it)."""
    number: int = cmd.action_number
    action = meeting.action(number)
    if action is None:
        raise NotFound("error.no_action", number=number, count=len(meeting.agreement.actions))
    if cmd.actor not in (action.owner, action.follow_up) and not group.is_leader(cmd.actor):
        raise NotLeader("reminder.error.not_yours", what=action.what)


def check_step(meeting: Meeting, cmd: Any, rule: Rule) -> None:
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


def check(ctx: BaseContext, cmd: Any) -> Registered:
    """Refuse a command its rule does not allow here; return its registry entry.

    Who first (a stranger is told they are not in the group, whatever the step),
    then the step of the meeting the command names.
    """
    entry = REGISTRY[type(cmd)]
    group = ctx.group if isinstance(ctx, GroupContext) else None
    meeting = ctx.meeting if isinstance(ctx, Context) else None
    check_who(entry, cmd, group, meeting)
    if group is not None and group.archived_at is not None and type(cmd) not in WHEN_ARCHIVED:
        raise WrongStep("group.error.archived", group=group.name)  # group changes (issue 14)
    if meeting is not None:
        check_step(meeting, cmd, entry.rule)
    return entry


def apply(ctx: BaseContext, cmd: Any) -> list[Output]:
    """Check and apply one command; raise `Refused` when it does not fit."""
    entry = check(ctx, cmd)
    outputs = entry.handler(ctx, cmd)
    if isinstance(ctx, Context):
        ctx.dirty = ctx.dirty or entry.rule.writes
    return outputs
