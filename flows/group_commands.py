"""Frozen inputs that change a group (issue 14): its members and their roles, its name,
rhythm, time-boxes, holiday rule and channel, and whether it is archived.

Each names the group (`group_id`) and is sent by one of its leaders (the leader or the
co-leader) or by the operator on the command line (`flows.commands.OPERATOR_ACTOR`). The
handlers are in `flows.group_changes` and `flows.group_settings`; the console, the command
line and the chat adapters build these from what a person typed or chose.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flows.cadence import HolidayRule
from flows.model import Role
from flows.steps import Step


@dataclass(frozen=True)
class GroupCommand:
    actor: str
    group_id: int


@dataclass(frozen=True)
class AddMember(GroupCommand):
    """A new participant (a former member comes back as one)."""

    user_id: str
    name: str


@dataclass(frozen=True)
class RemoveMember(GroupCommand):
    """Take a member out of the group. What they wrote stays (under their name); their open
    actions are listed to the leader and their pending reminders cancelled."""

    user_id: str


@dataclass(frozen=True)
class SetRole(GroupCommand):
    """Make a member the leader, the co-leader or a participant. A group always has exactly
    one leader and at most one co-leader: whoever held the role becomes a participant."""

    user_id: str
    role: Role


@dataclass(frozen=True)
class RenameGroup(GroupCommand):
    name: str  # unique within the group's workspace


@dataclass(frozen=True)
class ChangeRhythm(GroupCommand):
    """The rhythm's options as `group create` takes them: exactly one of every `days` days,
    every `weeks` weeks or monthly on the `nth` weekday (-1: the last). The meeting already
    scheduled stays where it is; the meetings after it follow the new rhythm."""

    days: int | None = None
    weeks: int | None = None
    nth: int | None = None


@dataclass(frozen=True)
class ChangeTimeboxes(GroupCommand):
    """Minutes for one or more dialogue steps; a meeting under way uses them from its next step."""

    minutes: dict[Step, int] = field(hash=False)


@dataclass(frozen=True)
class ChangeHolidayRule(GroupCommand):
    """What a meeting of the rhythm that falls on a public holiday does from now on."""

    rule: HolidayRule


@dataclass(frozen=True)
class ChangeChannel(GroupCommand):
    channel: str  # the chat channel the group meets in (one group per channel and workspace)


@dataclass(frozen=True)
class ArchiveGroup(GroupCommand):
    """Put the group away: no reminders, and every command but reading and `UnarchiveGroup`
    is refused. Nothing is deleted."""


@dataclass(frozen=True)
class UnarchiveGroup(GroupCommand):
    """Bring an archived group back: its planned meeting (moved to the rhythm's next slot if
    its time passed meanwhile) and its reminders are planned again."""
