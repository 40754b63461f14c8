"""Read-only questions adapters ask before they can build a command."""

from __future__ import annotations

from flows.errors import NotFound
from flows.learning import history, learning_log  # the learning loop (issue 17)
from flows.model import Group, Meeting, PointKind
from flows.offer_model import Offer
from flows.outputs import Text
from flows.ports import UnitOfWork
from flows.steps import Step


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


def group_for_channel(uow: UnitOfWork, workspace: str, channel: str) -> Group | None:
    """The group that meets in `channel` of `workspace`, if any (chat adapters)."""
    with uow:
        return uow.groups.by_channel(workspace, channel)


def get_group(uow: UnitOfWork, group_id: int) -> Group:
    with uow:
        found = uow.groups.get(group_id)
    if found is None:
        raise NotFound("error.no_group")
    return found


def group_of_meeting(uow: UnitOfWork, meeting_id: int) -> Group:
    """The group a meeting belongs to (the meeting itself is not loaded)."""
    with uow:
        group_id = uow.meetings.group_id_of(meeting_id)
        group = uow.groups.get(group_id) if group_id is not None else None
    if group is None:
        raise NotFound("error.no_meeting")
    return group


def preparation_of(uow: UnitOfWork, meeting_id: int, user_id: str) -> dict[PointKind, str]:
    """A member's current preparation points (to pre-fill their form)."""
    with uow:
        meeting = uow.meetings.get(meeting_id)
    if meeting is None:
        raise NotFound("error.no_meeting")
    return {kind: p.text for kind, p in meeting.points_of(user_id).items()}


def current_meeting(uow: UnitOfWork, group_id: int) -> Meeting:
    """The group's newest meeting: the one commands from its channel act on."""
    with uow:
        meeting = uow.meetings.latest(group_id)
    if meeting is None:
        raise NotFound("error.no_meeting")
    return meeting


def current_meeting_id(uow: UnitOfWork, group_id: int) -> int:
    """The id of `current_meeting`, without loading it."""
    with uow:
        meeting_id = uow.meetings.latest_id(group_id)
    if meeting_id is None:
        raise NotFound("error.no_meeting")
    return meeting_id


def takeaway_meeting(uow: UnitOfWork, group_id: int) -> int:
    """The meeting a take-away belongs to: the current one, or the one just closed
    while the next is only scheduled or in preparation."""
    with uow:
        latest = uow.meetings.latest(group_id)
        if latest is None:
            raise NotFound("error.no_meeting")
        if latest.step in (Step.SCHEDULED, Step.PREPARING):
            closed = uow.meetings.previous_closed(group_id, latest.number)
            if closed is not None:
                return closed.id or 0
        return latest.id or 0


def agreement_meeting(uow: UnitOfWork, group_id: int) -> Meeting | None:
    """The meeting whose agreement paper is current: the group's newest meeting once it is
    closed, otherwise the last closed meeting before it (None before the first close)."""
    with uow:
        latest = uow.meetings.latest(group_id)
        if latest is None:
            raise NotFound("error.no_meeting")
        if latest.step is Step.CLOSED:
            return latest
        return uow.meetings.previous_closed(group_id, latest.number)


def meeting_with_previous(uow: UnitOfWork, meeting_id: int) -> tuple[Meeting, Meeting | None]:
    with uow:
        meeting = uow.meetings.get(meeting_id)
        if meeting is None:
            raise NotFound("error.no_meeting")
        return meeting, uow.meetings.previous_closed(meeting.group_id, meeting.number)


def meetings_in_dialogue(uow: UnitOfWork) -> list[int]:
    with uow:
        return uow.meetings.ids_in_dialogue()


def recent_learnings(uow: UnitOfWork, group_id: int, last: int = 5) -> list[Text]:
    """The newest `last` lines of a group's learning log (issue 17; the Slack App Home),
    read from the newest meetings back only as far as those lines need (with the closed
    meeting before them, whose signs the verdicts name), not from the whole history."""
    with uow:
        group = uow.groups.get(group_id)
        newest = uow.meetings.latest(group_id)
        if group is None or newest is None or last <= 0:
            return []
        loaded: dict[int, Meeting] = {newest.number: newest}
        start = newest.number
        while True:
            start = max(1, start - 2)
            for number in range(start, newest.number):
                found = loaded.get(number) or uow.meetings.by_number(group_id, number)
                if found is not None:
                    loaded[number] = found
            before = uow.meetings.previous_closed(group_id, start) if start > 1 else None
            window = [m for n, m in sorted(loaded.items()) if n >= start]
            lines = [
                line
                for line in learning_log(group, [*([before] if before else []), *window])
                if int(line.params.get("number", 0)) >= start
            ]
            if len(lines) >= last or start == 1:
                return lines[-last:]


def paper_extras(uow: UnitOfWork, group: Group, paper: Meeting) -> tuple[list[Text], Offer | None]:
    """What a printed agreement paper shows besides the meeting (issue 17): the learning log
    up to it (the paper's history) and the group's offer (naming the core elements)."""
    with uow:
        log = learning_log(group, history(uow, group.id or 0, paper.number))
        offer = uow.offers.get(group.offer_id) if group.offer_id is not None else None
    return log, offer
