"""A citizen's own course against their goals (issue 13): a citizen-level group that meets
about a few citizens sees each one's course, and where the file gives the citizen a goal
for a parameter, the chart's legend and its caption say it (read back from the drawn
figure and the caption sent with it). Nothing of another citizen is in a citizen's chart.
"""

from __future__ import annotations

import itertools

import pytest

from bot.charting import data_charts
from charts import END, START, GoalAttainment, GoalType, render
from charts.draw_progression import draw_progression
from charts.own_goals import OwnGoal, goal_label, goal_sentences, own_goals
from charts.series import ProgressionData
from flows.measurements import follow_up
from flows.model import Level
from tests.unit.charts.helpers import m, texts

WELLBEING, SOCIAL = "Psykisk trivsel", "Sociale kompetencer"
P, S = GoalType.PROGRESSION, GoalType.STABILISATION


def two_citizens() -> list:
    """B-01: a progression goal in well-being, reached at the end (set at the start, assessed
    at the end), and a stabilisation goal in social skills not yet assessed. B-02: other
    values (9.5, 8.5) and a goal of their own that ended in deterioration."""
    return [
        m("B-01", 3.0, parameter=WELLBEING, point=START, goal_type=P),
        m("B-01", 4.5, parameter=WELLBEING, point=follow_up(1)),
        m("B-01", 6.5, parameter=WELLBEING, point=END, goal_type=P,
          attainment=GoalAttainment.REACHED),
        m("B-01", 5.0, parameter=SOCIAL, point=START, goal_type=S),
        m("B-01", 5.0, parameter=SOCIAL, point=END),
        m("B-02", 9.5, parameter=WELLBEING, point=START),
        m("B-02", 8.5, parameter=WELLBEING, point=END, goal_type=S,
          attainment=GoalAttainment.DETERIORATION),
    ]  # fmt: skip


def courses() -> dict[str, ProgressionData]:
    charts = data_charts(two_citizens(), 5, Level.CITIZEN)  # as the bot builds them
    assert all(isinstance(c, ProgressionData) for c in charts)
    return {c.citizen or "": c for c in charts}


def legend(data: ProgressionData, lang: str) -> list[str]:
    return [label.replace("\n", " ") for label in texts(draw_progression(data, lang), "legend")]


def test_each_citizens_own_course_carries_their_own_goals() -> None:
    b01, b02 = courses()["B-01"], courses()["B-02"]
    assert b01.goals == (
        OwnGoal(WELLBEING, P, GoalAttainment.REACHED),
        OwnGoal(SOCIAL, S, None),
    )
    assert b02.goals == (OwnGoal(WELLBEING, S, GoalAttainment.DETERIORATION),)


def test_the_legend_and_the_caption_say_the_goal_in_danish() -> None:
    b01 = courses()["B-01"]
    assert legend(b01, "da") == [
        "Psykisk trivsel · Mål: progression — nået",
        "Sociale kompetencer · Mål: stabilisering — ikke vurderet endnu",
    ]
    caption = render(b01, "da").caption
    assert "B-01s mål for Psykisk trivsel: progression — nået." in caption
    assert "B-01s mål for Sociale kompetencer: stabilisering — ikke vurderet endnu." in caption


def test_the_legend_and_the_caption_say_the_goal_in_english() -> None:
    b02 = courses()["B-02"]
    assert legend(b02, "en") == ["Psykisk trivsel · Goal: stabilisation — deterioration"]
    caption = render(b02, "en").caption
    assert "B-02's goal for Psykisk trivsel: stabilisation — deterioration." in caption


def test_a_citizens_chart_shows_nothing_of_another_citizen() -> None:
    b01 = courses()["B-01"]
    chart = render(b01, "da")
    shown = " ".join([chart.alt_text, chart.caption, *legend(b01, "da")])
    assert "B-02" not in shown
    assert "9,5" not in shown and "8,5" not in shown
    assert "tilbagegang" not in shown  # B-02's goal, not B-01's
    values = {c.mean for line in b01.lines for c in line.cells if c.mean is not None}
    assert values == {3.0, 4.5, 6.5, 5.0}


def test_a_course_without_goals_reads_as_before() -> None:
    rows = [m("B-01", 3.0, point=START), m("B-01", 6.0, point=END)]
    (course,) = data_charts(rows, 5, Level.CITIZEN)
    assert isinstance(course, ProgressionData) and course.goals == ()
    assert legend(course, "da") == [WELLBEING]
    assert "mål for" not in render(course, "da").caption


def test_a_group_chart_has_no_goals_of_anyone() -> None:
    rows = [m(f"B-{i:02d}", 3.0 + i % 3, point=p, goal_type=P) for i in range(12)
            for p in (START, END)]  # fmt: skip
    charts = data_charts(rows, 5, Level.OFFER)
    progressions = [c for c in charts if isinstance(c, ProgressionData)]
    assert progressions and all(c.goals == () for c in progressions)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_every_goal_and_attainment_has_words(lang: str) -> None:
    for kind, attainment in itertools.product(GoalType, [*GoalAttainment, None]):
        goals = (OwnGoal(WELLBEING, kind, attainment),)
        assert goal_label(WELLBEING, goals, lang).startswith(f"{WELLBEING} · ")
        (sentence,) = goal_sentences("B-01", [WELLBEING], goals, lang)
        assert sentence.startswith("B-01") and sentence.endswith(".")


def test_the_latest_goal_counts_with_the_latest_assessment_of_that_goal() -> None:
    rows = [
        m("B-01", 3.0, point=START, goal_type=S, attainment=GoalAttainment.REACHED),
        m("B-01", 4.0, point=follow_up(1), goal_type=P),
        m("B-01", 5.0, point=END, goal_type=P, attainment=GoalAttainment.POSITIVE_NOT_REACHED),
    ]
    expected = (OwnGoal(WELLBEING, P, GoalAttainment.POSITIVE_NOT_REACHED),)
    assert own_goals(list(reversed(rows)), [WELLBEING]) == expected  # in any row order
    assert own_goals(rows[:2], [WELLBEING]) == (OwnGoal(WELLBEING, P, None),)
