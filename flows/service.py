"""The service layer: `handle(cmd, uow, clock) -> outputs`.

Loads what a command needs, applies it with the step machine, saves with a
version check and commits. A contribution that lost a race is simply re-run on
fresh state; a leader control that lost one is refused as "already moved on".
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from flows import planning
from flows.cadence import Calendar, PlainCalendar
from flows.commands import (
    AnswerActionReminder,
    CreateGroup,
    MeetingCommand,
    MoveMeeting,
    ScheduleMeeting,
    SkipMeeting,
)
from flows.errors import (
    AlreadyMovedOn,
    ConcurrentChange,
    InvalidInput,
    NotFound,
    NotLeader,
    Refused,
)
from flows.machine import TRANSITIONS, Context, apply
from flows.model import Group, Meeting, Member, Role
from flows.outputs import Output, Refusal, Say, ToActor, ToChannel, t
from flows.ports import Clock, UnitOfWork
from flows.rhythm import rhythm
from flows.steps import FINAL_STEPS, Step
from flows.validation import MAX_LABEL, clean_text

Command = (
    MeetingCommand | CreateGroup | ScheduleMeeting | MoveMeeting | SkipMeeting
    | AnswerActionReminder
)  # fmt: skip

#: A contribution that lost a race is re-run on fresh state. Each loss means someone
#: else committed in between, so with everyone in a group (at most 8 participants,
#: two leaders and the ticker) sending one command at once, this many always suffice.
MAX_ATTEMPTS = 12
MAX_PARTICIPANTS = 8
_LEADER_CONTROLS = frozenset(cmd for (_, cmd) in TRANSITIONS)


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
    cal = calendar or PlainCalendar()
    if isinstance(cmd, CreateGroup):
        return create_group(cmd, uow, clock, cal)
    if isinstance(cmd, ScheduleMeeting):
        return schedule_meeting(cmd, uow, clock, cal)
    if isinstance(cmd, MoveMeeting):
        return planning.move_meeting(cmd, uow, clock, cal)
    if isinstance(cmd, SkipMeeting):
        return planning.skip_meeting(cmd, uow, clock, cal)
    if isinstance(cmd, AnswerActionReminder):
        return planning.answer_action(cmd, uow, clock, cal)
    for _ in range(MAX_ATTEMPTS):
        try:
            return _apply_once(cmd, uow, clock, cal)
        except ConcurrentChange:
            if type(cmd) in _LEADER_CONTROLS:
                # Another leader's control landed first: tell this one where the meeting is
                # now rather than apply theirs on top (that would skip a step).
                with uow:
                    fresh = uow.meetings.get(cmd.meeting_id)
                if fresh is not None:
                    raise AlreadyMovedOn("error.already_moved_on", step=fresh.step) from None
                break
    raise AlreadyMovedOn("error.already_moved_on_retry")


def _apply_once(
    cmd: MeetingCommand, uow: UnitOfWork, clock: Clock, calendar: Calendar
) -> list[Output]:
    with uow:
        meeting = uow.meetings.get(cmd.meeting_id)
        group = uow.groups.get(meeting.group_id) if meeting else None
        if meeting is None or group is None:
            raise NotFound("error.no_meeting")
        previous = uow.meetings.previous_closed(group.id or 0, meeting.number)
        ctx = Context(group, meeting, previous, now=clock.now())
        was_final = meeting.step in FINAL_STEPS
        was = meeting.step
        outputs = apply(ctx, cmd)
        if not ctx.dirty:
            return outputs
        uow.meetings.save(meeting)
        if ctx.previous_dirty and previous is not None:
            uow.meetings.save(previous)
        planning.after_change(
            uow, group, meeting, was, previous, ctx.previous_dirty, ctx.now, calendar
        )
        if meeting.step is Step.CLOSED and not was_final:
            outputs += _schedule_next(uow, group, meeting, ctx.now, calendar)
        uow.commit()
        return outputs


def _schedule_next(
    uow: UnitOfWork, group: Group, closed: Meeting, now: datetime, calendar: Calendar
) -> list[Output]:
    at = planning.next_meeting_time(group, closed, now, calendar)
    nxt = Meeting(group_id=group.id or 0, number=closed.number + 1, scheduled_at=at)
    uow.meetings.add(nxt)
    planning.plan_digests(uow, group, closed, at, now)
    outputs: list[Output] = [
        Say(ToChannel(group.id or 0), t("meeting.next_scheduled", number=nxt.number, at=at))
    ]
    return outputs + planning.plan_meeting(uow, group, nxt, now, calendar)


def default_first_meeting(now: datetime, timezone: str) -> datetime:
    """A week from now at 09:00 local time: a sensible first slot until the leader moves it."""
    tz = ZoneInfo(timezone)
    day = (now.astimezone(tz) + timedelta(days=7)).date()
    return datetime.combine(day, time(9, 0), tzinfo=tz)


def create_group(
    cmd: CreateGroup, uow: UnitOfWork, clock: Clock, calendar: Calendar | None = None
) -> list[Output]:
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
    members = [Member(uid, clean_text(display, limit=100), role) for (uid, display), role in people]
    with uow:
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
        at = cmd.first_meeting_at or default_first_meeting(clock.now(), group.timezone)
        if cmd.cadence is not None:
            group.cadence, group.cadence_start = cmd.cadence, at
        if cmd.timeline is not None:
            group.timeline = cmd.timeline
        uow.groups.add(group)
        meeting = Meeting(group_id=group.id or 0, number=1, scheduled_at=at)
        uow.meetings.add(meeting)
        invites = planning.plan_meeting(
            uow, group, meeting, clock.now(), calendar or PlainCalendar()
        )
        uow.commit()
    return [
        Say(
            ToChannel(group.id or 0),
            t("group.created", name=name, at=at, rhythm=rhythm(group, at)),
        ),
        *invites,
    ]


def schedule_meeting(
    cmd: ScheduleMeeting, uow: UnitOfWork, clock: Clock, calendar: Calendar | None = None
) -> list[Output]:
    with uow:
        group = uow.groups.get(cmd.group_id)
        if group is None:
            raise NotFound("error.no_group")
        if not group.is_leader(cmd.actor):
            raise NotLeader("error.not_leader", leader=group.leader.name)
        latest = uow.meetings.latest(cmd.group_id)
        if latest is not None and latest.step not in FINAL_STEPS:
            raise InvalidInput(
                "error.meeting_pending", number=latest.number, at=latest.scheduled_at
            )
        now = clock.now()
        at = cmd.at or (now + timedelta(days=group.cadence_days))
        if at <= now:
            raise InvalidInput("error.time_in_past", at=at)
        meeting = Meeting(
            group_id=group.id or 0, number=(latest.number + 1) if latest else 1, scheduled_at=at
        )
        uow.meetings.add(meeting)
        invites = planning.plan_meeting(uow, group, meeting, now, calendar or PlainCalendar())
        uow.commit()
    return [
        Say(ToChannel(group.id or 0), t("meeting.scheduled", number=meeting.number, at=at)),
        *invites,
    ]
