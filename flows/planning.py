"""Use cases outside a meeting's dialogue: setting up a group, scheduling, moving or skipping
one occurrence, answering an action reminder, importing a group's data; and planning a
meeting's reminders and invitations. Each command's handler is registered with its rule in
`flows.machine.REGISTRY`; `flows.service` checks who sends it, then saves and commits.

Every change that affects when something should be said re-plans the rows of its
source in the same transaction as the change itself, so the schedule in the
database always matches the meetings in it.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from flows.cadence import Calendar
from flows.commands import (
    ActionAnswer,
    AnswerActionReminder,
    CreateGroup,
    ImportMeasurements,
    MoveMeeting,
    ScheduleMeeting,
    SkipMeeting,
)
from flows.errors import InvalidInput, NotFound
from flows.learning_model import local_day  # the learning loop (issue 17)
from flows.model import Action, ActionStatus, Group, Meeting, Member, Role
from flows.outputs import Output, Say, ShowChoices, Text, ToActor, ToChannel, t
from flows.oversight_messages import OVERSIGHT_KINDS, compose_oversight  # issue 17
from flows.oversight_plan import escalation_rows  # management (issue 17)
from flows.ports import UnitOfWork
from flows.reminder_messages import Composed, compose
from flows.reminder_plan import (
    MEETING_KINDS,
    SNOOZE_DAYS,
    Reminder,
    ReminderKind,
    action_followups,
    actions_source,
    digest_source,
    meeting_source,
    meeting_timeline,
    weekly_digests,
)
from flows.rhythm import asked_time, first_meeting_default, next_slot, rhythm, slot_after_skip
from flows.rules import planning_controls
from flows.steps import FINAL_STEPS, Step
from flows.validation import MAX_LABEL, clean_name, clean_text

if TYPE_CHECKING:
    from flows.machine import BaseContext, Context, GroupContext

PLANNED_STEPS = frozenset({Step.SCHEDULED, Step.PREPARING})
MAX_PARTICIPANTS = 8


def plan_meeting(
    uow: UnitOfWork,
    group: Group,
    meeting: Meeting,
    now: datetime,
    calendar: Calendar,
    *,
    moved: bool = False,
) -> list[Output]:
    """(Re)plan a scheduled meeting's reminders, invitations first (sent by the scheduler,
    like every reminder, so they survive restarts and go out once)."""
    rows = meeting_timeline(group, meeting, group.timeline, calendar, now, moved=moved)
    uow.reminders.replace(meeting_source(meeting.id or 0), rows)
    return []


def plan_actions(
    uow: UnitOfWork, group: Group, meeting: Meeting, now: datetime, calendar: Calendar
) -> None:
    """(Re)plan the follow-up reminders of a closed meeting's open actions."""
    rows = action_followups(group, meeting, group.timeline, calendar, now)
    rows += escalation_rows(uow, group, meeting, now)  # management (issue 17)
    uow.reminders.replace(actions_source(meeting.id or 0), rows)


def plan_digests(
    uow: UnitOfWork, group: Group, closed: Meeting, until: datetime, now: datetime
) -> None:
    rows = weekly_digests(group, closed, until, group.timeline, now)
    uow.reminders.replace(digest_source(closed.id or 0), rows)


def next_meeting_time(group: Group, last: Meeting, now: datetime, calendar: Calendar) -> datetime:
    """The next occurrence after `last` (and after now) in the group's rhythm."""
    return next_slot(group, last.scheduled_at, now, calendar)


def after_change(
    uow: UnitOfWork,
    group: Group,
    meeting: Meeting,
    was: Step,
    previous: Meeting | None,
    previous_changed: bool,
    now: datetime,
    calendar: Calendar,
) -> None:
    """Keep the schedule in step with a meeting command that was just saved."""
    if was in PLANNED_STEPS and meeting.step not in PLANNED_STEPS:
        uow.reminders.cancel(meeting_source(meeting.id or 0), MEETING_KINDS)
    if meeting.step is Step.CLOSED and was is not Step.CLOSED:
        plan_actions(uow, group, meeting, now, calendar)
    if previous_changed and previous is not None:
        plan_actions(uow, group, previous, now, calendar)


# Setting up a group, scheduling a meeting ---------------------------------------------


def create_group(ctx: BaseContext, cmd: CreateGroup) -> list[Output]:
    name = clean_text(cmd.name, limit=MAX_LABEL)
    people = [(cmd.leader, Role.LEADER)]
    if cmd.co_leader:
        people.append((cmd.co_leader, Role.CO_LEADER))
    people += [(p, Role.PARTICIPANT) for p in cmd.participants]
    if not 1 <= len(cmd.participants) <= MAX_PARTICIPANTS:
        raise InvalidInput("error.participant_count", limit=MAX_PARTICIPANTS)
    ids = [uid for (uid, _), _ in people]
    if len(set(ids)) != len(ids):
        raise InvalidInput("error.duplicate_member")
    if not 1 <= cmd.cadence_days <= 365:
        raise InvalidInput("error.cadence")
    members = [
        Member(uid, clean_name(display, fallback=uid), role) for (uid, display), role in people
    ]
    uow = ctx.uow
    if uow.groups.by_name(name, cmd.workspace) is not None:
        raise InvalidInput("error.group_exists", name=name)
    group = Group(
        name=name,
        level=cmd.level,
        members=members,
        cadence_days=cmd.cadence_days,
        channel=cmd.channel,
        workspace=cmd.workspace,
    )
    if cmd.timeboxes:
        group.timeboxes.update(cmd.timeboxes)
    group.cadence = cmd.cadence
    notes: list[Text] = []
    if cmd.first_meeting_at is None:
        at = first_meeting_default(group, ctx.now, ctx.calendar, cmd.first_meeting_time)
    else:  # the asked time anchors the rhythm, also when a holiday moves the meeting
        at, notes = asked_time(group, cmd.first_meeting_at, ctx.now, ctx.calendar, first=True)
    group.cadence_start = cmd.first_meeting_at or at
    if cmd.timeline is not None:
        group.timeline = cmd.timeline
    uow.groups.add(group)
    meeting = Meeting(group_id=group.id or 0, number=1, scheduled_at=at)
    uow.meetings.add(meeting)
    invites = plan_meeting(uow, group, meeting, ctx.now, ctx.calendar)
    return [
        Say(ToChannel(group.id or 0), t("group.created", name=name, at=at, rhythm=rhythm(group))),
        *(Say(ToActor(cmd.actor), note) for note in notes),
        *invites,
    ]


def schedule_meeting(ctx: GroupContext, cmd: ScheduleMeeting) -> list[Output]:
    group, now = ctx.group, ctx.now
    latest = ctx.uow.meetings.latest(group.id or 0)
    if latest is not None and latest.step not in FINAL_STEPS:
        raise InvalidInput("error.meeting_pending", number=latest.number, at=latest.scheduled_at)
    notes: list[Text] = []
    if cmd.at is not None:
        at, notes = asked_time(group, cmd.at, now, ctx.calendar)
    elif latest is not None:
        at = next_slot(group, latest.scheduled_at, now, ctx.calendar)
    else:
        at = first_meeting_default(group, now, ctx.calendar, None)
    number = (latest.number + 1) if latest else 1
    meeting = Meeting(group_id=group.id or 0, number=number, scheduled_at=at)
    ctx.uow.meetings.add(meeting)
    invites = plan_meeting(ctx.uow, group, meeting, now, ctx.calendar)
    return [
        planned(meeting, t("meeting.scheduled", number=meeting.number, at=at)),
        *(Say(ToActor(cmd.actor), note) for note in notes),
        *invites,
    ]


# Moving or skipping one occurrence -------------------------------------------------------


def planned(meeting: Meeting, text: Text) -> ShowChoices:
    """A planned meeting announced in the channel with the leader's controls (move, skip)."""
    controls = planning_controls(meeting.id or 0, meeting.scheduled_at)
    return ShowChoices(ToChannel(meeting.group_id), meeting.id or 0, text, controls)


def _reschedule(
    ctx: Context, at: datetime, key: str, notes: tuple[Output, ...] = ()
) -> list[Output]:
    """Move the meeting in `ctx` to `at` and re-plan its reminders (the service saves it)."""
    group, meeting = ctx.group, ctx.meeting
    before = meeting.scheduled_at
    meeting.scheduled_at = at
    outputs: list[Output] = [
        planned(meeting, t(key, number=meeting.number, before=before, at=at)),
        *notes,
    ]
    return outputs + plan_meeting(ctx.uow, group, meeting, ctx.now, ctx.calendar, moved=True)


def move_meeting(ctx: Context, cmd: MoveMeeting) -> list[Output]:
    at, notes = asked_time(ctx.group, cmd.at, ctx.now, ctx.calendar)
    return _reschedule(ctx, at, "meeting.moved", tuple(Say(ToActor(cmd.actor), n) for n in notes))


def skip_meeting(ctx: Context, cmd: SkipMeeting) -> list[Output]:
    at = slot_after_skip(ctx.group, ctx.meeting.scheduled_at, ctx.now, ctx.calendar)
    return _reschedule(ctx, at, "meeting.skipped")


# Answering an action reminder ------------------------------------------------------------


def _action(meeting: Meeting, number: int) -> Action:
    action = meeting.action(number)
    if action is None:
        raise NotFound("error.no_action", number=number, count=len(meeting.agreement.actions))
    return action


def answer_action(ctx: Context, cmd: AnswerActionReminder) -> list[Output]:
    """Done, no longer relevant, or remind me later: only while the action is open, so an
    old reminder's button pressed again changes nothing."""
    meeting = ctx.meeting
    action = _action(meeting, cmd.action_number)
    if not action.is_open:
        raise InvalidInput("reminder.error.closed", what=action.what)
    source = actions_source(meeting.id or 0)
    ctx.uow.reminders.cancel(source, action_number=action.number)
    if cmd.answer is ActionAnswer.SNOOZE:
        until = ctx.now + timedelta(days=SNOOZE_DAYS)
        ctx.uow.reminders.add(
            Reminder(
                ReminderKind.ACTION_DUE,
                action.owner,
                until,
                ctx.group.id or 0,
                source,
                meeting.id,
                action.number,
                until + timedelta(days=1),
                {"due": action.due.isoformat(), "what": action.what, "snoozed": True},
            )
        )
        return [Say(ToActor(cmd.actor), t("reminder.snoozed", what=action.what, at=until))]
    action.status = ActionStatus.DONE if cmd.answer is ActionAnswer.DONE else ActionStatus.DROPPED
    action.status_note = ""
    action.closed_on = local_day(ctx.now, ctx.group.timezone)  # issue 17
    return [Say(ToActor(cmd.actor), t("reminder.answered", what=action.what, status=action.status))]


# Importing the group's data -------------------------------------------------------------


def import_measurements(ctx: GroupContext, cmd: ImportMeasurements) -> list[Output]:
    """Replace the group's data set with the command's (read and checked by the adapter)."""
    if not cmd.measurements:  # an empty data set would wipe the group's data
        raise InvalidInput("import.error.no_rows")
    replaced = ctx.uow.measurements.replace(
        ctx.group.id or 0, cmd.measurements, filename=cmd.filename, at=ctx.now, by=cmd.actor
    )
    citizens = len({m.citizen for m in cmd.measurements})
    to = ToActor(cmd.actor)
    outputs: list[Output] = [
        Say(to, t("import.summary.ok", count=len(cmd.measurements), citizens=citizens))
    ]
    if replaced:
        outputs.append(Say(to, t("import.cli.replaced", count=replaced)))
    return outputs


# Reading -----------------------------------------------------------------------------------


def compose_due(uow: UnitOfWork, reminder: Reminder, now: datetime) -> Composed:
    """What a due reminder says now, read from a fresh unit of work."""
    if reminder.kind is ReminderKind.NOTE:  # says what it carries; nothing to read
        return compose(reminder, None, None, None, now)
    if reminder.kind in OVERSIGHT_KINDS:  # management (issue 17): digests, escalations
        return compose_oversight(uow, reminder, now)
    with uow:
        group = uow.groups.get(reminder.group_id)
        meeting = uow.meetings.get(reminder.meeting_id) if reminder.meeting_id else None
        previous = (
            uow.meetings.previous_closed(meeting.group_id, meeting.number) if meeting else None
        )
    return compose(reminder, group, meeting, previous, now)
