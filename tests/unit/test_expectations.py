"""What the data did for one expectation (`flows.expectations.check`), case by case: the
trend, the disclosure limit on the citizens and on the share, targets, and the cases with
nothing to compare."""

from __future__ import annotations

from datetime import date

import pytest

from flows.expectations import Finding, Trend, check
from flows.learning_model import Direction, Expectation
from flows.measurements import Measurement, MeasurementPoint, Scale

P = "Psykisk trivsel"


def at(day: int, values: list[float], parameter: str = P) -> list[Measurement]:
    point = MeasurementPoint.on(date(2026, 12, day))
    return [
        Measurement(f"B-{i:02}", parameter, point, v, 2026, scale=Scale(0, 10))
        for i, v in enumerate(values, start=1)
    ]


THEN = at(1, [4, 4, 4, 4, 4, 4])


def test_a_rise_of_every_citizen_meets_the_target_and_the_share() -> None:
    now = THEN + at(15, [5, 5, 5, 5, 5, 5])
    found = check(Expectation(P, Direction.RISE, 4.8, 0.9), THEN, now, 5)
    assert found == Finding(Trend.ROSE, 6, 4.0, 5.0, 1.0, True, True)
    assert found.as_expected(Expectation(P, Direction.RISE, 4.8, 0.9)) is True


def test_a_missed_target_is_not_as_expected_though_the_trend_is() -> None:
    now = THEN + at(15, [5, 5, 5, 5, 5, 5])
    expectation = Expectation(P, Direction.RISE, target=6.0)
    found = check(expectation, THEN, now, 5)
    assert (found.trend, found.target_met, found.as_expected(expectation)) == (
        Trend.ROSE,
        False,
        False,
    )


def test_within_five_percent_of_the_scale_is_level_and_a_stay_target_is_near() -> None:
    now = THEN + at(15, [4, 4, 4, 4, 4, 6])  # the mean moves 0.33 on a 0-10 scale
    expectation = Expectation(P, Direction.STAY, target=4.2)
    found = check(expectation, THEN, now, 5)
    assert found.trend is Trend.FLAT and found.target_met is True
    assert found.share is None  # 5 level and 1 up: the one would show


@pytest.mark.parametrize(
    ("then", "now", "trend"),
    [
        (None, THEN, Trend.NO_BASELINE),
        (THEN, THEN, Trend.NO_NEW_DATA),  # nothing later for anyone
        (THEN, at(1, [4] * 6, "Søvn"), Trend.MISSING),
        (THEN, THEN + at(15, [5, 5, 5, 5]), Trend.TOO_FEW),  # four citizens measured again
    ],
)
def test_nothing_to_say_gives_no_number(then, now, trend) -> None:
    found = check(Expectation(P, Direction.RISE), then, now, 5)
    assert found == Finding(trend)
    assert found.as_expected(Expectation(P, Direction.RISE)) is None


def test_the_limit_is_the_one_the_installation_sets() -> None:
    now = THEN + at(15, [5, 5, 5, 5])
    assert check(Expectation(P, Direction.RISE), THEN, now, 4).trend is Trend.ROSE
    assert check(Expectation(P, Direction.RISE), THEN, now, 5).trend is Trend.TOO_FEW
