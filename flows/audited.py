"""Which commands of the method write an audit row (issue 15), and the row each writes.

`AUDITED` names every command of `flows.machine.REGISTRY`: the `AuditAction` it is
logged as, or None for a command that is the meeting's own business (steering it,
contributing to it, planning it: the meeting and its agreement paper are that record).
A new command without an entry fails `tests/unit/test_audit_log.py`.

`flows.service` calls `record` after a command was applied and before its commit, so
the row is written in the same transaction as the change, and a refused command (rolled
back) leaves none. A read (`ShowAgreements`) is committed for its row alone.
"""

from __future__ import annotations

from datetime import datetime

from flows import commands as c
from flows import escalation as esc  # management: the escalation setting (issue 17)
from flows import export as ex
from flows import group_commands as gc
from flows import learning as ln  # the learning loop (issue 17)
from flows import offer_commands as oc  # the offer level: offers (issue 17)
from flows import parameters as fp
from flows import ratings as rt  # offer level: core-element ratings (issue 17)
from flows import review_commands as rc  # the offer level (issue 17)
from flows.audit import AuditAction, AuditEntry, platform_of, ref
from flows.model import Group
from flows.ports import UnitOfWork
from flows.validation import MAX_LABEL, clean_text

A = AuditAction

#: Steering, contributing, correcting, planning: the meeting's own record, not logged.
NOT_LOGGED = (
    c.OpenPreparation, c.StartMeeting, c.Advance, c.Cancel, c.Extend, c.RemindUnprepared,
    c.SubmitPoint, c.ReviewAction, c.AddObservation, c.ProposeTheme, c.CastVote,
    c.WithdrawVote, c.AddExplanation, c.ChooseFocus, c.SetGoal, c.AddSign, c.AddAction,
    c.AddTakeaway, c.EditItem, c.RemoveItem, c.EditAction, c.ShowStatus, c.CheckTimebox,
    c.ScheduleMeeting, c.MoveMeeting, c.SkipMeeting, c.AnswerActionReminder, c.UndoCancel,
    fp.ShowParameters, ln.RecordVerdict, ln.PickVerdict, ln.LinkExplanation,
    # The offer level (issue 17): an offer's theory of change holds no citizen data
    oc.JoinOffer, oc.LeaveOffer, oc.AddElement, oc.RenameElement, oc.DescribeElement,
    oc.RemoveElement, oc.AddResult, oc.RemoveResult, oc.ImportTheoryOfChange,
    oc.ShowTheoryOfChange,
)  # fmt: skip

#: Every command -> what it is logged as (None: not logged).
AUDITED: dict[type, AuditAction | None] = {
    **dict.fromkeys(NOT_LOGGED, None),
    # Reading the agreement paper
    c.ShowAgreements: A.PAPER_READ,
    # The group and its data
    c.CreateGroup: A.GROUP_CREATED,
    c.ImportMeasurements: A.DATA_IMPORTED,  # DATA_REPLACED when it replaced a data set
    fp.ChooseParameters: A.PARAMETERS_CHOSEN,
    gc.AddMember: A.MEMBER_ADDED,
    gc.RemoveMember: A.MEMBER_REMOVED,
    gc.SetRole: A.ROLE_CHANGED,
    gc.RenameGroup: A.GROUP_RENAMED,
    gc.ChangeRhythm: A.RHYTHM_CHANGED,
    gc.ChangeTimeboxes: A.TIMEBOXES_CHANGED,
    gc.ChangeHolidayRule: A.HOLIDAY_RULE_CHANGED,
    gc.ChangeChannel: A.CHANNEL_CHANGED,
    gc.ArchiveGroup: A.GROUP_ARCHIVED,
    gc.UnarchiveGroup: A.GROUP_UNARCHIVED,
    esc.ChangeEscalation: A.ESCALATION_CHANGED,  # management (issue 17)
    # The export: logged when it is asked for and allowed, before anything is read
    ex.ExportGroup: A.EXPORTED,
    ex.ExportMember: A.EXPORTED,
    # The learning log (issue 17): read like the agreement papers it is made of
    ln.ShowLearnings: A.PAPER_READ,
    # The offer level's review (issue 17): the digest is read from the linked groups'
    # papers (its data part is logged per group by `bot.offer_results`); notes and tags
    # are the meeting's own record
    rc.ShowOfferDigest: A.PAPER_READ,
    **dict.fromkeys((rc.AddElementNote, rc.TagExplanation, rc.TagAction), None),
    # Core-element ratings (issue 17): the offer's ratings imported, their charts asked for
    rt.ImportRatings: A.RATINGS_IMPORTED,
    rt.ShowRatings: A.CHARTS_SENT,
}


def record(uow: UnitOfWork, cmd: object, group: Group | None, now: datetime) -> bool:
    """Add the command's audit row to the unit of work, if it has one; whether it did."""
    action = AUDITED.get(type(cmd))
    if action is None:
        return False
    if isinstance(cmd, c.CreateGroup):  # the group is new: found as its handler named it
        group = uow.groups.by_name(clean_text(cmd.name, limit=MAX_LABEL), cmd.workspace)
    actor: str = getattr(cmd, "actor", "")
    group_id = group.id if group is not None else None
    action, reference = _reference(uow, cmd, action, group_id or 0)
    platform = platform_of(actor, group.workspace if group is not None else "")
    uow.audit.add(AuditEntry(now, actor, platform, group_id, action, reference))
    return True


def _reference(
    uow: UnitOfWork, cmd: object, action: AuditAction, group_id: int
) -> tuple[AuditAction, str]:
    """The action as it turned out, and the ids it names (never what was written)."""
    if isinstance(cmd, c.ShowAgreements):
        return action, ref(meeting=cmd.meeting_id)
    if isinstance(cmd, rt.ImportRatings | rt.ShowRatings):  # core-element ratings (17)
        return action, rt.audit_reference(uow, cmd, group_id)
    if isinstance(cmd, ln.ShowLearnings):  # the learning log (issue 17)
        return action, ref(meeting=cmd.meeting_id, view="learnings")
    if isinstance(cmd, c.ImportMeasurements):
        number = uow.measurements.versions(group_id)[0].number
        return (A.DATA_REPLACED if number > 1 else action), ref(version=number)
    if isinstance(cmd, fp.ChooseParameters):
        return action, ref(chosen=len(uow.measurements.focus(group_id)))
    if isinstance(cmd, gc.SetRole):
        return action, ref(user=cmd.user_id, role=cmd.role.value)
    if isinstance(cmd, ex.ExportGroup):
        return action, ref(export="group")
    if isinstance(cmd, ex.ExportMember):
        return action, ref(export="member", user=cmd.user_id)
    if isinstance(cmd, gc.AddMember | gc.RemoveMember):
        return action, ref(user=cmd.user_id)
    return action, ""
