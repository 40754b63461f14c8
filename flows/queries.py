"""Read-only questions adapters ask before they can build a command."""

from __future__ import annotations

from flows.errors import NotFound
from flows.model import Group, Meeting
from flows.ports import UnitOfWork


def list_groups(uow: UnitOfWork) -> list[Group]:
    with uow:
        return sorted(uow.groups.list(), key=lambda g: g.name.casefold())


def find_group(uow: UnitOfWork, name: str) -> Group:
    """A group by exact name, or else by case-insensitive name."""
    with uow:
        found = uow.groups.by_name(name)
        if found is None:
            wanted = name.casefold()
            found = next((g for g in uow.groups.list() if g.name.casefold() == wanted), None)
    if found is None:
        raise NotFound("error.no_group")
    return found


def current_meeting(uow: UnitOfWork, group_id: int) -> Meeting:
    """The group's newest meeting: the one commands from its channel act on."""
    with uow:
        meeting = uow.meetings.latest(group_id)
    if meeting is None:
        raise NotFound("error.no_meeting")
    return meeting


def meeting_with_previous(uow: UnitOfWork, meeting_id: int) -> tuple[Meeting, Meeting | None]:
    with uow:
        meeting = uow.meetings.get(meeting_id)
        if meeting is None:
            raise NotFound("error.no_meeting")
        return meeting, uow.meetings.previous_closed(meeting.group_id, meeting.number)


def meetings_in_dialogue(uow: UnitOfWork) -> list[int]:
    with uow:
        return uow.meetings.ids_in_dialogue()
