"""The versions of a group's data set, on SQLite and PostgreSQL: each import keeps the one
it replaced, a restore makes an earlier one current again exactly (as a new version), only
the newest few are kept, and a database from before versions keeps its data set."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select, table, text

from bot.data_import import import_file
from bot.demo_data import demo_measurements_csv
from charts import read_measurements
from flows import service
from flows.commands import CreateGroup
from flows.datasets import Contents
from flows.model import Level
from storage.database import make_engine, session_factory, upgrade
from storage.unit_of_work import SqlUnitOfWork
from tests.fakes import FixedClock
from tests.integration.conftest import Database

pytestmark = pytest.mark.storage

DEMO = demo_measurements_csv(2026)
DATED = (
    "borger;parameter;målepunkt;værdi;år\n"
    "B-1;Psykisk trivsel;2025-03-01;4;2025\n"
    "B-2;Søvn;2026-02-01;5;2026\n"
    "B-2;Søvn;2026-01-01;6;2026\n"
).encode()


def _group(db: Database, clock: FixedClock) -> int:
    cmd = CreateGroup(actor="lea", name="Team Nord", level=Level.OFFER, leader=("lea", "Lea"),
                      participants=(("ali", "Ali"),))  # fmt: skip
    service.run(cmd, db.uow(), clock)
    return 1


def _import(db: Database, clock: FixedClock, data: bytes, name: str, by: str = "lea") -> None:
    outcome = import_file(db.uow, clock, group_id=1, data=data, filename=name, actor=by,
                          lang="en")  # fmt: skip
    assert outcome.ok, outcome


def _rows(db: Database) -> int:
    with db.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table("measurements"))).one()[0])


def test_each_import_keeps_the_version_it_replaced(db):
    clock = FixedClock()
    _group(db, clock)
    _import(db, clock, DEMO, "demo.csv")
    clock.advance(hours=1)
    _import(db, clock, DATED, "dated.csv", by="operator")
    with db.uow() as uow:
        newest, oldest = uow.measurements.versions(1)
        current = uow.measurements.for_group(1)
    assert current == list(read_measurements(DATED, "dated.csv").measurements)
    assert (newest.number, newest.filename, newest.imported_by) == (2, "dated.csv", "operator")
    assert newest.contents == Contents(3, 2, ("Psykisk trivsel", "Søvn"), 2025, 2026,
                                       date(2025, 3, 1), date(2026, 2, 1))  # fmt: skip
    assert newest.imported_at == clock.now() and newest.restored_from is None
    assert (oldest.number, oldest.filename, oldest.imported_by) == (1, "demo.csv", "lea")
    assert oldest.contents == Contents(912, 40, ("Familierelationer", "Fritid og venskaber",
                                                 "Psykisk trivsel", "Sociale kompetencer"),
                                       2025, 2026)  # fmt: skip


def test_the_import_says_what_it_replaced(db):
    clock = FixedClock()
    _group(db, clock)
    first = import_file(db.uow, clock, group_id=1, data=DEMO, filename="demo.csv",
                        actor="lea", lang="en")  # fmt: skip
    assert first.change is None  # nothing was replaced
    again = import_file(db.uow, clock, group_id=1, data=DATED, filename="dated.csv",
                        actor="lea", lang="en")  # fmt: skip
    change = again.change
    assert change is not None
    assert (change.before.number, change.after.number) == (1, 2)
    assert (change.before.contents.rows, change.after.contents.rows) == (912, 3)
    assert change.added == ("Søvn",)
    assert change.removed == ("Familierelationer", "Fritid og venskaber", "Sociale kompetencer")


def test_a_restore_makes_an_earlier_version_current_exactly_as_a_new_version(db):
    clock = FixedClock()
    _group(db, clock)
    _import(db, clock, DEMO, "demo.csv")
    with db.uow() as uow:
        demo = uow.measurements.for_group(1)
    _import(db, clock, DATED, "dated.csv")
    clock.advance(days=1)
    with db.uow() as uow:
        assert uow.measurements.restore(1, 7, at=clock.now(), by="operator") is None
        number = uow.measurements.restore(1, 1, at=clock.now(), by="operator")
        uow.commit()
    assert number == 3
    with db.uow() as uow:
        restored = uow.measurements.for_group(1)
        versions = uow.measurements.versions(1)
        data_set = uow.measurements.data_set(1)
    assert restored == demo
    assert [m.row for m in restored] == [m.row for m in demo]  # the source rows too
    assert [v.number for v in versions] == [3, 2, 1]  # history only grows
    newest = versions[0]
    assert (newest.filename, newest.imported_by) == ("demo.csv", "operator")
    assert newest.restored_from == 1
    assert newest.contents == versions[2].contents and newest.imported_at == clock.now()
    assert data_set is not None and (data_set.filename, data_set.row_count) == ("demo.csv", 912)
    # The next import replaces the restored rows, and says so.
    again = import_file(db.uow, clock, group_id=1, data=DATED, filename="dated.csv",
                        actor="lea", lang="en")  # fmt: skip
    assert again.replaced == 912 and again.change is not None
    assert again.change.before.number == 3


def test_only_the_newest_versions_are_kept(db):
    clock = FixedClock()
    _group(db, clock)

    def keeping_two() -> SqlUnitOfWork:
        return SqlUnitOfWork(session_factory(db.engine), keep_versions=2)

    for name, data in (("a.csv", DEMO), ("b.csv", DATED), ("c.csv", DEMO)):
        outcome = import_file(keeping_two, clock, group_id=1, data=data, filename=name,
                              actor="lea", lang="en")  # fmt: skip
        assert outcome.ok
    with db.uow() as uow:
        assert [v.filename for v in uow.measurements.versions(1)] == ["c.csv", "b.csv"]
        assert uow.measurements.restore(1, 1, at=clock.now(), by="operator") is None
        assert len(uow.measurements.for_group(1)) == 912
    assert _rows(db) == 912 + 3  # version 1's rows went with it


def test_a_data_set_from_before_versions_becomes_version_1(database_url):
    """A database at the previous schema, whose group's data set was replaced four times."""
    upgrade(database_url, "0009_measurement_set_version")
    engine = make_engine(database_url)
    try:
        db = Database(database_url, engine)
        clock = FixedClock()
        at = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)
        with engine.begin() as conn:
            # The group as that schema stored it (today's mapping writes newer columns).
            conn.execute(
                text("INSERT INTO groups (id, name, level, cadence_days, channel, timezone,"
                     " vote_budget, timebox_since_last, timebox_explore, timebox_interpret,"
                     " timebox_prepare_action, workspace) VALUES (1, 'Team Nord', 'offer', 14,"
                     " '', 'Europe/Copenhagen', 3, 15, 20, 20, 20, '')")
            )  # fmt: skip
            conn.execute(
                text("INSERT INTO group_members (group_id, user_id, name, role, position)"
                     " VALUES (1, 'lea', 'Lea', 'leader', 0), (1, 'ali', 'Ali', 'participant', 1)")
            )  # fmt: skip
            conn.execute(
                text("INSERT INTO measurement_sets (group_id, filename, imported_at, imported_by,"
                     " row_count, version) VALUES (1, 'old.csv', :at, 'lea', 3, 5)"),
                {"at": at.replace(tzinfo=None) if engine.dialect.name == "sqlite" else at},
            )  # fmt: skip
            for n, (citizen, parameter, year) in enumerate(
                (("B-1", "Trivsel", 2024), ("B-2", "Trivsel", 2025), ("B-2", "Søvn", 2025))
            ):
                conn.execute(
                    text("INSERT INTO measurements (group_id, citizen, parameter, point_name,"
                         " point_number, value, year, source_row) VALUES"
                         " (1, :citizen, :parameter, 'start', 0, 4, :year, :row)"),
                    {"citizen": citizen, "parameter": parameter, "year": year, "row": n + 2},
                )  # fmt: skip
        upgrade(database_url)
        with db.uow() as uow:
            (version,) = uow.measurements.versions(1)
            rows = uow.measurements.for_group(1)
        assert (version.number, version.filename, version.imported_by) == (1, "old.csv", "lea")
        assert version.imported_at == at
        assert version.contents == Contents(3, 2, ("Søvn", "Trivsel"), 2024, 2025)
        assert [(m.citizen, m.parameter, m.row) for m in rows] == [
            ("B-1", "Trivsel", 2), ("B-2", "Trivsel", 3), ("B-2", "Søvn", 4)
        ]  # fmt: skip
        again = import_file(db.uow, clock, group_id=1, data=DATED, filename="dated.csv",
                            actor="lea", lang="en")  # fmt: skip
        assert again.replaced == 3 and again.change is not None
        assert (again.change.before.number, again.change.after.number) == (1, 2)
    finally:
        engine.dispose()
