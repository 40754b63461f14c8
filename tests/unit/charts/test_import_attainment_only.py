"""A row that records only goal attainment may leave its value empty: it counts in the
goal-attainment chart and in nothing that averages values; any other row still needs one."""

from __future__ import annotations

from charts import goal_attainment, progression, read_measurements
from flows.measurements import END, START
from tests.unit.charts.helpers import csv_bytes
from tests.unit.charts.test_importing import HEADER_DA, keyed, row


def test_a_goal_attainment_row_may_have_no_value() -> None:
    rows = [HEADER_DA]
    for i in range(5):
        rows += [row(f"B-{i}", value="4"), row(f"B-{i}", point="slut", value="", attainment="nået")]
    result = read_measurements(csv_bytes(rows), "maal.csv")
    assert result.ok, keyed(result)
    assert len(result.measurements) == 10  # nothing dropped
    ends = [m for m in result.measurements if m.point == END]
    assert {m.value for m in ends} == {None}

    (bar,) = goal_attainment(result.measurements).bars
    assert bar.n == 5 and not bar.suppressed
    course = progression(result.measurements)
    assert course.points == (START,)  # the end rows carry no value to average


def test_a_row_without_a_value_or_attainment_is_refused_at_its_cell() -> None:
    rows = [HEADER_DA, row("B-1", value=""), row("B-2", point="slut", value="", attainment="")]
    result = read_measurements(csv_bytes(rows), "maal.csv")
    assert keyed(result) == [(2, "værdi", "import.error.empty"), (3, "værdi", "import.error.empty")]
    assert result.measurements == ()
