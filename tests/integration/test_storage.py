"""Storage against a real database (SQLite here, PostgreSQL in CI's second run).

The strongest check is a mirror: a whole round is played into the in-memory fake
and into the database with the same commands; every reply and every stored
meeting must come out the same. The rest covers what only a database does:
migrations, version conflicts between sessions, and several threads at once.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from alembic import command
from sqlalchemy import inspect

from flows import service
from flows.commands import (
    AddAction,
    AddExplanation,
    AddObservation,
    AddSign,
    AddTakeaway,
    Advance,
    CastVote,
    ChooseFocus,
    CreateGroup,
    OpenPreparation,
    ProposeTheme,
    ReviewAction,
    SetGoal,
    StartMeeting,
    SubmitPoint,
    WithdrawVote,
)
from flows.errors import ConcurrentChange
from flows.model import ActionStatus, Level, PointKind
from flows.outputs import Refusal
from flows.steps import Step
from storage.database import alembic_config, make_engine, upgrade
from tests.integration.conftest import Database
from tests.transcript import Room, team_nord

pytestmark = pytest.mark.storage

K = PointKind


def test_upgrade_from_empty_then_alembic_check_finds_no_drift(database_url):
    upgrade(database_url)
    upgrade(database_url)  # a second start finds the schema at head and does nothing
    engine = make_engine(database_url)
    try:
        tables = set(inspect(engine).get_table_names())
        assert {"groups", "group_members", "meetings", "actions", "alembic_version"} <= tables
        with engine.connect() as connection:
            command.check(alembic_config(connection))  # raises on any drift
    finally:
        engine.dispose()


TEAM = (("ali", "Ali"), ("bo", "Bo"), ("cai", "Cai"), ("dina", "Dina"))


def _create(**options: object) -> CreateGroup:
    return CreateGroup(
        actor="lea",
        name="Team Nord",
        level=Level.CITIZEN,
        leader=("lea", "Lea"),
        participants=TEAM,
        **options,  # type: ignore[arg-type]
    )


def _ok(db: Database, room: Room, cmd: object) -> None:
    outputs = service.run(cmd, db.uow(), room.clock)  # type: ignore[arg-type]
    assert not any(isinstance(o, Refusal) for o in outputs), outputs


class Mirror:
    """Sends each command to the in-memory room and to the database; both must agree."""

    def __init__(self, room: Room, db: Database) -> None:
        self.room, self.db = room, db

    def __call__(self, actor: str, cmd_type: type, /, **fields: object) -> None:
        cmd = self.room.command(actor, cmd_type, **fields)
        expected = self.room.send(cmd).outputs
        got = service.run(cmd, self.db.uow(), self.room.clock)
        assert got == expected, f"{cmd}: database and fake answered differently"
        assert not any(isinstance(o, Refusal) for o in got), got

    def assert_same_state(self) -> None:
        with self.db.uow() as uow:
            for meeting in self.room.meetings():
                assert uow.meetings.get(meeting.id or 0) == meeting
            assert uow.groups.list() == list(self.room.store.groups.values())


def _play_a_round(say: Mirror, room: Room) -> None:
    today = room.today
    say("lea", OpenPreparation)
    say("ali", SubmitPoint, kind=K.POSITIVE, text="B-17 sleeps better")
    say("ali", SubmitPoint, kind=K.IMPROVEMENT, text="Few home visits")
    say("ali", SubmitPoint, kind=K.IMPROVEMENT, text="Few home visits in week 3")
    say("bo", SubmitPoint, kind=K.QUESTION, text="Why is Q3 missing for <!channel>?")
    room.clock.advance(days=7)
    say("lea", StartMeeting)
    say("lea", Advance, expected_step=Step.SINCE_LAST)
    say("cai", AddObservation, text="Drop-outs cluster after the summer")
    say("ali", ProposeTheme, title="Evening routines")
    say("bo", ProposeTheme, title="Home visits")
    for voter, theme in (("ali", 1), ("bo", 1), ("bo", 2), ("cai", 2), ("dina", 2)):
        say(voter, CastVote, theme_number=theme)
    say("bo", WithdrawVote, theme_number=1)
    say("lea", Advance, expected_step=Step.EXPLORE)
    say("dina", AddExplanation, theme_number=2, text="The evening staff rotates")
    say("cai", AddExplanation, theme_number=1, text="Parents are less involved")
    say("lea", ChooseFocus, theme_number=2)
    say("lea", Advance, expected_step=Step.INTERPRET)
    say("cai", SetGoal, long_term=False, text="A home visit per family")
    say("cai", SetGoal, long_term=True, text="Stable family relations for 7 of 9")
    say("bo", AddSign, text="Family relations at follow-up 1")
    say("bo", AddSign, text="Home visits registered")
    due = today + timedelta(days=20)
    say("ali", AddAction, what="Plan the visits", owner="ali", follow_up="lea", due=due)
    say("bo", AddAction, what="A checklist", owner="bo", follow_up="dina", due=due)
    say("ali", AddTakeaway, text="Look at evenings")
    say("ali", AddTakeaway, text="Look at evenings and visits")
    say("lea", Advance, expected_step=Step.PREPARE_ACTION)
    say("dina", AddTakeaway, text="Data shows what we miss")
    room.latest_meeting()
    room.clock.advance(days=14)
    say("lea", StartMeeting)
    say("ali", ReviewAction, action_ref=1, status=ActionStatus.DONE, note="All booked")
    say("bo", ReviewAction, action_ref=2, status=ActionStatus.CONTINUED)
    say("bo", ReviewAction, action_ref=2, status=ActionStatus.DROPPED, note="Not needed")


def test_a_whole_round_is_stored_exactly_as_the_method_left_it(db):
    room = Room()
    room.clock.current = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    say = Mirror(room, db)
    create = _create(co_leader=("kim", "Kim"), channel="team-nord", timeboxes={Step.EXPLORE: 30})
    assert service.run(create, db.uow(), room.clock) == room.send(create).outputs
    room.group_id = 1
    room.latest_meeting()
    _play_a_round(say, room)
    say.assert_same_state()

    with db.uow() as uow:
        first = uow.meetings.get(1)
        second = uow.meetings.latest(1)
        assert first is not None and second is not None
        assert [a.status for a in first.agreement.actions] == [
            ActionStatus.DONE,
            ActionStatus.DROPPED,
        ]
        assert second.number == 2 and second.step is Step.SINCE_LAST
        assert uow.meetings.previous_closed(1, 2) == first
        assert uow.meetings.ids_in_dialogue() == [second.id]
        assert uow.meetings.latest_id(1) == second.id  # without loading it
        assert uow.meetings.group_id_of(first.id or 0) == 1
        assert uow.meetings.latest_id(99) is None and uow.meetings.group_id_of(99) is None
        assert first.points[-1].text == "Why is Q3 missing for <!channel>?"


def test_a_stale_save_is_refused_and_changes_nothing(db):
    room = team_nord()
    _ok(db, room, _create())
    with db.uow() as first, db.uow() as second:
        mine = first.meetings.get(1)
        theirs = second.meetings.get(1)
        assert mine is not None and theirs is not None
        theirs.agreement.short_term_goal = "theirs"
        second.meetings.save(theirs)
        second.commit()
        mine.agreement.short_term_goal = "mine"
        with pytest.raises(ConcurrentChange):
            first.meetings.save(mine)
    with db.uow() as uow:
        stored = uow.meetings.get(1)
        assert stored is not None
        assert (stored.version, stored.agreement.short_term_goal) == (1, "theirs")


def _in_threads(db: Database, room: Room, commands: list) -> list:  # type: ignore[type-arg]
    """Run each command in its own thread, all released at once; return their outputs."""
    barrier = threading.Barrier(len(commands))
    results: list = [None] * len(commands)  # type: ignore[type-arg]

    def work(i: int) -> None:
        barrier.wait()
        results[i] = service.run(commands[i], db.uow(), room.clock)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(commands))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def _start_explore(db: Database, room: Room, **options: object) -> None:
    _ok(db, room, _create(**options))
    _ok(db, room, StartMeeting("lea", 1))
    _ok(db, room, Advance("lea", 1, expected_step=Step.SINCE_LAST))


def test_two_leaders_pressing_next_at_once_move_the_meeting_one_step(db):
    room = team_nord()
    _start_explore(db, room, co_leader=("kim", "Kim"))
    _ok(db, room, ProposeTheme("ali", 1, "Evening routines"))
    presses = [Advance(who, 1, expected_step=Step.EXPLORE) for who in ("lea", "kim")]
    results = _in_threads(db, room, presses)
    refused = [r for r in results if any(isinstance(o, Refusal) for o in r)]
    assert len(refused) == 1
    assert refused[0][0].text.key.startswith("error.already_moved_on")
    with db.uow() as uow:
        meeting = uow.meetings.get(1)
        assert meeting is not None
        assert meeting.step is Step.INTERPRET


def test_eight_people_adding_observations_at_once_lose_none(db):
    room = team_nord()
    _start_explore(db, room)
    people = ["ali", "bo", "cai", "dina", "lea", "ali", "bo", "cai"]
    commands = [AddObservation(p, 1, f"Observation {i} from {p}") for i, p in enumerate(people)]
    results = _in_threads(db, room, commands)
    assert not [r for r in results if any(isinstance(o, Refusal) for o in r)]
    with db.uow() as uow:
        meeting = uow.meetings.get(1)
        assert meeting is not None
        texts = sorted(o.text for o in meeting.observations)
        assert texts == sorted(c.text for c in commands)
        assert sorted(o.number for o in meeting.observations) == list(range(1, 9))
