"""A light legend drawn straight on the figure, and value ticks with local number format.

matplotlib's `Legend` measures and lays out its entries on every save, which
costs as much as the rest of a small chart; these charts know where their
legend goes, so they place swatches and labels at fixed figure coordinates.
Legend labels are figure texts with `gid="legend"`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.ticker import MaxNLocator

from charts import style

SWATCH_W, SWATCH_H = 0.022, 0.032
LINE_H = 0.034  # height of one text line at SMALL_SIZE in figure coordinates


@dataclass(frozen=True)
class Key:
    label: str
    colour: str
    hatch: str | None = None
    line: bool = False  # a line with a marker instead of a filled swatch
    hollow: bool = False  # outline only (suppressed cells)


def _swatch(fig: Figure, key: Key, x: float, y: float) -> None:
    if key.line:
        fig.add_artist(
            Line2D(
                [x, x + SWATCH_W],
                [y, y],
                color=key.colour,
                linewidth=2.5,
                marker="o",
                markersize=6,
                markevery=[1],
                transform=fig.transFigure,
            )
        )
        return
    fig.add_artist(
        Rectangle(
            (x, y - SWATCH_H / 2),
            SWATCH_W,
            SWATCH_H,
            facecolor="none" if key.hollow else key.colour,
            edgecolor=style.GREY if key.hollow else "white",
            hatch=key.hatch,
            linewidth=1,
            transform=fig.transFigure,
        )
    )


def figure_legend(
    fig: Figure,
    keys: Sequence[Key],
    *,
    x: float,
    y: float,
    columns: int = 1,
    column_width: float = 0.3,
    wrap: int = 20,
) -> None:
    """Keys from (x, y) downwards, filling `columns` columns row by row."""
    rows = [keys[i : i + columns] for i in range(0, len(keys), columns)]
    for row in rows:
        labels = [style.wrap(k.label, wrap) for k in row]
        height = max(label.count("\n") + 1 for label in labels) * LINE_H + 0.012
        for col, (key, label) in enumerate(zip(row, labels, strict=True)):
            left = x + col * column_width
            _swatch(fig, key, left, y)
            fig.text(
                left + SWATCH_W + 0.012,
                y,
                label,
                va="center",
                ha="left",
                fontsize=style.SMALL_SIZE,
                gid="legend",
            )
        y -= height


def value_axis(ax: Axes, low: float, high: float, lang: str, *, axis: str = "y") -> None:
    """At most six round ticks between low and high, labelled in the reader's number format."""
    ticks = [t for t in MaxNLocator(nbins=5).tick_values(low, high) if low <= t <= high + 1e-9]
    decimals = 0 if all(float(t).is_integer() for t in ticks) else 1
    labels = [style.number(t, lang, decimals) for t in ticks]
    if axis == "y":
        ax.set_yticks(ticks, labels)
    else:
        ax.set_xticks(ticks, labels)
