"""Loading a meeting asks first which of its twelve kinds of children have rows, and reads
only those (`storage.child_rows`): the statements sent, counted at the driver, on SQLite
and PostgreSQL; and what is loaded is the meeting as stored."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event

from flows import service
from flows.commands import CreateGroup, OpenPreparation, SubmitPoint
from flows.model import Level, PointKind
from flows.outputs import Refusal
from tests.integration.conftest import Database
from tests.transcript import Room

pytestmark = pytest.mark.storage


@contextmanager
def statements(db: Database) -> Iterator[list[str]]:
    sent: list[str] = []

    def note(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        sent.append(statement)

    event.listen(db.engine, "before_cursor_execute", note)
    try:
        yield sent
    finally:
        event.remove(db.engine, "before_cursor_execute", note)


def _ok(db: Database, room: Room, cmd: object) -> None:
    outputs = service.run(cmd, db.uow(), room.clock)  # type: ignore[arg-type]
    assert not any(isinstance(o, Refusal) for o in outputs), outputs


def _selects(sent: list[str]) -> list[str]:
    return [s for s in sent if s.lstrip().upper().startswith("SELECT")]


def test_a_meeting_without_children_is_loaded_with_two_statements(db: Database) -> None:
    room = Room()
    team = (("ali", "Ali"), ("bo", "Bo"), ("cai", "Cai"), ("dina", "Dina"))
    create = CreateGroup(
        actor="lea", name="Team Nord", level=Level.CITIZEN, leader=("lea", "Lea"),
        participants=team,
    )  # fmt: skip
    _ok(db, room, create)
    with statements(db) as sent, db.uow() as uow:
        meeting = uow.meetings.get(1)
    assert meeting is not None and meeting.points == [] and meeting.observations == []
    assert len(_selects(sent)) == 2, sent  # the meeting; which kinds have rows (none)

    _ok(db, room, OpenPreparation(actor="lea", meeting_id=1))
    point = SubmitPoint(actor="ali", meeting_id=1, kind=PointKind.POSITIVE, text="Calmer")
    _ok(db, room, point)
    with statements(db) as sent, db.uow() as uow:
        meeting = uow.meetings.get(1)
    assert meeting is not None and [p.text for p in meeting.points] == ["Calmer"]
    assert meeting.observations == [] and meeting.agreement.actions == []
    assert len(_selects(sent)) == 3, sent  # and the one kind that has rows

    point = SubmitPoint(actor="bo", meeting_id=1, kind=PointKind.QUESTION, text="Why Q3?")
    _ok(db, room, point)  # saved from a load that skipped the empty kinds
    with db.uow() as uow:
        meeting = uow.meetings.get(1)
    assert meeting is not None and [p.text for p in meeting.points] == ["Calmer", "Why Q3?"]
