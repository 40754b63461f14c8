"""Chart data from measurements: means, shares, n, suppression and drop-outs (no matplotlib)."""

from __future__ import annotations

from datetime import date

import pytest

from charts import (
    END,
    ONE_YEAR_AFTER,
    START,
    AttainmentCategory,
    GoalAttainment,
    GoalType,
    MeasurementPoint,
    follow_up,
    goal_attainment,
    preparation_counts,
    preparation_status,
    progression,
    target_group,
    theme_votes,
    what_works,
)
from charts.series import CATEGORIES, Cell
from tests.unit.charts.helpers import group, m

# Target-group analysis -------------------------------------------------------------


def test_target_group_means_by_subgroup_and_year_at_the_start_point() -> None:
    rows = [
        *group("K23", [4, 5, 6, 5, 5], subgroup="kvinde", year=2023),
        *group("K24", [6, 7, 8, 7, 7], subgroup="kvinde", year=2024),
        *group("M23", [2, 3, 4, 3, 3], subgroup="mand", year=2023),
        *group("M24", [3, 3, 3, 3, 3, 3], subgroup="mand", year=2024),
        *group("K23", [9, 9, 9, 9, 9], subgroup="kvinde", year=2023, point=END),  # not start
        *group("X", [1] * 5, parameter="Sociale kompetencer"),  # other parameter
    ]
    data = target_group(rows, "Psykisk trivsel")

    assert data.subgroups == ("kvinde", "mand")
    assert data.years == (2023, 2024)
    assert data.cells == (
        (Cell(5.0, 5), Cell(7.0, 5)),
        (Cell(3.0, 5), Cell(3.0, 6)),
    )
    assert str(data.scale) == "1-10"


def test_target_group_suppresses_cells_with_few_citizens() -> None:
    rows = [
        *group("K", [4, 5, 6, 5, 5], subgroup="kvinde"),
        *group("M", [2, 3, 4, 3], subgroup="mand"),
    ]
    data = target_group(rows, "Psykisk trivsel")
    assert data.cells == ((Cell(5.0, 5),), (Cell(None, 4, suppressed=True),))

    relaxed = target_group(rows, "Psykisk trivsel", min_count=3)
    assert relaxed.cells[1] == (Cell(3.0, 4),)


def test_a_citizen_counts_once_per_cell() -> None:
    rows = [*group("K", [5, 5, 5, 5, 5]), m("K-1", 9, intervention="Netværksgruppe")]
    data = target_group(rows, "Psykisk trivsel")
    # K-1 has two start values (5 and 9): their mean 7 counts once, n stays 5.
    assert data.cells[0][0] == Cell(pytest.approx(5.4), 5)


def test_target_group_takes_the_earliest_date_when_points_are_dates() -> None:
    first, later = MeasurementPoint.on(date(2024, 2, 1)), MeasurementPoint.on(date(2024, 8, 1))
    rows = [*group("K", [4] * 5, point=first), *group("K", [8] * 5, point=later)]
    assert target_group(rows, "Psykisk trivsel").cells == ((Cell(4.0, 5),),)


def test_target_group_without_subgroups_and_without_data() -> None:
    rows = group("A", [1, 2, 3, 4, 5], subgroup=None)
    assert target_group(rows, "Psykisk trivsel").subgroups == (None,)
    empty = target_group(rows, "Ukendt")
    assert (empty.subgroups, empty.years, empty.cells) == ((), (), ())


# Goal attainment -------------------------------------------------------------------

P, S = GoalType.PROGRESSION, GoalType.STABILISATION
R, POS, NO, DET = (
    GoalAttainment.REACHED,
    GoalAttainment.POSITIVE_NOT_REACHED,
    GoalAttainment.NO_DEVELOPMENT,
    GoalAttainment.DETERIORATION,
)


def attained(citizen: str, goal: GoalType, result: GoalAttainment, **fields: object):
    return m(citizen, 5, point=END, goal_type=goal, attainment=result, **fields)  # type: ignore[arg-type]


def test_goal_attainment_shares_in_five_categories() -> None:
    rows = [
        attained("B-1", P, R),
        attained("B-2", P, R),
        attained("B-3", P, POS),
        attained("B-4", S, R),
        attained("B-5", P, NO),
        attained("B-6", S, DET),
        attained("B-7", P, DET),
        attained("B-8", P, DET),
        m("B-9", 3),  # no attainment recorded: not counted
    ]
    (bar,) = goal_attainment(rows).bars

    assert bar.parameter == "Psykisk trivsel"
    assert bar.n == 8
    assert dict(zip(CATEGORIES, bar.counts, strict=True)) == {
        AttainmentCategory.PROGRESSION_REACHED: 2,
        AttainmentCategory.POSITIVE_NOT_REACHED: 1,
        AttainmentCategory.STABILISATION_REACHED: 1,
        AttainmentCategory.NO_DEVELOPMENT: 1,
        AttainmentCategory.DETERIORATION: 3,
    }
    assert bar.shares == (0.25, 0.125, 0.125, 0.125, 0.375)
    assert sum(bar.shares) == pytest.approx(1.0)


def test_goal_attainment_uses_each_citizens_latest_attainment() -> None:
    rows = [
        *(attained(f"B-{i}", P, NO) for i in range(5)),
        *(m(f"B-{i}", 7, point=ONE_YEAR_AFTER, goal_type=P, attainment=R) for i in range(3)),
    ]
    (bar,) = goal_attainment(rows).bars
    assert bar.n == 5
    assert bar.share(AttainmentCategory.PROGRESSION_REACHED) == pytest.approx(0.6)
    assert bar.share(AttainmentCategory.NO_DEVELOPMENT) == pytest.approx(0.4)


def test_goal_attainment_suppresses_parameters_with_few_citizens() -> None:
    rows = [
        *(attained(f"A-{i}", P, R) for i in range(5)),
        *(attained(f"B-{i}", P, R, parameter="Fritid og venskaber") for i in range(4)),
    ]
    first, second = goal_attainment(rows).bars
    assert (first.suppressed, first.n) == (False, 5)
    assert second.parameter == "Fritid og venskaber"
    assert second.suppressed
    assert second.counts == (0, 0, 0, 0, 0)


# Progression over time -------------------------------------------------------------


def test_group_progression_has_means_and_n_per_point() -> None:
    rows = [
        *group("B", [2, 3, 4, 3, 3], point=START),
        *group("B", [4, 5, 6, 5, 5], point=follow_up(1)),
        *group("B", [5, 5, 5, 5, 5], point=follow_up(2)),
        *group("B", [6, 6, 6, 6, 6], point=START, parameter="Sociale kompetencer"),
    ]
    data = progression(rows)

    assert data.points == (START, follow_up(1), follow_up(2))
    assert [line.parameter for line in data.lines] == ["Psykisk trivsel", "Sociale kompetencer"]
    assert data.lines[0].cells == (Cell(3.0, 5), Cell(5.0, 5), Cell(5.0, 5))
    assert data.lines[1].cells == (Cell(6.0, 5), Cell(None, 0), Cell(None, 0))
    assert not data.population_changes
    assert data.citizen is None


def test_progression_flags_when_the_citizens_differ_between_points() -> None:
    rows = [
        *group("B", [2, 3, 4, 3, 3, 3], point=START),
        *group("B", [4, 5, 6, 5, 5], point=END),  # B-6 dropped out
    ]
    data = progression(rows)
    assert data.population_changes
    assert data.lines[0].population_changes
    assert [c.n for c in data.lines[0].cells] == [6, 5]


def test_progression_suppresses_small_points_in_group_charts() -> None:
    rows = [*group("B", [2, 3, 4, 3, 3], point=START), *group("B", [6, 6], point=END)]
    cells = progression(rows).lines[0].cells
    assert cells == (Cell(3.0, 5), Cell(None, 2, suppressed=True))


def test_one_citizens_progression_is_never_suppressed() -> None:
    rows = [
        m("B-1", 3, point=START),
        m("B-1", 5, point=follow_up(1)),
        m("B-2", 9, point=START),
        m("B-1", 4, point=START, parameter="Sociale kompetencer"),
    ]
    data = progression(rows, citizen="B-1")
    assert data.citizen == "B-1"
    assert data.lines[0].cells == (Cell(3.0, 1), Cell(5.0, 1))
    assert data.lines[1].cells == (Cell(4.0, 1), Cell(None, 0))
    assert not data.population_changes


def test_progression_can_be_limited_to_parameters_and_an_intervention() -> None:
    rows = [
        *group("A", [1] * 5, intervention="A"),
        *group("B", [9] * 5, intervention="B"),
        *group("A", [5] * 5, intervention="A", parameter="Fritid"),
    ]
    data = progression(rows, parameters=["Psykisk trivsel"], intervention="A")
    assert [(line.parameter, line.cells) for line in data.lines] == [
        ("Psykisk trivsel", (Cell(1.0, 5),))
    ]


# What works for whom ----------------------------------------------------------------


def test_what_works_compares_two_interventions_at_three_points() -> None:
    rows = []
    for arm, values in (("Familiebehandling", (3, 5, 6)), ("Netværksgruppe", (3, 4, 4))):
        for point, value in zip((START, END, ONE_YEAR_AFTER), values, strict=True):
            rows += group(arm[:3], [value] * 5, intervention=arm, point=point)
    rows += group("X", [1] * 2, intervention="Lille indsats")
    data = what_works(rows, "Psykisk trivsel")

    assert data.arms == ("Familiebehandling", "Netværksgruppe")
    assert data.points == (START, END, ONE_YEAR_AFTER)
    assert data.cells == (
        (Cell(3.0, 5), Cell(5.0, 5), Cell(6.0, 5)),
        (Cell(3.0, 5), Cell(4.0, 5), Cell(4.0, 5)),
    )
    assert data.population_changes == (False, False)


def test_what_works_by_subgroup_with_suppression_and_drop_outs() -> None:
    rows = [
        *group("K", [3] * 6, subgroup="kvinde", point=START),
        *group("K", [5] * 5, subgroup="kvinde", point=END),
        *group("M", [4] * 5, subgroup="mand", point=START),
        *group("M", [4] * 3, subgroup="mand", point=END),
    ]
    data = what_works(rows, "Psykisk trivsel", by="subgroup", arms=["mand", "kvinde"])

    assert data.arms == ("mand", "kvinde")
    assert data.cells[0][:2] == (Cell(4.0, 5), Cell(None, 3, suppressed=True))
    assert data.cells[1][:2] == (Cell(3.0, 6), Cell(5.0, 5))
    assert data.population_changes == (True, True)


# Meeting charts ---------------------------------------------------------------------


def test_preparation_status_from_names_or_counts() -> None:
    status = preparation_status([("Ali", True), ("Lea", False), ("Dina", True)])
    assert (status.prepared_count, status.missing_count, status.total) == (2, 1, 3)
    assert (status.prepared, status.missing) == (("Ali", "Dina"), ("Lea",))
    counts = preparation_counts(4, 6)
    assert (counts.prepared_count, counts.missing_count, counts.prepared) == (4, 2, ())
    with pytest.raises(ValueError):
        preparation_counts(7, 6)


def test_theme_votes_highest_first_ties_keep_order() -> None:
    votes = theme_votes([("Frafald", 2), ("Samtaler", 5), ("Data", 2), ("Mad", 0)])
    assert votes.themes == (("Samtaler", 5), ("Frafald", 2), ("Data", 2), ("Mad", 0))
    assert votes.leaders == ("Samtaler",)
    assert theme_votes([("A", 3), ("B", 3)]).leaders == ("A", "B")
    assert theme_votes([("A", 0)]).leaders == ()
