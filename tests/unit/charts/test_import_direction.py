"""A `retning` (direction) column: whether higher or lower values are better for a
parameter, carried on each measurement and preferred over the built-in list (ASI,
YLS/CMI) when captions judge a change."""

from __future__ import annotations

from dataclasses import replace

import pytest

from charts import read_measurements
from charts.direction import better_when, better_when_for
from tests.unit.charts.helpers import m
from tests.unit.charts.test_import_messy import csv_file, keyed
from tests.unit.charts.test_importing import HEADER_DA, row


def with_direction(*rows_: tuple[str, str, str]) -> bytes:
    """Rows of (citizen, parameter, direction)."""
    table = [[*HEADER_DA, "retning"]]
    for citizen, parameter, direction in rows_:
        cells = row(citizen)
        cells[3] = parameter
        table.append([*cells, direction])
    return csv_file(table)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("højere er bedre", "higher"),
        ("Lavere er bedre", "lower"),
        ("op", "higher"),
        ("ned", "lower"),
        ("higher", "higher"),
        ("lower is better", "lower"),
        ("", None),
    ],
)
def test_the_direction_column_is_carried_on_each_measurement(word: str, expected: str) -> None:
    result = read_measurements(with_direction(("B-01", "ASI", word)), "m.csv")
    assert result.ok
    assert result.measurements[0].direction == expected
    assert result.unused_columns == ()


def test_an_unknown_direction_is_an_error_naming_the_cell() -> None:
    result = read_measurements(with_direction(("B-01", "ASI", "sidelæns")), "m.csv")
    assert keyed(result) == [(2, "retning", "import.error.unknown_direction")]


def test_two_directions_for_one_parameter_are_an_error_at_the_later_row() -> None:
    data = with_direction(
        ("B-01", "ASI", "lavere er bedre"),
        ("B-02", "ASI", ""),
        ("B-03", "ASI", "højere er bedre"),
        ("B-04", "Trivsel", "højere er bedre"),
    )
    result = read_measurements(data, "m.csv")
    assert keyed(result) == [(4, "retning", "import.error.direction_conflict")]
    assert result.errors[0].message.params == {"parameter": "ASI", "other": 2}


def test_the_imported_direction_wins_over_the_built_in_list() -> None:
    imported = [
        m("B-01", 3, parameter="ASI"),
        replace(m("B-02", 4, parameter="ASI"), direction="higher"),
    ]
    better = better_when_for(imported)
    assert better("ASI") == "higher"  # the file says so, whatever the handbook's list
    assert better("YLS/CMI") == "lower"  # not in the file: the built-in list
    assert better("Psykisk trivsel") is None
    assert better_when("ASI", {"ASI": "higher"}) == "higher"
    assert better_when("ASI") == "lower"
