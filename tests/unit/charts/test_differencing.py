"""Charts one audience receives together give no hidden small cell away by differencing.

Each bundle is built exactly as the bot builds it (`bot.charting.data_charts` for the
charts posted in a step or a preparation DM, `sign_charts` for "since last"); an
attacker then solves for every hidden cell from everything published
(`disclosure_solver`). Before issue 13 the measured cases below gave away a subgroup
of 4 (n and mean), one citizen's start and end scores, and a goal-attainment category
of 1 in 12.
"""

from __future__ import annotations

import random
from datetime import datetime

import pytest

from bot.charting import data_charts, sign_charts
from charts import END, MIN_COUNT, ONE_YEAR_AFTER, START, GoalAttainment, GoalType, render
from charts.series import GoalAttainmentData
from flows.measurements import Measurement, follow_up
from tests.unit.charts.disclosure_solver import hidden_small, violations
from tests.unit.charts.helpers import m

PARAMETERS = ("Psykisk trivsel", "Familierelationer", "Sociale kompetencer")
POINTS = (START, follow_up(1), END, ONE_YEAR_AFTER)
P, S = GoalType.PROGRESSION, GoalType.STABILISATION
RESULTS = (
    (P, GoalAttainment.REACHED),
    (P, GoalAttainment.POSITIVE_NOT_REACHED),
    (S, GoalAttainment.REACHED),
    (P, GoalAttainment.NO_DEVELOPMENT),
    (P, GoalAttainment.DETERIORATION),
)
SINCE = datetime(2020, 1, 1)


def signs(rows: list[Measurement]) -> tuple[str, ...]:
    return tuple(f"{p} ved slut" for p in dict.fromkeys(r.parameter for r in rows))


# The measured cases ------------------------------------------------------------------


def women_of_four() -> list[Measurement]:
    """Women (4) hidden in the target group; progression shows all 24, what works the men."""
    rows = []
    for i in range(24):
        woman = i < 4
        own = {"subgroup": "kvinde" if woman else "mand", "intervention": "Familiebehandling"}
        rows.append(m(f"B-{i:02d}", 9.0 if woman else 5.0, point=START, **own))
        rows.append(m(f"B-{i:02d}", 9.0 if woman else 6.0, point=END, **own))
    return rows


def alone_in_andet() -> list[Measurement]:
    """One citizen alone in sub-group "Andet": start 1.0, end 10.0."""
    rnd = random.Random(13)
    rows = [
        m("A-1", 1.0, point=START, subgroup="Andet"),
        m("A-1", 10.0, point=END, subgroup="Andet"),
    ]
    for i in range(20):
        subgroup = "kvinde" if i % 2 else "mand"
        for point in (START, END):
            value = round(rnd.uniform(3, 8), 1)
            rows.append(m(f"B-{i:02d}", value, point=point, subgroup=subgroup))
    return rows


def one_of_twelve_deteriorated() -> list[Measurement]:
    """Goal attainment: 6 reached, 5 positive, 1 deterioration (8 %)."""
    results = [RESULTS[0]] * 6 + [RESULTS[1]] * 5 + [RESULTS[4]]
    rows = []
    for i, (goal, result) in enumerate(results):
        rows.append(m(f"B-{i:02d}", 4.0 + i % 3, point=START))
        rows.append(m(f"B-{i:02d}", 6.0, point=END, goal_type=goal, attainment=result))
    return rows


MEASURED = {
    "women_of_four": women_of_four,
    "alone_in_andet": alone_in_andet,
    "one_of_twelve_deteriorated": one_of_twelve_deteriorated,
}


@pytest.mark.parametrize("case", MEASURED)
def test_the_measured_cases_give_nothing_away(case: str) -> None:
    rows = MEASURED[case]()
    bundle = data_charts(rows, MIN_COUNT)
    assert violations(bundle, rows, MIN_COUNT) == []
    assert hidden_small(bundle, rows, MIN_COUNT) > 0  # the small cells are there, hidden


def test_no_text_states_a_hidden_number() -> None:
    attainment = one_of_twelve_deteriorated()
    bundle = data_charts(attainment, MIN_COUNT)
    (bars,) = [d for d in bundle if isinstance(d, GoalAttainmentData)]
    for lang in ("da", "en"):
        chart = render(bars, lang)
        assert "8 %" not in chart.alt_text + chart.caption
        assert "8%" not in chart.alt_text + chart.caption
    for data in data_charts(women_of_four(), MIN_COUNT):
        chart = render(data, "da")
        assert "n=4" not in chart.alt_text + chart.caption
        assert "9,0" not in chart.alt_text + chart.caption


# Generated data sets ------------------------------------------------------------------


def _attainment(rnd: random.Random) -> dict[str, object]:
    goal, result = rnd.choices(RESULTS, weights=(10, 5, 2, 2, 1))[0]
    return {"goal_type": goal, "attainment": result}


def _course(rnd: random.Random, citizen: str, own: dict[str, object], parameters) -> list:
    """One citizen's rows: values at the scale's ends for some, drop-outs between points."""
    rows = []
    extreme = rnd.random() < 0.25
    for parameter in parameters:
        value = rnd.choice((1.0, 10.0)) if extreme else round(rnd.uniform(2, 8), 1)
        for k, point in enumerate(POINTS):
            if k and rnd.random() < 0.1:
                break  # dropped out
            goal = _attainment(rnd) if point == END and parameter != PARAMETERS[2] else {}
            rows.append(m(citizen, value, parameter=parameter, point=point, **own, **goal))
            if not extreme:
                value = min(10.0, max(1.0, round(value + rnd.uniform(-1.5, 2.0), 1)))
    return rows


def generated(seed: int) -> list[Measurement]:
    """A seeded data set: a citizen alone in a sub-group, a sub-group of 4 next to a shown
    one, small goal-attainment categories, several parameters, years, one or two
    interventions."""
    rnd = random.Random(seed)
    sizes = {"kvinde": rnd.randint(5, 16), "mand": 4 if seed % 3 == 0 else rnd.randint(3, 16)}
    if seed % 2 == 0:
        sizes["Andet"] = 1
    interventions = ("Familiebehandling", "Netværksgruppe")[: 1 + (seed % 4 < 2)]
    parameters = PARAMETERS[: 1 + seed % 3]
    rows: list[Measurement] = []
    number = 0
    for subgroup, size in sizes.items():
        for _ in range(size):
            number += 1
            own = {
                "subgroup": subgroup,
                "intervention": rnd.choice(interventions),
                "year": rnd.choice((2023, 2024)),
            }
            rows += _course(rnd, f"B-{number:03d}", own, parameters)
    return rows


SEEDS = range(30)


@pytest.mark.parametrize("seed", SEEDS)
def test_generated_bundles_give_nothing_away(seed: int) -> None:
    rows = generated(seed)
    for bundle in (
        data_charts(rows, MIN_COUNT),
        sign_charts(rows, signs(rows), SINCE, MIN_COUNT),
    ):
        assert violations(bundle, rows, MIN_COUNT) == []


def test_the_generated_data_sets_do_have_small_cells_to_hide() -> None:
    hidden = sum(
        hidden_small(data_charts(rows, MIN_COUNT), rows, MIN_COUNT)
        for rows in map(generated, SEEDS)
    )
    assert hidden >= len(SEEDS)


# Focus parameters (issue 13) ----------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_a_bundle_of_the_chosen_parameters_gives_nothing_away(seed: int) -> None:
    """The leader's chosen parameters are protected as one bundle, like every parameter."""
    rows = generated(seed)
    chosen = PARAMETERS[seed % 3 :: 2]
    bundle = data_charts(rows, MIN_COUNT, parameters=chosen)
    shown = {r.parameter for r in rows} & set(chosen) or {r.parameter for r in rows}
    assert violations(bundle, rows, MIN_COUNT) == []
    assert {getattr(c, "parameter", None) for c in bundle} - {None} <= shown
