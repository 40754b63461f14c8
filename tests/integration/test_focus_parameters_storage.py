"""The focus parameters (issue 13) on SQLite and PostgreSQL (migration 0015): the choice
is kept with the group's data set, read back as chosen, kept by a new import and by a
restore, and the data charts drawn from the database show only those parameters. The
same round played into the in-memory fake gives the same replies."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select

from bot.charting import ChartMaker
from bot.data_import import import_file
from bot.demo_data import demo_measurements_csv
from flows import service
from flows.commands import OPERATOR_ACTOR, CreateGroup
from flows.model import Level
from flows.outputs import ChartKind, RequestChart, ToUser
from flows.parameters import ChooseParameters, ShowParameters
from flows.text.plain import plain
from storage.measurement_tables import MeasurementSetRow
from tests.fakes import FixedClock, InMemoryUnitOfWork, Store
from tests.integration.conftest import Database

pytestmark = pytest.mark.storage

DEMO = demo_measurements_csv(2026)
WELLBEING, FAMILY = "Psykisk trivsel", "Familierelationer"
ROUND = [
    ChooseParameters("lea", 1, ("Trivsel",)),  # refused: did you mean
    ChooseParameters("ali", 1, (WELLBEING,)),  # refused: a participant
    ChooseParameters("lea", 1, ("psykisk trivsel", FAMILY)),
    ShowParameters("ali", 1),
    ChooseParameters(OPERATOR_ACTOR, 1, ()),
    ShowParameters("ali", 1),
    ChooseParameters("lea", 1, (FAMILY,)),
]


def _play(uow: Callable[[], Any], clock: FixedClock) -> list[list[str]]:
    group = CreateGroup(actor="lea", name="Team Nord", level=Level.OFFER, leader=("lea", "Lea"),
                        participants=(("ali", "Ali"),))  # fmt: skip
    service.run(group, uow(), clock)
    outcome = import_file(uow, clock, group_id=1, data=DEMO, filename="demo.csv", actor="lea",
                          lang="en")  # fmt: skip
    assert outcome.ok
    return [[plain(o, "en") for o in service.run(cmd, uow(), clock)] for cmd in ROUND]


def test_the_round_gives_the_same_replies_as_the_fake_and_keeps_the_choice(db: Database) -> None:
    store = Store()
    fake = _play(lambda: InMemoryUnitOfWork(store), FixedClock())
    stored = _play(db.uow, FixedClock())
    assert stored == fake
    assert "Did you mean “Psykisk trivsel”?" in stored[0][0]
    assert stored[2] == [
        "From now on the charts of Team Nord show only: Familierelationer; Psykisk trivsel."
    ]
    with db.uow() as uow:
        assert uow.measurements.focus(1) == (FAMILY,)
    with db.engine.connect() as conn:
        row = conn.execute(select(MeasurementSetRow.focus)).one()
    assert row.focus == [FAMILY]  # a JSON list on the group's data-set row


def test_the_choice_outlives_an_import_and_a_restore(db: Database) -> None:
    clock = FixedClock()
    _play(db.uow, clock)
    again = import_file(db.uow, clock, group_id=1, data=DEMO, filename="again.csv",
                        actor="lea", lang="en")  # fmt: skip
    assert again.ok
    with db.uow() as uow:
        assert uow.measurements.focus(1) == (FAMILY,)
        assert uow.measurements.restore(1, 1, at=clock.now(), by=OPERATOR_ACTOR) == 3
        uow.commit()
    with db.uow() as uow:
        assert uow.measurements.focus(1) == (FAMILY,)
        assert len(uow.measurements.versions(1)) == 3


def test_a_group_without_data_has_nothing_chosen(db: Database) -> None:
    with db.uow() as uow:
        assert uow.measurements.focus(1) == ()
        uow.measurements.choose(1, (WELLBEING,))  # no data-set row: nothing to keep it on
        uow.commit()
    with db.uow() as uow:
        assert uow.measurements.focus(1) == ()


def test_the_data_charts_from_the_database_show_only_the_chosen(db: Database) -> None:
    clock = FixedClock()
    _play(db.uow, clock)  # leaves Familierelationer chosen
    ask = RequestChart(ToUser("ali"), 1, ChartKind.DATA)
    shown = ChartMaker(db.uow, lang="en").draw(ask)
    # Figures 5, 8 and 9 of the one parameter, 6 and 7 once each (14 charts for all four).
    kinds = ["target_group", "goal_attainment", "progression", "what_works", "what_works"]
    assert [c.kind for c in shown] == kinds
    others = ("Fritid og venskaber", WELLBEING, "Sociale kompetencer")
    for chart in shown:
        assert FAMILY in chart.alt_text + chart.caption
        assert not [p for p in others if p in chart.alt_text + chart.caption]
    service.run(ChooseParameters("lea", 1, ()), db.uow(), clock)
    assert len(ChartMaker(db.uow, lang="en").draw(ask)) == 14
