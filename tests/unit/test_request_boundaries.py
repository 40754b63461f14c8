"""A request acts only on its own workspace's meetings, and a meeting it was already let
act on is not looked up again for its commands (`bot.boundaries`)."""

from __future__ import annotations

import asyncio

import pytest

from bot.boundaries import check_commands, group_of_meeting, request_from
from bot.dispatch import Dispatcher
from flows.commands import AddObservation
from flows.errors import NotFound
from tests.fakes import InMemoryUnitOfWork
from tests.transcript import Room

HOME, OTHER = "slack:T0NORD", "slack:T0SYD"


class Counted:
    """The rooms' store, counting the units of work (one per lookup) taken from it."""

    def __init__(self, room: Room) -> None:
        self.room, self.taken = room, 0

    def __call__(self) -> InMemoryUnitOfWork:
        self.taken += 1
        return InMemoryUnitOfWork(self.room.store)


@pytest.fixture
def two_workspaces() -> tuple[Room, int, int]:
    room = Room()
    room.create_group("Team Nord", workspace=HOME, channel="C0NORD")
    home = room.meeting_id
    room.create_group("Team Syd", workspace=OTHER, channel="C0SYD")
    return room, home, room.meeting_id


def observation(meeting_id: int) -> AddObservation:
    return AddObservation(actor="ali", meeting_id=meeting_id, text="Fewer no-shows")


def test_a_meeting_checked_for_the_form_is_not_looked_up_again_for_its_commands(
    two_workspaces: tuple[Room, int, int],
) -> None:
    room, home, _ = two_workspaces
    lookups = Counted(room)
    base = Dispatcher(lookups, room.clock, lambda _output: asyncio.sleep(0))

    async def one_request() -> None:
        with request_from(HOME):
            before = lookups.taken
            await group_of_meeting(base, home)
            looked_up = lookups.taken
            assert looked_up > before
            await check_commands(base, [observation(home), observation(home)])
            assert lookups.taken == looked_up

    asyncio.run(one_request())
    first = lookups.taken
    asyncio.run(one_request())  # a new request looks it up afresh
    assert lookups.taken > first


def test_another_workspaces_meeting_is_refused_even_after_one_of_its_own_was_let_through(
    two_workspaces: tuple[Room, int, int],
) -> None:
    room, home, other = two_workspaces
    base = Dispatcher(Counted(room), room.clock, lambda _output: asyncio.sleep(0))

    async def one_request() -> None:
        with request_from(HOME):
            await group_of_meeting(base, home)
            with pytest.raises(NotFound) as refused:
                await check_commands(base, [observation(home), observation(other)])
            assert refused.value.text.key == "error.no_meeting"
            with pytest.raises(NotFound):
                await group_of_meeting(base, other)
            with pytest.raises(NotFound):  # a refused meeting is not remembered as let through
                await check_commands(base, [observation(other)])

    asyncio.run(one_request())
