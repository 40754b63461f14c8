"""Importing a group's measurements is a flow command (`ImportMeasurements`): only the
group's leader may (or the operator, on the command line), from every entry point.

Here: the flows themselves, and the console's `/import PATH [valid]`, which reads and
checks the file like `datadialog data import` and then sends the command.
"""

from __future__ import annotations

import asyncio
import io
from pathlib import Path

import pytest
from rich.console import Console

from bot.console.render import ConsoleTransport
from bot.console.session import ConsoleSession
from bot.data_import import import_file
from bot.dispatch import Dispatcher
from flows.commands import OPERATOR_ACTOR, ImportMeasurements
from flows.measurements import Measurement, MeasurementPoint
from tests.fakes import InMemoryUnitOfWork
from tests.transcript import Room, say, team_nord

START = MeasurementPoint.named("start")
END = MeasurementPoint.named("end")
TWO = (
    Measurement("B-01", "Psykisk trivsel", START, 3.5, 2025),
    Measurement("B-02", "Psykisk trivsel", START, 4.0, 2025),
)
THREE = (*TWO, Measurement("B-01", "Psykisk trivsel", END, 6.5, 2025))

GOOD = (
    "\ufeffborger;undergruppe;parameter;målepunkt;værdi;skala;måltype;målopfyldelse;år\r\n"
    "B-01;pige;Psykisk trivsel;start;3,5;1-10;progression;;2025\r\n"
    "B-01;pige;Psykisk trivsel;slut;6,5;1-10;progression;nået;2025\r\n"
    "B-02;dreng;Psykisk trivsel;start;4,25;1-10;stabilisering;;2025\r\n"
).encode()
BAD = (
    "borger;parameter;målepunkt;værdi;år\n"
    "B-1;Trivsel;start;fire;2025\n"
    "B-2;Trivsel;engang;4;2025\n"
    "B-3;Trivsel;start;4;2025\n"
).encode()

NOT_LEADER = "Only a group's meeting leader can import its data (Lea leads Team Nord)."


def stored(room: Room) -> tuple[Measurement, ...]:
    data_set = room.store.measurements.get(room.group_id)
    return data_set.measurements if data_set else ()


# The flows --------------------------------------------------------------------------------


def test_a_participants_import_is_refused_and_a_leaders_is_stored(room):
    before = room.snapshot()
    room.play(
        say("ali", ImportMeasurements, group_id=room.group_id, measurements=TWO),
        f"@ali (refused): {NOT_LEADER}",
    )
    assert room.snapshot() == before
    assert stored(room) == ()

    room.play(
        say("lea", ImportMeasurements, group_id=room.group_id, measurements=TWO, filename="a.csv"),
        "@lea (only you): 2 measurements for 2 citizens imported.",
    )
    assert stored(room) == TWO
    data_set = room.store.measurements[room.group_id]
    assert (data_set.filename, data_set.imported_by) == ("a.csv", "lea")


def test_a_second_import_replaces_the_first_and_says_so(room):
    room.must("lea", ImportMeasurements, group_id=room.group_id, measurements=TWO)
    room.play(
        say("lea", ImportMeasurements, group_id=room.group_id, measurements=THREE),
        "@lea (only you): 3 measurements for 2 citizens imported.",
        "@lea (only you): The group's previous 2 measurements were replaced.",
    )
    assert stored(room) == THREE


def test_a_co_leader_and_the_operator_may_import():
    room = team_nord(co_leader=("kim", "Kim"))
    room.must("kim", ImportMeasurements, group_id=room.group_id, measurements=TWO)
    room.must(OPERATOR_ACTOR, ImportMeasurements, group_id=room.group_id, measurements=THREE)
    assert stored(room) == THREE
    assert room.store.measurements[room.group_id].imported_by == OPERATOR_ACTOR


@pytest.mark.parametrize("actor", ["zed", "ali", "lea", OPERATOR_ACTOR])
def test_an_empty_import_never_wipes_the_data_set(room, actor):
    room.must("lea", ImportMeasurements, group_id=room.group_id, measurements=TWO)
    reply = room.run(actor, ImportMeasurements, group_id=room.group_id, measurements=())
    assert reply.refused
    assert stored(room) == TWO


def test_the_file_import_goes_through_the_flows(room):
    """`bot.data_import.import_file` (the command line and Slack) keeps the rule too."""

    def uow() -> InMemoryUnitOfWork:
        return InMemoryUnitOfWork(room.store)

    common = {"group_id": room.group_id, "data": GOOD, "filename": "m.csv", "lang": "en"}
    refused = import_file(uow, room.clock, actor="ali", **common)
    assert (refused.refused, refused.stored, stored(room)) == (True, 0, ())
    first = import_file(uow, room.clock, actor="lea", **common)
    assert (first.refused, first.stored, first.replaced, first.ok) == (False, 3, 0, True)
    again = import_file(uow, room.clock, actor=OPERATOR_ACTOR, **common)
    assert (again.stored, again.replaced) == (3, 3)


# The console ------------------------------------------------------------------------------


def console(room: Room) -> tuple[ConsoleSession, ConsoleTransport]:
    transport = ConsoleTransport(Console(file=io.StringIO(), width=200), lang="en")
    dispatcher = Dispatcher(lambda: InMemoryUnitOfWork(room.store), room.clock, transport.deliver)
    return ConsoleSession(dispatcher, transport), transport


def typed(session: ConsoleSession, transport: ConsoleTransport, *lines: str) -> str:
    """What the console shows for these lines, one after the other."""
    seen = len(transport.transcript)

    async def play() -> None:
        for line in lines:
            await session.handle(line)

    asyncio.run(play())
    return "\n".join(transport.transcript[seen:])


@pytest.fixture
def files(tmp_path: Path) -> Path:
    (tmp_path / "maalinger.csv").write_bytes(GOOD)
    (tmp_path / "rettet.csv").write_bytes(BAD)
    return tmp_path


def test_a_participants_import_in_the_console_is_refused(room, files):
    session, transport = console(room)
    asyncio.run(session.begin("Team Nord", "Ali"))
    shown = typed(session, transport, f"/import {files / 'maalinger.csv'}")
    assert NOT_LEADER in shown
    assert "imported" not in shown
    assert stored(room) == ()


def test_the_leader_imports_in_the_console(room, files):
    session, transport = console(room)
    asyncio.run(session.begin("Team Nord", "Lea"))
    shown = typed(session, transport, f"/import {files / 'maalinger.csv'}")
    assert "3 measurements for 2 citizens imported." in shown
    assert len(stored(room)) == 3

    shown = typed(session, transport, f"/import {files / 'rettet.csv'}")
    assert "The file has 2 errors, so nothing was imported." in shown
    assert "Row 2, column" in shown and "Row 3, column" in shown
    assert len(stored(room)) == 3

    shown = typed(session, transport, f"/import {files / 'rettet.csv'} valid")
    assert "1 measurements for 1 citizens imported." in shown
    assert "The group's previous 3 measurements were replaced." in shown
    assert "1 valid measurements imported; 2 errors were skipped" in shown
    assert len(stored(room)) == 1


def test_the_console_explains_import_and_a_missing_file(room, files):
    session, transport = console(room)
    asyncio.run(session.begin("Team Nord", "Lea"))
    assert "/import PATH [valid]" in typed(session, transport, "/help")
    assert "console.usage" not in typed(session, transport, "/import")
    assert f"There is no file {files / 'nope.csv'}." in typed(
        session, transport, f"/import {files / 'nope.csv'}"
    )
    assert stored(room) == ()
