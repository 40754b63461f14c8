"""Two imports for one group at once: applied one after the other, never mixed.

Each runs `bot.data_import.import_file` in its own thread on its own connection. An
engine event holds each thread at its first write until both have read the group's
data set, so the race is the worst one every time: both read the same data set, then
both try to replace it. The loser must be re-run on the winner's data set, so the end
state is one file's rows, and the loser says it replaced the winner's rows.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import event

from bot.data_import import ImportOutcome, import_file
from bot.demo_data import demo_measurements_csv
from flows import service
from flows.commands import CreateGroup
from flows.model import Level
from tests.fakes import FixedClock
from tests.integration.conftest import Database

pytestmark = pytest.mark.storage


def _file(prefix: str, count: int) -> bytes:
    lines = ["borger;parameter;målepunkt;værdi;år"]
    lines += [f"{prefix}-{n:03d};Psykisk trivsel;start;{n % 9 + 1};2026" for n in range(count)]
    return ("\n".join(lines) + "\n").encode()


def _group(db: Database, clock: FixedClock) -> int:
    cmd = CreateGroup(actor="lea", name="Team Nord", level=Level.OFFER, leader=("lea", "Lea"),
                      participants=(("ali", "Ali"),))  # fmt: skip
    service.run(cmd, db.uow(), clock)
    return 1


@pytest.fixture
def both_read_before_either_writes(db: Database) -> Iterator[None]:
    """The importing threads wait for each other at their first write (once each)."""
    barrier = threading.Barrier(2, timeout=20)
    waited: set[int] = set()

    def hold(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        me = threading.get_ident()
        if not threading.current_thread().name.startswith("import-") or me in waited:
            return
        if statement.lstrip().upper().startswith("SELECT"):
            return
        waited.add(me)
        barrier.wait()

    event.listen(db.engine, "before_cursor_execute", hold)
    yield
    event.remove(db.engine, "before_cursor_execute", hold)


@pytest.mark.parametrize("first_import", [True, False], ids=["first-import", "replacing"])
@pytest.mark.usefixtures("both_read_before_either_writes")
def test_two_imports_for_one_group_at_once_land_one_after_the_other(db, first_import) -> None:
    clock = FixedClock()
    group_id = _group(db, clock)
    before = 0
    if not first_import:
        done = import_file(db.uow, clock, group_id=group_id, data=demo_measurements_csv(2026),
                           filename="demo.csv", actor="lea", lang="en")  # fmt: skip
        before = done.stored
    files = {"a": _file("A", 30), "b": _file("B", 45)}
    sizes = {"a": 30, "b": 45}
    outcomes: dict[str, ImportOutcome] = {}
    failures: list[BaseException] = []

    def run(name: str) -> None:
        common = {"group_id": group_id, "actor": "lea", "lang": "en"}
        try:
            outcomes[name] = import_file(
                db.uow, clock, data=files[name], filename=f"{name}.csv", **common
            )
        except BaseException as error:  # reported below, with the other thread's outcome
            failures.append(error)

    threads = [threading.Thread(target=run, args=(n,), name=f"import-{n}") for n in files]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not failures, failures
    assert {n: o.stored for n, o in outcomes.items()} == sizes

    with db.uow() as uow:
        data_set = uow.measurements.data_set(group_id)
        rows = uow.measurements.for_group(group_id)
    assert data_set is not None
    last = data_set.filename.removesuffix(".csv")
    first = "a" if last == "b" else "b"
    prefix = last.upper() + "-"
    assert len(rows) == data_set.row_count == sizes[last]  # one file's rows, not both
    assert all(m.citizen.startswith(prefix) for m in rows)
    # One after the other: the first replaced what was there, the last replaced the first.
    assert outcomes[first].replaced == (0 if first_import else before)
    assert outcomes[last].replaced == sizes[first]
