"""Who is in a group and who leads it, and archiving it (issue 14): the handlers of
`AddMember`, `RemoveMember`, `SetRole`, `ArchiveGroup` and `UnarchiveGroup`.

The participant limits of setting up a group hold after every change (1 to
`MAX_PARTICIPANTS` participants), and a group always has exactly one leader: the leader
cannot be removed or step down, only be replaced (`SetRole` of someone else as leader
makes them a participant).

A removed member keeps everything they wrote. They move to `Group.former` (role
`FORMER`), so their name still renders on old papers and in the meeting they left, and
they are refused every command from then on as a non-member. Their open actions, on any
closed meeting's paper, are listed to the leader (to give to someone else or drop), and
their pending reminders are cancelled; reminders planned later never go to them
(`flows.reminder_plan` plans only for members).

Every change that affects who is reminded re-plans those reminders in the same
transaction (`replan`). An archived group gets no reminders (they are cancelled when it
is archived and planned again when it comes back) and refuses every command but reading
and `UnarchiveGroup` (`flows.machine.check`, `flows.rules.WHEN_ARCHIVED`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from flows.errors import InvalidInput, NotFound, WrongStep
from flows.group_commands import AddMember, ArchiveGroup, RemoveMember, SetRole, UnarchiveGroup
from flows.model import Action, Group, Meeting, Member, Role
from flows.outputs import ListItems, Output, Say, Text, ToActor, ToChannel, ToUser, t
from flows.planning import (
    MAX_PARTICIPANTS,
    PLANNED_STEPS,
    plan_actions,
    plan_digests,
    plan_meeting,
    planned,
)
from flows.reminder_plan import ReminderKind
from flows.rhythm import next_slot
from flows.steps import DIALOGUE_STEPS, Step
from flows.validation import clean_name

if TYPE_CHECKING:
    from flows.machine import GroupContext
    from flows.ports import UnitOfWork

#: What the group is told when someone gets a role.
ROLE_TEXTS = {
    Role.LEADER: "group.role_set.leader",
    Role.CO_LEADER: "group.role_set.co_leader",
    Role.PARTICIPANT: "group.role_set.participant",
}
#: What archiving cancels: every reminder but a cancelled meeting's calendar cancellation.
ARCHIVE_CANCELS = frozenset(ReminderKind) - {ReminderKind.CANCELLATION}


def _channel(group: Group) -> ToChannel:
    return ToChannel(group.id or 0)


def member_named(group: Group, user_id: str) -> Member:
    """The current member with this id; a former or unknown one is refused by name."""
    found = group.member(user_id)
    if found is None:
        raise NotFound("error.unknown_person", name=group.name_of(user_id), group=group.name)
    return found


def replan(ctx: GroupContext, *, actions: bool = False) -> None:
    """Plan again the reminders that name members: the planned meeting's and, with
    `actions`, the last closed meeting's action follow-ups and the leader's digests."""
    uow, group, gid = ctx.uow, ctx.group, ctx.group.id or 0
    latest = uow.meetings.latest(gid)
    if latest is None:
        return
    ahead = latest.step in PLANNED_STEPS
    if ahead:
        plan_meeting(uow, group, latest, ctx.now, ctx.calendar)
    if not actions:
        return
    closed: Meeting | None = latest
    if latest.step is not Step.CLOSED:
        closed = uow.meetings.previous_closed(gid, latest.number)
    if closed is None:
        return
    plan_actions(uow, group, closed, ctx.now, ctx.calendar)
    if ahead:
        plan_digests(uow, group, closed, latest.scheduled_at, ctx.now)


# Members -----------------------------------------------------------------------------------


def add_member(ctx: GroupContext, cmd: AddMember) -> list[Output]:
    group = ctx.group
    user_id = cmd.user_id.strip()
    name = clean_name(cmd.name, fallback=user_id)
    found = group.member(user_id)
    if found is not None:
        raise InvalidInput("group.error.already_member", name=found.name, role=found.role)
    if len(group.participants) >= MAX_PARTICIPANTS:
        raise InvalidInput("group.error.full", group=group.name, limit=MAX_PARTICIPANTS)
    group.former = [m for m in group.former if m.user_id != user_id]  # back again
    group.members.append(Member(user_id, name, Role.PARTICIPANT))
    ctx.uow.groups.save(group)
    replan(ctx)  # the planned meeting's invitation and preparation request reach them too
    latest = ctx.uow.meetings.latest(group.id or 0)
    welcome = t("group.welcome", group=group.name, leader=group.leader.name)
    outputs: list[Output] = [
        Say(_channel(group), t("group.member_added", name=name, group=group.name)),
        Say(ToUser(user_id), welcome),
    ]
    if latest is not None and latest.step in PLANNED_STEPS:
        next_one = t("group.welcome_next", number=latest.number, at=latest.scheduled_at)
        outputs.append(Say(ToUser(user_id), next_one))
    return outputs


def remove_member(ctx: GroupContext, cmd: RemoveMember) -> list[Output]:
    group = ctx.group
    member = member_named(group, cmd.user_id)
    if member.role is Role.LEADER:
        raise InvalidInput("group.error.remove_leader", name=member.name)
    if member.role is Role.PARTICIPANT and len(group.participants) == 1:
        raise InvalidInput("group.error.last_participant", name=member.name, group=group.name)
    group.members.remove(member)
    former = Member(member.user_id, member.name, Role.FORMER)
    group.former = [m for m in group.former if m.user_id != member.user_id] + [former]
    ctx.uow.groups.save(group)
    ctx.uow.reminders.cancel_for_group(group.id or 0, recipient=member.user_id)
    said = t("group.member_removed", name=member.name, group=group.name)
    return [Say(_channel(group), said), *_flag_actions(ctx, cmd.actor, member)]


def open_actions(uow: UnitOfWork, group_id: int, owner: str) -> list[tuple[Meeting, Action]]:
    """`owner`'s actions still open on the papers of the group's closed meetings, oldest first."""
    latest = uow.meetings.latest(group_id)
    found: list[tuple[Meeting, Action]] = []
    for number in range(1, (latest.number if latest else 0) + 1):
        meeting = uow.meetings.by_number(group_id, number)
        if meeting is None or meeting.step is not Step.CLOSED:
            continue
        found += [(meeting, a) for a in meeting.agreement.actions if a.is_open and a.owner == owner]
    return found


def _flag_actions(ctx: GroupContext, actor: str, member: Member) -> list[Output]:
    """The removed member's open actions, to whoever removed them and to the leader."""
    found = open_actions(ctx.uow, ctx.group.id or 0, member.user_id)
    if not found:
        return []
    heading = t("group.open_actions", name=member.name, count=len(found))
    items = tuple(
        t("group.open_action", number=a.number, what=a.what, meeting=m.number, due=a.due)
        for m, a in found
    )
    hint = t("group.open_actions_hint")
    leader = ctx.group.leader.user_id
    audiences = [ToActor(actor)] + ([ToUser(leader)] if actor != leader else [])
    return [out for to in audiences for out in (ListItems(to, heading, items), Say(to, hint))]


# Roles ---------------------------------------------------------------------------------------


def set_role(ctx: GroupContext, cmd: SetRole) -> list[Output]:
    group = ctx.group
    member = member_named(group, cmd.user_id)
    if cmd.role is Role.FORMER:
        raise InvalidInput("group.error.role")
    if member.role is cmd.role:
        raise InvalidInput("group.error.same_role", name=member.name, role=cmd.role)
    if member.role is Role.LEADER:
        raise InvalidInput("group.error.leader_needed", name=member.name)
    single = cmd.role in (Role.LEADER, Role.CO_LEADER)  # one leader, at most one co-leader
    stepped = [m for m in group.members if single and m.role is cmd.role]
    for other in stepped:
        other.role = Role.PARTICIPANT
    member.role = cmd.role
    if not 1 <= len(group.participants) <= MAX_PARTICIPANTS:
        raise InvalidInput("error.participant_count", limit=MAX_PARTICIPANTS)
    ctx.uow.groups.save(group)
    replan(ctx, actions=cmd.role is Role.LEADER)  # the follow-ups and digests name the leader
    said = t(ROLE_TEXTS[cmd.role], name=member.name, group=group.name)
    outputs: list[Output] = [Say(_channel(group), said)]
    for other in stepped:
        outputs.append(Say(_channel(group), t("group.role_stepped", name=other.name)))
    return outputs


# Archiving --------------------------------------------------------------------------------


def archive_group(ctx: GroupContext, cmd: ArchiveGroup) -> list[Output]:
    group = ctx.group
    latest = ctx.uow.meetings.latest(group.id or 0)
    if latest is not None and latest.step in DIALOGUE_STEPS:
        raise WrongStep("group.error.archive_running", number=latest.number)
    group.archived_at = ctx.now
    ctx.uow.groups.save(group)
    ctx.uow.reminders.cancel_for_group(group.id or 0, kinds=ARCHIVE_CANCELS)
    return [Say(_channel(group), t("group.archived", group=group.name))]


def unarchive_group(ctx: GroupContext, cmd: UnarchiveGroup) -> list[Output]:
    group = ctx.group
    if group.archived_at is None:
        raise InvalidInput("group.error.not_archived", group=group.name)
    group.archived_at = None
    ctx.uow.groups.save(group)
    outputs: list[Output] = [Say(_channel(group), t("group.unarchived", group=group.name))]
    latest = ctx.uow.meetings.latest(group.id or 0)
    if latest is None or latest.step not in PLANNED_STEPS:
        outputs.append(Say(_channel(group), t("group.unarchived_unplanned")))
    elif latest.scheduled_at <= ctx.now:  # its time passed while the group was archived
        before = latest.scheduled_at
        latest.scheduled_at = next_slot(group, before, ctx.now, ctx.calendar)
        ctx.uow.meetings.save(latest)
        moved = t("meeting.moved", number=latest.number, before=before, at=latest.scheduled_at)
        outputs.append(planned(latest, moved))
    else:
        outputs.append(planned(latest, _scheduled(latest)))
    replan(ctx, actions=True)
    return outputs


def _scheduled(meeting: Meeting) -> Text:
    return t("meeting.scheduled", number=meeting.number, at=meeting.scheduled_at)
