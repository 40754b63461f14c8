"""Use cases around time: planning a meeting's reminders and invitations, moving or skipping
one occurrence, answering an action reminder. Called by `flows.service`.

Every change that affects when something should be said re-plans the rows of its
source in the same transaction as the change itself, so the schedule in the
database always matches the meetings in it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from flows.cadence import Calendar, next_occurrence
from flows.commands import ActionAnswer, AnswerActionReminder, MoveMeeting, SkipMeeting
from flows.errors import ConcurrentChange, InvalidInput, NotFound, NotLeader, WrongStep
from flows.model import ActionStatus, Group, Meeting
from flows.outputs import Output, Say, ToActor, ToChannel, t
from flows.ports import Clock, UnitOfWork
from flows.reminders import (
    MEETING_KINDS,
    SNOOZE_DAYS,
    Composed,
    Reminder,
    ReminderKind,
    action_followups,
    actions_source,
    compose,
    digest_source,
    meeting_source,
    meeting_timeline,
    weekly_digests,
)
from flows.steps import Step

PLANNED_STEPS = frozenset({Step.SCHEDULED, Step.PREPARING})
MAX_ATTEMPTS = 12


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
    uow.reminders.replace(actions_source(meeting.id or 0), rows)


def plan_digests(
    uow: UnitOfWork, group: Group, closed: Meeting, until: datetime, now: datetime
) -> None:
    rows = weekly_digests(group, closed, until, group.timeline, now)
    uow.reminders.replace(digest_source(closed.id or 0), rows)


def next_meeting_time(group: Group, last: Meeting, now: datetime, calendar: Calendar) -> datetime:
    """The next occurrence after `last` (and after now) in the group's rhythm."""
    tz = ZoneInfo(group.timezone)
    if group.cadence is None:
        # Add days to the local wall-clock time, so 09:00 stays 09:00 across daylight saving.
        at = last.scheduled_at.astimezone(tz) + timedelta(days=group.cadence_days)
        while at <= now:
            at += timedelta(days=group.cadence_days)
        return at
    start = group.cadence_start or last.scheduled_at
    after = max(last.scheduled_at, now)
    return next_occurrence(calendar, group.cadence, start, group.timezone, after=after)


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


# Commands ---------------------------------------------------------------------


def _retrying(fn: Callable[[], list[Output]]) -> list[Output]:
    for _ in range(MAX_ATTEMPTS):
        try:
            return fn()
        except ConcurrentChange:
            continue
    raise InvalidInput("error.already_moved_on_retry")


def _load_planned(uow: UnitOfWork, actor: str, meeting_id: int) -> tuple[Group, Meeting]:
    meeting = uow.meetings.get(meeting_id)
    group = uow.groups.get(meeting.group_id) if meeting else None
    if meeting is None or group is None:
        raise NotFound("error.no_meeting")
    if not group.is_leader(actor):
        raise NotLeader("error.not_leader", leader=group.leader.name)
    if meeting.step not in PLANNED_STEPS:
        raise WrongStep(
            "error.wrong_step", step=meeting.step, allowed=(Step.SCHEDULED, Step.PREPARING)
        )
    return group, meeting


def _reschedule(
    uow: UnitOfWork,
    group: Group,
    meeting: Meeting,
    at: datetime,
    now: datetime,
    calendar: Calendar,
    key: str,
) -> list[Output]:
    before = meeting.scheduled_at
    meeting.scheduled_at = at
    uow.meetings.save(meeting)
    outputs: list[Output] = [
        Say(ToChannel(group.id or 0), t(key, number=meeting.number, before=before, at=at))
    ]
    outputs += plan_meeting(uow, group, meeting, now, calendar, moved=True)
    uow.commit()
    return outputs


def move_meeting(
    cmd: MoveMeeting, uow: UnitOfWork, clock: Clock, calendar: Calendar
) -> list[Output]:
    def once() -> list[Output]:
        with uow:
            group, meeting = _load_planned(uow, cmd.actor, cmd.meeting_id)
            now = clock.now()
            if cmd.at <= now:
                raise InvalidInput("error.time_in_past", at=cmd.at)
            return _reschedule(uow, group, meeting, cmd.at, now, calendar, "meeting.moved")

    return _retrying(once)


def skip_meeting(
    cmd: SkipMeeting, uow: UnitOfWork, clock: Clock, calendar: Calendar
) -> list[Output]:
    def once() -> list[Output]:
        with uow:
            group, meeting = _load_planned(uow, cmd.actor, cmd.meeting_id)
            now = clock.now()
            at = next_meeting_time(group, meeting, now, calendar)
            return _reschedule(uow, group, meeting, at, now, calendar, "meeting.skipped")

    return _retrying(once)


def answer_action(
    cmd: AnswerActionReminder, uow: UnitOfWork, clock: Clock, calendar: Calendar
) -> list[Output]:
    def once() -> list[Output]:
        with uow:
            meeting = uow.meetings.get(cmd.meeting_id)
            group = uow.groups.get(meeting.group_id) if meeting else None
            if meeting is None or group is None:
                raise NotFound("error.no_meeting")
            action = meeting.action(cmd.action_number)
            if action is None:
                raise NotFound(
                    "error.no_action",
                    number=cmd.action_number,
                    count=len(meeting.agreement.actions),
                )
            if cmd.actor not in (action.owner, action.follow_up) and not group.is_leader(cmd.actor):
                raise NotLeader("reminder.error.not_yours", what=action.what)
            now = clock.now()
            source = actions_source(meeting.id or 0)
            if cmd.answer is ActionAnswer.SNOOZE:
                if action.status not in (ActionStatus.OPEN, ActionStatus.CONTINUED):
                    raise InvalidInput("reminder.error.closed", what=action.what)
                uow.reminders.cancel(source, action_number=action.number)
                until = now + timedelta(days=SNOOZE_DAYS)
                uow.reminders.add(
                    Reminder(
                        ReminderKind.ACTION_DUE,
                        action.owner,
                        until,
                        group.id or 0,
                        source,
                        meeting.id,
                        action.number,
                        until + timedelta(days=1),
                        {"due": action.due.isoformat(), "what": action.what, "snoozed": True},
                    )
                )
                uow.commit()
                return [Say(ToActor(cmd.actor), t("reminder.snoozed", what=action.what, at=until))]
            action.status = (
                ActionStatus.DONE if cmd.answer is ActionAnswer.DONE else ActionStatus.DROPPED
            )
            action.status_note = ""
            uow.meetings.save(meeting)
            uow.reminders.cancel(source, action_number=action.number)
            uow.commit()
            return [
                Say(
                    ToActor(cmd.actor),
                    t("reminder.answered", what=action.what, status=action.status),
                ),
            ]

    return _retrying(once)


def compose_due(uow: UnitOfWork, reminder: Reminder, now: datetime) -> Composed:
    """What a due reminder says now, read from a fresh unit of work."""
    if reminder.kind is ReminderKind.NOTE:  # says what it carries; nothing to read
        return compose(reminder, None, None, None, now)
    with uow:
        group = uow.groups.get(reminder.group_id)
        meeting = uow.meetings.get(reminder.meeting_id) if reminder.meeting_id else None
        previous = (
            uow.meetings.previous_closed(meeting.group_id, meeting.number) if meeting else None
        )
    return compose(reminder, group, meeting, previous, now)
