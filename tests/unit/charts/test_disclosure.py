"""`charts.disclosure.protect`: merged goal-attainment categories, complementary
suppression, and how the hidden cells read in the chart, its alt text and caption."""

from __future__ import annotations

import random

import pytest

from charts import (
    END,
    START,
    GoalAttainment,
    GoalType,
    content_key,
    follow_up,
    goal_attainment,
    progression,
    render,
    target_group,
    what_works,
)
from charts.cells import Cell
from charts.disclosure import protect
from charts.disclosure_attainment import merged_categories
from charts.render import ChartData, draw_goal_attainment
from charts.series import GoalAttainmentData, ProgressionData, TargetGroupData
from tests.unit.charts.disclosure_solver import violations
from tests.unit.charts.helpers import axes, group, m, texts

P, S = GoalType.PROGRESSION, GoalType.STABILISATION
A = GoalAttainment


def attained(counts: dict[tuple[GoalType, GoalAttainment], int]) -> list:
    rows, i = [], 0
    for (goal, result), n in counts.items():
        for _ in range(n):
            i += 1
            rows.append(m(f"B-{i:02d}", 5, point=END, goal_type=goal, attainment=result))
    return rows


# Merging goal-attainment categories -----------------------------------------------------


@pytest.mark.parametrize(
    ("counts", "merged"),
    [
        ((6, 5, 0, 0, 1), {1, 4}),  # 1 alone: with the next smallest, 5
        ((6, 0, 0, 3, 3), {3, 4}),  # two small ones reach 5 together
        ((9, 7, 0, 2, 0), {1, 3}),  # 2 is too few: the 7 joins it
        ((8, 7, 6, 0, 0), set()),  # nothing small: nothing merged
        ((10, 0, 0, 0, 1), None),  # merging would swallow the only other category
        ((3, 0, 0, 0, 2), None),  # every category small
    ],
)
def test_small_categories_are_merged_until_the_segment_is_large(counts, merged) -> None:
    found = merged_categories(counts, 5)
    assert found == (None if merged is None else frozenset(merged))


def test_the_merged_segment_replaces_the_small_categories() -> None:
    rows = attained({(P, A.REACHED): 6, (P, A.POSITIVE_NOT_REACHED): 5, (P, A.DETERIORATION): 1})
    (data,) = protect([goal_attainment(rows)], 5)
    assert isinstance(data, GoalAttainmentData)
    (bar,) = data.bars
    assert (bar.n, bar.counts, bar.few, bar.suppressed) == (12, (6, 0, 0, 0, 0), 6, False)
    assert bar.shares[0] == bar.few_share == 0.5


def test_a_bar_that_cannot_be_merged_safely_is_hidden_whole() -> None:
    rows = attained({(P, A.REACHED): 10, (P, A.DETERIORATION): 1})
    (data,) = protect([goal_attainment(rows)], 5)
    (bar,) = data.bars  # type: ignore[union-attr]
    assert bar.suppressed and bar.counts == (0, 0, 0, 0, 0) and bar.few == 0


# Complementary suppression ---------------------------------------------------------------


def women_and_men() -> list:
    return [*group("K", [9] * 4, subgroup="kvinde"), *group("M", [5] * 20, subgroup="mand")]


def test_a_shown_cell_that_gives_a_hidden_one_away_is_hidden_too() -> None:
    rows = women_and_men()
    target, course = protect([target_group(rows, "Psykisk trivsel"), progression(rows)], 5)
    assert isinstance(target, TargetGroupData) and isinstance(course, ProgressionData)
    (women,), (men,) = target.cells
    assert women == Cell(None, 4, suppressed=True)
    assert men == Cell(None, 20, suppressed=True)  # 24 - 20 would give the women away
    assert course.lines[0].cells == (Cell(pytest.approx(34 / 6), 24),)
    assert violations([target, course], rows, 5) == []


def test_protecting_twice_changes_nothing() -> None:
    rows = women_and_men()
    once = protect([target_group(rows, "Psykisk trivsel"), progression(rows)], 5)
    assert protect(once, 5) == once


def test_a_sub_group_left_out_of_what_works_is_not_given_away() -> None:
    rows = [
        m("A-1", 1.0, subgroup="Andet"),
        m("A-1", 10.0, subgroup="Andet", point=END),
        *group("K", [4, 5, 6, 5, 5, 6], subgroup="kvinde"),
        *group("K", [6, 6, 7, 7, 8, 8], subgroup="kvinde", point=END),
        *group("M", [3, 4, 4, 5, 5, 5], subgroup="mand"),
        *group("M", [5, 5, 6, 6, 7, 7], subgroup="mand", point=END),
    ]
    bundle: list[ChartData] = [
        progression(rows),
        what_works(rows, "Psykisk trivsel", by="subgroup"),
    ]
    assert len(violations(bundle, rows, 5)) == 2  # the start and the end of A-1
    course, compared = protect(bundle, 5)
    assert violations([course, compared], rows, 5) == []
    assert all(c.mean is not None for c in course.lines[0].cells)  # type: ignore[union-attr]
    hidden = [c for row in compared.cells for c in row if c.suppressed]  # type: ignore[union-attr]
    assert [c.n for c in hidden] == [6, 6]  # one arm, at the start and the end


def test_nothing_changes_when_every_cell_is_large() -> None:
    rnd = random.Random(5)
    rows = []
    for i in range(40):
        subgroup, intervention = ("kvinde", "mand")[i % 2], ("A", "B")[i % 4 < 2]
        for point in (START, follow_up(1), END):
            value = round(rnd.uniform(2, 9), 1)
            rows.append(
                m(f"B-{i:02d}", value, point=point, subgroup=subgroup, intervention=intervention)
            )
    bundle = [
        target_group(rows, "Psykisk trivsel"),
        progression(rows),
        what_works(rows, "Psykisk trivsel", points=(START, follow_up(1), END)),
    ]
    assert protect(bundle, 5) == bundle


def test_a_citizens_own_chart_passes_through_and_still_counts_as_published() -> None:
    rows = women_and_men()
    own = progression(rows, citizen="K-1")
    group_charts = [target_group(rows, "Psykisk trivsel"), progression(rows)]
    protected = protect([*group_charts, own], 5)
    assert protected[2] == own
    assert protected[:2] == protect(group_charts, 5)


def test_real_sized_data_is_protected() -> None:
    """Hundreds of citizens, eight parameters, six points: the attacker still finds nothing."""
    rnd = random.Random(21)
    points = (START, follow_up(1), follow_up(2), follow_up(3), END, follow_up(4))
    rows = []
    for i in range(240):
        own = {
            "subgroup": rnd.choices(("kvinde", "mand", "andet"), weights=(48, 48, 4))[0],
            "intervention": rnd.choice(("A", "B")),
            "year": rnd.choice((2023, 2024)),
        }
        stop = rnd.randint(2, 7)
        for p in range(8):
            for point in points[:stop]:
                goal = {"goal_type": P, "attainment": rnd.choice(list(A))} if point == END else {}
                value = round(rnd.uniform(1, 10), 1)
                rows.append(m(f"C{i}", value, parameter=f"P{p}", point=point, **own, **goal))
    bundle = [
        *(target_group(rows, f"P{p}") for p in range(3)),
        goal_attainment(rows),
        progression(rows),
        what_works(rows, "P0"),
        what_works(rows, "P0", by="subgroup"),
    ]
    assert violations(protect(bundle, 5), rows, 5) == []


# How hidden cells read ------------------------------------------------------------------


def test_the_merged_segment_is_drawn_and_told_as_a_whole() -> None:
    rows = attained({(P, A.REACHED): 6, (P, A.POSITIVE_NOT_REACHED): 5, (P, A.DETERIORATION): 1})
    (data,) = protect([goal_attainment(rows)], 5)
    fig = draw_goal_attainment(data, "da")  # type: ignore[arg-type]
    (few,) = [p for p in axes(fig).patches if p.get_gid() == "few"]
    assert (few.get_x(), few.get_width()) == (50.0, 50.0)
    assert "Få borgere: 50 %" in [t.get_text() for t in axes(fig).texts]
    legend = [t.replace("\n", " ") for t in texts(fig, "legend")]
    assert "Få borgere (kategorier under 5 slået sammen)" in legend  # the grey key
    chart = render(data, "da")
    assert "Progressionsmål nået 50 %, Få borgere (kategorier slået sammen) 50 %" in chart.alt_text
    assert "Positiv udvikling" not in chart.alt_text and "Tilbagegang" not in chart.alt_text
    assert "slået sammen i det grå felt »Få borgere«" in chart.caption
    assert "Størst andel med nået progressionsmål: Psykisk trivsel (50 %)." in chart.caption
    english = render(data, "en")
    assert "Few citizens (categories merged) 50%" in english.alt_text


def test_no_largest_share_is_claimed_that_a_merged_segment_could_beat() -> None:
    rows = attained({(P, A.REACHED): 6, (P, A.POSITIVE_NOT_REACHED): 5, (P, A.DETERIORATION): 1})
    other = {(P, A.POSITIVE_NOT_REACHED): 5, (P, A.REACHED): 4, (P, A.DETERIORATION): 1}
    rows += [r.__class__(**{**r.__dict__, "parameter": "Fritid", "citizen": "F" + r.citizen})
             for r in attained(other)]  # fmt: skip
    (data,) = protect([goal_attainment(rows)], 5)
    assert [b.few for b in data.bars] == [6, 5]  # type: ignore[union-attr]
    caption = render(data, "da").caption
    # Fritid's 4 reached are in its merged 50 %: 50 % reached in Psykisk trivsel may be no top
    assert "nået progressionsmål:" not in caption
    assert "Størst andel med tilbagegang" not in caption


def test_a_cell_hidden_alongside_reads_like_a_small_one() -> None:
    """Told apart, they would say which hidden cell has few citizens (the women here)."""
    rows = women_and_men()
    target, _ = protect([target_group(rows, "Psykisk trivsel"), progression(rows)], 5)
    chart = render(target, "da")
    assert "kvinde 2024: skjult, så ingen kan genkendes" in chart.alt_text
    assert "mand 2024: skjult, så ingen kan genkendes" in chart.alt_text
    assert "n=20" not in chart.alt_text + chart.caption
    assert "ikke kan regnes ud af resten, heller ikke ved at sammenholde graferne" in chart.caption


def test_a_bar_hidden_alongside_is_labelled_hidden() -> None:
    rows = attained({(P, A.REACHED): 10, (P, A.DETERIORATION): 1})
    (data,) = protect([goal_attainment(rows)], 5)
    texts = [t.get_text() for t in axes(draw_goal_attainment(data, "da")).texts]  # type: ignore[arg-type]
    assert "skjult" in texts and not any("<" in t for t in texts)
    assert "Psykisk trivsel: skjult, så ingen kan genkendes" in render(data, "da").alt_text


def test_the_citizens_behind_a_cell_stay_out_of_the_cache_key() -> None:
    rows = group("K", [5, 6, 7, 5, 6])
    renamed = group("X", [5, 6, 7, 5, 6])
    data, other = progression(rows), progression(renamed)
    assert data.lines[0].cells[0].citizens == {"K-1", "K-2", "K-3", "K-4", "K-5"}
    assert data == other
    assert content_key(data, "da") == content_key(other, "da")
