"""`flows.datasets`: what a data set holds, and which versions an import made and replaced."""

from __future__ import annotations

from datetime import UTC, date, datetime

from flows.datasets import Contents, DataSetVersion, contents_of, replacement_in
from flows.measurements import Measurement, MeasurementPoint
from flows.text.render import render

AT = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)


def _version(number: int, filename: str, by: str = "lea", rows: int = 3) -> DataSetVersion:
    return DataSetVersion(number, filename, AT, by, Contents(rows, 2, ("Søvn",), 2025, 2025))


def test_the_period_is_the_days_when_points_are_dated_else_the_years() -> None:
    named = Measurement("B-1", "Søvn", MeasurementPoint.named("start"), 3, 2024)
    dated = Measurement("B-2", "Trivsel", MeasurementPoint.on(date(2025, 5, 2)), 4, 2025)
    assert contents_of([named, dated]) == Contents(
        2, 2, ("Søvn", "Trivsel"), 2024, 2025, date(2025, 5, 2), date(2025, 5, 2)
    )
    assert render(contents_of([named, dated]).period, "en") == "2025-05-02"
    assert render(contents_of([named]).period, "da") == "2024"
    assert render(contents_of([]).period, "da") == "ingen periode"


def test_the_import_is_found_under_a_later_one_and_paired_with_its_predecessor() -> None:
    versions = [_version(4, "b.csv", by="bo"), _version(3, "a.csv"), _version(2, "a.csv", rows=9)]
    found = replacement_in(versions, filename="a.csv", by="lea", rows=3)
    assert found is not None and (found.before.number, found.after.number) == (2, 3)
    first = replacement_in([_version(1, "a.csv")], filename="a.csv", by="lea", rows=3)
    assert first is None  # the group's first data set replaced nothing
    pruned = replacement_in([_version(5, "a.csv")], filename="a.csv", by="lea", rows=3)
    assert pruned is None
