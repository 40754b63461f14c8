"""Progression over time: one line per parameter across the measurement points.

For a group the tick labels carry n per point; a point hidden for small counts
is an open marker at the foot of the axis (`gid="suppressed"`), and a changing
population is announced on the figure (`gid="dropout_warning"`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from charts import style
from charts.cells import Cell
from charts.draw import dropout_warning, mean_axis_label, new_figure, no_data
from charts.legend import Key, figure_legend, value_axis
from charts.series import Line, ProgressionData
from charts.style import number, text
from charts.vocabulary import point_label


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
    fig, ax = new_figure(title, bottom=0.17, right=0.74)
    if not data.points or not data.lines:
        return no_data(fig, ax, lang)
    xs = list(range(len(data.points)))
    low, high, pad = _value_range(data)
    ax.set_ylim(low - pad, high + pad)
    value_axis(ax, low, high, lang)
    label_points = len(data.lines) <= 2  # more lines: labels would overlap
    keys = []
    for k, line in enumerate(data.lines):
        colour = style.SERIES[k % len(style.SERIES)]
        keys.append(Key(line.parameter, colour, line=True))
        _draw_line(ax, xs, line, colour, foot=low - pad * 0.5)
        if label_points:
            _label_points(ax, xs, line, colour, above=pad * 0.3, lang=lang)
    ax.set_xticks(xs, _point_labels(data, lang))
    ax.set_xlim(-0.3, len(xs) - 0.7)
    ax.set_ylabel(
        mean_axis_label(data.scale, lang)
        if data.citizen is None
        else text("chart.axis.value", lang),
        fontsize=style.LABEL_SIZE,
    )
    ax.grid(axis="y", color=style.LIGHT_GREY, linewidth=0.6)
    figure_legend(fig, keys, x=0.76, y=0.84)
    if data.population_changes:
        dropout_warning(fig, lang)
    return fig


def _value_range(data: ProgressionData) -> tuple[float, float, float]:
    """The value axis: the scale's ends (else the data's), and the padding around them."""
    values = [c.mean for line in data.lines for c in line.cells if c.mean is not None]
    scale = data.scale
    low = scale.low if scale else min(values, default=0.0)
    high = scale.high if scale else max(values, default=1.0)
    return low, high, (high - low) * 0.08 or 1.0


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


def _label_points(
    ax: Axes, xs: list[int], line: Line, colour: str, *, above: float, lang: str
) -> None:
    for x, c in zip(xs, line.cells, strict=True):
        if c.mean is not None:
            ax.text(
                x,
                c.mean + above,
                number(c.mean, lang),
                ha="center",
                fontsize=style.SMALL_SIZE,
                color=colour,
            )


def _point_labels(data: ProgressionData, lang: str) -> list[str]:
    # Wrap long point names ("Slut på stabilisering") so neighbours never overlap.
    labels = [style.wrap(point_label(p, lang), 13) for p in data.points]
    if data.citizen is not None:
        return labels
    return [
        f"{label}\n{_n_tick([line.cells[i] for line in data.lines], lang, data.min_count)}"
        for i, label in enumerate(labels)
    ]
