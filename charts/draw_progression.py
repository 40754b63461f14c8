"""Lines over the measurement points: progression (one line per parameter, handbook
figure 7) and what works for whom (one line per intervention or subgroup, figures 8 and 9).

The x axis is the measurement points, or for a group's dated courses the start and
the periods after it ("Start", "1–3 mdr.": `charts.aligned`). For a group the tick
labels carry n per point; a point hidden for small counts
is an open marker at the foot of the axis (`gid="suppressed"`), and a changing
population is announced on the figure (`gid="dropout_warning"`). With one or two
lines each point carries its value, above the point for the higher line and below
it for the lower, in the line's colour darkened for contrast.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from charts import layout, style
from charts.aligned import label
from charts.cells import Cell
from charts.draw import MIN_AXES, mean_axis_label, no_data, value_margin
from charts.frame import PAD, TICK_GAP, chrome, open_frame
from charts.legend import Key, nice_ticks, value_axis
from charts.own_goals import goal_label
from charts.series import ComparisonData, Line, ProgressionData
from charts.style import number, text

LABEL_GAP = 12.0  # px between a point's centre and its value
PLOT_PX = 200.0  # px at least between the scale's ends


def _n_tick(cells: Sequence[Cell], lang: str, min_count: int) -> str:
    shown = sorted({c.n for c in cells if c.mean is not None})
    parts = []
    if len(shown) == 1:
        parts.append(text("chart.n", lang, n=shown[0]))
    elif shown:
        parts.append(text("chart.n_range", lang, low=shown[0], high=shown[-1]))
    if any(c.suppressed for c in cells):
        parts.append(text("chart.suppressed", lang, min=min_count))
    return "\n".join(parts)


def draw_progression(data: ProgressionData, lang: str = "da") -> Figure:
    if data.citizen is not None:
        title = text("chart.progression.title_citizen", lang, citizen=data.citizen)
    else:
        title = text("chart.progression.title_group", lang)
    return line_chart(title, data, lang)


def draw_what_works(data: ComparisonData, lang: str = "da") -> Figure:
    """Handbook figures 8 and 9: a line per intervention (or subgroup) over the points."""
    title = text(
        "chart.what_works.title",
        lang,
        parameter=data.parameter,
        by=text(f"chart.by.{data.by}", lang),
    )
    lines = tuple(
        Line(arm, cells, changes)
        for arm, cells, changes in zip(data.arms, data.cells, data.population_changes, strict=True)
    )
    as_lines = ProgressionData(data.points, lines, None, data.scale, data.min_count)
    return line_chart(title, as_lines, lang)


def line_chart(title: str, data: ProgressionData, lang: str) -> Figure:
    """One line per `data.lines` over `data.points`, on the scale's axis."""
    if not data.points or not data.lines:
        return no_data(title, lang)
    low, high = _value_range(data)
    ticks = nice_ticks(low, high)
    left = value_margin(ticks, lang)
    unit = (style.WIDTH_PX - left - PAD) / len(data.points)  # px per point
    points = _point_labels(data, lang, unit - 12)
    label_points = len(data.lines) <= 2  # more lines: labels would overlap
    # Room above and below the scale for a value label (or a hidden point's marker).
    pad = layout.height(1, style.SMALL_SIZE) + LABEL_GAP * 2 if label_points else 16.0
    keys = [  # one citizen's own course: with their goal for the parameter (issue 13)
        Key(goal_label(line.parameter, data.goals, lang), style.SERIES[k % len(style.SERIES)],
            line=True)
        for k, line in enumerate(data.lines)
    ]  # fmt: skip
    note = mean_axis_label(data.scale, lang) if data.citizen is None else None
    warning = text("chart.dropout.warning", lang) if data.population_changes else None
    frame = open_frame(
        chrome(title, warning=warning, note=note or text("chart.axis.value", lang), keys=keys),
        left=left,
        below=TICK_GAP + max(layout.height(p, style.TICK_SIZE) for p in points),
        axes_height=max(MIN_AXES, PLOT_PX + 2 * pad),
    )
    ax = frame.ax
    per_value = (frame.axes_height - 2 * pad) / ((high - low) or 1.0)  # px per unit
    margin = pad / per_value
    ax.set_ylim(low - margin, high + margin)
    ax.spines["left"].set_bounds(low, high)
    value_axis(ax, ticks, lang)
    xs = list(range(len(data.points)))
    for k, line in enumerate(data.lines):
        colour = style.SERIES[k % len(style.SERIES)]
        _draw_line(ax, xs, line, colour, foot=low - margin / 2)
    if label_points:
        _label_points(ax, data.lines, gap=LABEL_GAP / per_value, lang=lang)
    ax.set_xticks(xs, points)
    ax.set_xlim(-0.5, len(xs) - 0.5)
    ax.grid(axis="y", color=style.LIGHT_GREY, linewidth=0.6)
    return frame.fig


def _value_range(data: ProgressionData) -> tuple[float, float]:
    """The value axis: the scale's ends (else the data's)."""
    values = [c.mean for line in data.lines for c in line.cells if c.mean is not None]
    if data.scale:
        return data.scale.low, data.scale.high
    low, high = min(values, default=0.0), max(values, default=1.0)
    return (low, high) if high > low else (low - 1, high + 1)


def _draw_line(ax: Axes, xs: list[int], line: Line, colour: str, *, foot: float) -> None:
    """The line through the shown means; suppressed points as open markers at `foot`."""
    ys = [c.mean if c.mean is not None else math.nan for c in line.cells]
    ax.plot(xs, ys, marker="o", markersize=8, linewidth=2.5, color=colour, gid=line.parameter)
    hidden = [x for x, c in zip(xs, line.cells, strict=True) if c.suppressed]
    if hidden:
        ax.plot(
            hidden,
            [foot] * len(hidden),
            marker="o",
            markersize=9,
            markerfacecolor="white",
            markeredgecolor=colour,
            color=colour,
            linestyle="none",
            gid="suppressed",
        )


def _label_points(ax: Axes, lines: Sequence[Line], *, gap: float, lang: str) -> None:
    """Each shown value by its point: the highest line's above, the other's below."""
    for x in range(len(lines[0].cells)):
        shown = [
            (c.mean, k) for k, line in enumerate(lines) if (c := line.cells[x]).mean is not None
        ]
        shown.sort(reverse=True)
        for rank, (mean, k) in enumerate(shown):
            above = rank == 0
            ax.text(
                x,
                mean + gap if above else mean - gap,
                number(mean, lang),
                ha="center",
                va="bottom" if above else "top",
                fontsize=style.SMALL_SIZE,
                color=style.readable(style.SERIES[k % len(style.SERIES)]),
            )


def _point_labels(data: ProgressionData, lang: str, room: float) -> list[str]:
    # Wrapped to the room between neighbours, so that they never overlap.
    labels = [layout.wrap(label(p, lang), room, style.TICK_SIZE) for p in data.points]
    if data.citizen is not None:
        return labels
    return [
        f"{label}\n{_n_tick([line.cells[i] for line in data.lines], lang, data.min_count)}"
        for i, label in enumerate(labels)
    ]
