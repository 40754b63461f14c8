"""A light legend drawn straight on the figure, and value ticks with local number format.

matplotlib's `Legend` measures and lays out its entries on every save, which
costs as much as the rest of a small chart; these charts know where their legend
goes (below the axes, across the figure), so `plan_legend` lays the entries out in
pixels from measured labels before the figure exists (the figure's height depends
on it) and `draw_legend` places swatches and labels there. Legend labels are figure
texts with `gid="legend"`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.ticker import MaxNLocator

from charts import layout, style

SWATCH_W, SWATCH_H = 34.0, 20.0  # px
SWATCH_GAP = 10.0  # px between a swatch and its label
COLUMN_GAP = 26.0  # px between columns (or entries on one line)
ROW_GAP = 14.0  # px between rows
MAX_COLUMNS = 4


@dataclass(frozen=True)
class Key:
    label: str
    colour: str
    hatch: str | None = None
    line: bool = False  # a line with a marker instead of a filled swatch
    hollow: bool = False  # outline only (suppressed cells)


@dataclass(frozen=True)
class LegendPlan:
    keys: tuple[Key, ...]
    labels: tuple[str, ...]  # wrapped to their column
    positions: tuple[tuple[float, float], ...]  # (x, y) px of each entry from the top left
    height: float  # px


def _row_height(labels: Sequence[str]) -> float:
    return max(layout.height(label, style.SMALL_SIZE) for label in labels)


def _one_line(keys: Sequence[Key], room: float) -> LegendPlan | None:
    """All entries side by side on one line, when they fit unwrapped."""
    widths = [SWATCH_W + SWATCH_GAP + layout.width(k.label, style.SMALL_SIZE) for k in keys]
    if sum(widths) + COLUMN_GAP * (len(keys) - 1) > room:
        return None
    lefts = [sum(widths[:i]) + COLUMN_GAP * i for i in range(len(keys))]
    labels = tuple(k.label for k in keys)
    return LegendPlan(tuple(keys), labels, tuple((x, 0.0) for x in lefts), _row_height(labels))


def _grid(keys: Sequence[Key], room: float, columns: int) -> tuple[LegendPlan, bool]:
    """Entries in `columns` equal columns, row by row; and whether a label was shortened."""
    column = (room - COLUMN_GAP * (columns - 1)) / columns
    label_room = column - SWATCH_W - SWATCH_GAP
    labels = [layout.wrap(k.label, label_room, style.SMALL_SIZE) for k in keys]
    shortened = any(layout.ELLIPSIS in label and layout.ELLIPSIS not in k.label
                    for label, k in zip(labels, keys, strict=True))  # fmt: skip
    positions = []
    y = 0.0
    for start in range(0, len(keys), columns):
        row = labels[start : start + columns]
        positions += [(c * (column + COLUMN_GAP), y) for c in range(len(row))]
        y += _row_height(row) + ROW_GAP
    return LegendPlan(tuple(keys), tuple(labels), tuple(positions), y - ROW_GAP), shortened


def plan_legend(keys: Sequence[Key], room: float) -> LegendPlan | None:
    """The lowest layout of `keys` within `room` px: one line if it fits, else a grid
    (more columns on a tie); labels are shortened only if no grid avoids it."""
    if not keys:
        return None
    one_line = _one_line(keys, room)
    if one_line is not None:
        return one_line
    best: tuple[bool, float, LegendPlan] | None = None
    for columns in range(min(len(keys), MAX_COLUMNS), 0, -1):
        plan, shortened = _grid(keys, room, columns)
        rank = (shortened, plan.height, plan)
        if best is None or rank[:2] < best[:2]:
            best = rank
    assert best is not None
    return best[2]


def _swatch(fig: Figure, key: Key, x: float, y: float, height: float) -> None:
    """A swatch at (x, y) px from the figure's bottom left, centred vertically on y."""
    w, h = SWATCH_W / style.WIDTH_PX, SWATCH_H / height
    x, y = x / style.WIDTH_PX, y / height
    if key.line:
        fig.add_artist(
            Line2D([x, x + w / 2, x + w], [y, y, y], color=key.colour, linewidth=2.5,
                   marker="o", markersize=6, markevery=[1], transform=fig.transFigure,
                   gid="legend")
        )  # fmt: skip
        return
    fig.add_artist(
        Rectangle(
            (x, y - h / 2),
            w,
            h,
            facecolor="none" if key.hollow else key.colour,
            edgecolor=style.GREY if key.hollow else "white",
            hatch=key.hatch,
            linewidth=1,
            transform=fig.transFigure,
            gid="legend",
        )
    )


def draw_legend(fig: Figure, plan: LegendPlan, *, left: float, top: float, height: float) -> None:
    """The planned legend with its top left at (left, top) px from the figure's bottom left."""
    first_line = layout.px(style.SMALL_SIZE) * 0.62  # the middle of a label's first line
    for key, label, (x, y) in zip(plan.keys, plan.labels, plan.positions, strict=True):
        _swatch(fig, key, left + x, top - y - first_line, height)
        fig.text(
            (left + x + SWATCH_W + SWATCH_GAP) / style.WIDTH_PX,
            (top - y) / height,
            label,
            va="top",
            ha="left",
            fontsize=style.SMALL_SIZE,
            gid="legend",
        )


def nice_ticks(low: float, high: float, *, integer: bool = False) -> list[float]:
    """At most six round ticks (1, 2, 2.5 or 5 times a power of ten apart) in [low, high]."""
    locator = MaxNLocator(nbins=5, integer=integer, steps=[1, 2, 2.5, 5, 10])
    slack = (high - low) * 1e-9
    return [float(t) for t in locator.tick_values(low, high) if low - slack <= t <= high + slack]


def tick_labels(ticks: Sequence[float], lang: str) -> list[str]:
    decimals = 0 if all(float(t).is_integer() for t in ticks) else 1
    if decimals and not all(math.isclose(t * 10, round(t * 10)) for t in ticks):
        decimals = 2
    return [style.number(t, lang, decimals) for t in ticks]


def value_axis(ax: Axes, ticks: Sequence[float], lang: str, *, axis: str = "y") -> None:
    """The ticks, labelled in the reader's number format."""
    labels = tick_labels(ticks, lang)
    if axis == "y":
        ax.set_yticks(ticks, labels)
    else:
        ax.set_xticks(ticks, labels)
