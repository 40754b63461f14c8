"""A text typed with a NUL byte saves on a real database (issue #12).

PostgreSQL cannot store NUL in text: the save failed and the card press answered 501;
SQLite stored it and echoed it back. The NUL is removed before anything is saved, so the
same commands give the same answers and the same stored meeting on both databases.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from flows import service
from flows.commands import AddObservation, Advance, CreateGroup, StartMeeting
from flows.model import Level
from flows.outputs import Refusal
from flows.steps import Step
from tests.integration.conftest import Database
from tests.transcript import Room

pytestmark = pytest.mark.storage


def test_an_observation_typed_with_a_nul_is_stored_and_read_back_without_it(db: Database):
    room = Room()  # the in-memory twin: the database must answer as it does
    room.clock.current = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)

    def both(cmd: object) -> None:
        expected = room.send(cmd).outputs
        got = service.run(cmd, db.uow(), room.clock)  # type: ignore[arg-type]
        assert got == expected, f"{cmd}: database and fake answered differently"
        assert not any(isinstance(o, Refusal) for o in got), got

    people = (("ali", "Ali\x00"), ("bo", "Bo"), ("cai", "Cai"))
    leader = ("lea", "Lea")
    name = "Team\x00 Nord"
    both(CreateGroup("lea", name, Level.CITIZEN, leader=leader, participants=people))
    room.group_id = 1
    meeting_id = room.latest_meeting().id
    room.clock.advance(days=7)
    both(room.command("lea", StartMeeting))
    both(room.command("lea", Advance, expected_step=Step.SINCE_LAST))
    both(room.command("ali", AddObservation, text="Drop-outs\x00 cluster after the summer"))

    with db.uow() as uow:
        meeting = uow.meetings.get(meeting_id or 0)
        group = uow.groups.get(1)
    assert meeting is not None and group is not None
    assert meeting == room.meeting
    assert meeting.observations[-1].text == "Drop-outs cluster after the summer"
    assert (group.name, group.name_of("ali")) == ("Team Nord", "Ali")
