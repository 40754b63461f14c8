"""The handbook's figures 5-9 from one combined file, in any row order: each its own chart.

Until now the target-group and what-works charts used only the first parameter in the
file (row order decided which), progression put every parameter, whatever its scale,
on one axis, and with two interventions the what-works chart by target group (figure
9) was never drawn.
"""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from bot.charting import data_charts
from charts.render import draw_progression, draw_target_group, draw_what_works, render
from charts.series import ComparisonData, GoalAttainmentData, ProgressionData, TargetGroupData
from flows.measurements import AttainmentCategory
from tests.unit.charts.handbook_data import (
    ASI,
    COMPARED,
    FAMILY,
    FIGURE_5,
    FIGURE_6,
    FIGURE_7,
    FIGURE_7_POINTS,
    FIGURE_8,
    FIGURE_9,
    SOCIAL,
    WELLBEING,
    YLS,
    handbook_rows,
)
from tests.unit.charts.helpers import axes

ORDERS = [None, 1, 2, 3]  # as written, and three shuffles


def _charts(order: int | None) -> list:
    rows = handbook_rows()
    if order is not None:
        random.Random(order).shuffle(rows)
    return data_charts(rows, 5)  # as the bot builds a step's charts: protected together


def _means(cells) -> list[float | None]:
    return [None if c.mean is None else round(c.mean, 2) for c in cells]


@pytest.mark.parametrize("order", ORDERS)
def test_each_figure_gets_its_own_chart_in_any_row_order(order: int | None) -> None:
    charts = _charts(order)
    target = {c.parameter: c for c in charts if isinstance(c, TargetGroupData)}
    asi = target[ASI]
    shown = {
        (s, y): round(asi.cells[i][j].mean or 0, 2)
        for i, s in enumerate(asi.subgroups)
        for j, y in enumerate(asi.years)
    }
    assert shown == FIGURE_5

    (attainment,) = [c for c in charts if isinstance(c, GoalAttainmentData)]
    family = next(b for b in attainment.bars if b.parameter == FAMILY)
    shares = {cat: round(family.share(cat) * 100) for cat in AttainmentCategory}
    expected = {
        AttainmentCategory.PROGRESSION_REACHED: 25,
        AttainmentCategory.POSITIVE_NOT_REACHED: 19,
        AttainmentCategory.STABILISATION_REACHED: 17,
        AttainmentCategory.NO_DEVELOPMENT: 26,
        AttainmentCategory.DETERIORATION: 13,
    }
    assert shares == expected
    assert sorted(b.parameter for b in attainment.bars) == sorted(FIGURE_6)  # file order

    lines = [c for c in charts if isinstance(c, ProgressionData)]
    figure_7 = next(c for c in lines if {ln.parameter for ln in c.lines} & {WELLBEING, SOCIAL})
    assert {ln.parameter for ln in figure_7.lines} == {WELLBEING, SOCIAL}
    assert figure_7.points == FIGURE_7_POINTS
    for line in figure_7.lines:
        assert _means(line.cells) == list(FIGURE_7[line.parameter])
    for chart in lines:  # never two scales on one axis
        assert chart.scale is not None, [ln.parameter for ln in chart.lines]

    compared = [c for c in charts if isinstance(c, ComparisonData) and c.parameter == YLS]
    by = {c.by: c for c in compared}
    assert set(by) == {"intervention", "subgroup"}
    # ASI is measured at the start only: no what-works chart of one point.
    assert not [c for c in charts if isinstance(c, ComparisonData) and c.parameter == ASI]
    for chart, figure in ((by["intervention"], FIGURE_8), (by["subgroup"], FIGURE_9)):
        assert chart.points == COMPARED
        assert {a: tuple(_means(row)) for a, row in zip(chart.arms, chart.cells, strict=True)} == {
            arm: tuple(float(v) for v in values) for arm, values in figure.items()
        }


def test_the_same_charts_whatever_the_row_order() -> None:
    def summary(order: int | None) -> list[tuple]:
        out = []
        for c in _charts(order):
            if isinstance(c, TargetGroupData | ComparisonData):
                out.append((type(c).__name__, c.parameter, getattr(c, "by", "")))
            elif isinstance(c, ProgressionData):
                out.append(("progression", tuple(sorted(ln.parameter for ln in c.lines))))
            else:
                out.append((type(c).__name__,))
        return sorted(out)

    assert summary(None) == summary(1) == summary(2) == summary(3)


def test_a_small_data_set_is_not_a_stack_of_empty_charts() -> None:
    """Three parameters with subgroups of three: every target-group cell is hidden, so one
    target-group chart says why, not three empty ones."""
    rows = [
        m for m in handbook_rows() if m.parameter == ASI and m.citizen.endswith(("-0", "-1", "-2"))
    ]
    rows += [replace(m, parameter=f"{ASI} {n}") for n in (2, 3) for m in rows]
    target = [c for c in data_charts(rows, 5) if isinstance(c, TargetGroupData)]
    assert len(target) == 1
    assert all(c.suppressed for row in target[0].cells for c in row)


def test_the_drawn_figures_carry_the_handbooks_numbers() -> None:
    """Read back from the matplotlib artists: figure 5's bars, figure 7's and 8/9's lines."""
    charts = _charts(2)
    asi = next(c for c in charts if isinstance(c, TargetGroupData) and c.parameter == ASI)
    bars = [p for p in axes(draw_target_group(asi, "da")).patches if p.get_gid() == "value"]
    assert sorted(round(b.get_height(), 2) for b in bars) == sorted(FIGURE_5.values())

    figure_7 = next(
        c for c in charts if isinstance(c, ProgressionData) and c.lines[0].parameter in FIGURE_7
    )
    drawn = axes(draw_progression(figure_7, "da"))
    for parameter, means in FIGURE_7.items():
        (line,) = [ln for ln in drawn.lines if ln.get_gid() == parameter]
        assert [round(y, 2) for y in line.get_ydata()] == list(means)

    for by, figure in (("intervention", FIGURE_8), ("subgroup", FIGURE_9)):
        chart = next(
            c for c in charts if isinstance(c, ComparisonData) and c.by == by and c.parameter == YLS
        )
        drawn = axes(draw_what_works(chart, "da"))
        assert [p for p in drawn.patches if p.get_gid() == "value"] == []  # lines, not bars
        for arm, values in figure.items():
            (line,) = [ln for ln in drawn.lines if ln.get_gid() == arm]
            assert list(line.get_ydata()) == [float(v) for v in values]


def test_the_highest_of_a_lower_is_better_parameter_is_called_the_heaviest() -> None:
    """Handbook figure 5 (ASI): "Mændene er mest besværede i begge år"."""
    asi = next(c for c in _charts(None) if isinstance(c, TargetGroupData) and c.parameter == ASI)
    caption = render(asi, "da").caption
    assert "Højest ligger mand 2019 med 2,8: tungest, for her er lavere bedre." in caption
    assert "(dårligere)" in caption
