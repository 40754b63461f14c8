"""The audit log on SQLite and PostgreSQL (migration 0017): rows written in the same
transaction as the command (a refused one leaves none, a read commits its row alone),
listed by group, actor and time, purged by age; the same round gives the same rows as
the in-memory fake."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.charting import ChartMaker
from bot.data_import import import_file
from bot.demo_data import demo_measurements_csv
from flows import audit, service
from flows.audit import AuditAction, AuditEntry
from flows.commands import CreateGroup, ShowAgreements
from flows.group_commands import AddMember, RenameGroup
from flows.model import Level
from flows.outputs import ChartKind, RequestChart, ToChannel, ToUser
from storage.audit import AuditRow
from tests.fakes import FixedClock, InMemoryUnitOfWork, Store
from tests.integration.conftest import Database

pytestmark = pytest.mark.storage

A = AuditAction
ROUND = [
    RenameGroup("ali", 1, "Mine"),  # refused: a participant
    ShowAgreements("ali", 1),
    AddMember("lea", 1, "eva", "Eva"),
    RenameGroup("lea", 1, "Team Nordvest"),
]


def _play(uow: Callable[[], Any], clock: FixedClock) -> list[tuple[Any, ...]]:
    group = CreateGroup(actor="lea", name="Team Nord", level=Level.OFFER, leader=("lea", "Lea"),
                        participants=(("ali", "Ali"),), workspace="slack:T0NORD")  # fmt: skip
    service.run(group, uow(), clock)
    data = demo_measurements_csv(2026)
    for name in ("demo.csv", "again.csv"):
        clock.advance(minutes=1)
        done = import_file(uow, clock, group_id=1, data=data, filename=name, actor="lea",
                           lang="en")  # fmt: skip
        assert done.ok
    for cmd in ROUND:
        clock.advance(minutes=1)
        service.run(cmd, uow(), clock)
    with uow() as u:
        return [
            (e.at, e.actor, e.platform, e.group_id, e.action, e.reference) for e in u.audit.list()
        ]


def test_a_round_writes_the_same_rows_as_the_fake(db: Database) -> None:
    store = Store()
    fake = _play(lambda: InMemoryUnitOfWork(store), FixedClock())
    stored = _play(db.uow, FixedClock())
    assert stored == fake
    assert [(actor, platform, action, ref) for _, actor, platform, _, action, ref in stored] == [
        ("lea", "slack", A.GROUP_CREATED, ""),
        ("lea", "slack", A.DATA_IMPORTED, "version:1"),
        ("lea", "slack", A.DATA_REPLACED, "version:2"),
        ("ali", "slack", A.PAPER_READ, "meeting:1"),
        ("lea", "slack", A.MEMBER_ADDED, "user:eva"),
        ("lea", "slack", A.GROUP_RENAMED, ""),
    ]
    assert all(at.tzinfo is not None for at, *_ in stored)


def test_rows_are_listed_by_group_actor_and_time_and_purged_by_age(db: Database) -> None:
    start = datetime(2026, 6, 1, 12, tzinfo=UTC)
    with db.uow() as uow:
        for day, actor, group in ((0, "lea", 1), (1, "ali", 1), (2, "lea", 2), (3, "ops", None)):
            at = start + timedelta(days=day)
            uow.audit.add(AuditEntry(at, actor, "console", group, A.PAPER_READ, f"meeting:{day}"))
        uow.commit()
    with db.uow() as uow:
        assert [e.reference for e in uow.audit.list(group_id=1)] == ["meeting:0", "meeting:1"]
        assert [e.reference for e in uow.audit.list(actor="lea")] == ["meeting:0", "meeting:2"]
        since = start + timedelta(days=2)
        assert [e.group_id for e in uow.audit.list(since=since)] == [2, None]
        assert [e.id for e in uow.audit.list()] == sorted(e.id for e in uow.audit.list())
    assert audit.purge(db.uow, start + timedelta(days=185), 183) == 2
    with db.uow() as uow:
        assert [e.reference for e in uow.audit.list()] == ["meeting:2", "meeting:3"]
    with db.engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(AuditRow)) == 2


def test_charts_of_the_data_are_logged_per_recipient(db: Database) -> None:
    clock = FixedClock()
    _play(db.uow, clock)
    maker = ChartMaker(db.uow, lang="en", clock=clock)
    assert maker.draw(RequestChart(ToUser("ali"), 1, ChartKind.DATA))
    assert maker.draw(RequestChart(ToChannel(1), 1, ChartKind.DATA))
    assert maker.draw(RequestChart(ToChannel(1), 1, ChartKind.PREPARATION))  # no data: no row
    with db.uow() as uow:
        sent = [e for e in uow.audit.list() if e.action is A.CHARTS_SENT]
    assert [(e.actor, e.platform, e.group_id, e.at) for e in sent] == [
        ("ali", "slack", 1, clock.now()),
        ("channel", "slack", 1, clock.now()),
    ]
    assert sent[0].reference.startswith("meeting:1 kind:data charts:")
