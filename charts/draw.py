"""The bar chart (target group, handbook figure 5), drawn with matplotlib's object-oriented API.

Every function takes chart data from `charts.series` and a language and returns
a `Figure` (nothing is saved here). Layout is planned in pixels (`charts.frame`):
the value-axis label sits above the axes, group labels are wrapped to their slot,
the legend goes below, and the figure grows taller when labels need room. A value
label that is wider than its bar is turned on its side. Artists that tests look for
carry a `gid`: "suppressed" for hidden small-count cells, "dropout_warning" for the
drop-out note, "value" for a shown bar.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from charts import layout, style
from charts.frame import PAD, TICK_GAP, chrome, empty_frame, open_frame
from charts.legend import Key, nice_ticks, tick_labels, value_axis
from charts.series import Cell, TargetGroupData
from charts.style import number, text

BAR_AREA = 0.8  # share of a group's slot filled by its bars
MIN_AXES = 240.0  # px
LABEL_GAP = 4.0  # px between a bar's top and its label
BARS_PX = 220.0  # px at least for the bars themselves, below their labels' headroom


def no_data(title: str, lang: str) -> Figure:
    frame = empty_frame(chrome(title))
    ax = frame.ax
    ax.set_axis_off()
    ax.text(
        0.5,
        0.5,
        text("chart.no_data", lang),
        ha="center",
        va="center",
        fontsize=style.LABEL_SIZE,
        transform=ax.transAxes,
        gid="no_data",
    )
    return frame.fig


def mean_axis_label(scale: object, lang: str) -> str:
    if scale is None:
        return text("chart.axis.mean", lang)
    return text("chart.axis.mean_scale", lang, scale=str(scale))


def value_margin(ticks: Sequence[float], lang: str) -> float:
    """px left of the axes for the value ticks' labels."""
    widest = max((layout.width(t, style.TICK_SIZE) for t in tick_labels(ticks, lang)), default=0)
    return PAD + widest + TICK_GAP


def add_bar(
    ax: Axes, x: float, height: float, width: float, *, linewidth: float = 0, **style_: Any
) -> None:
    """A vertical bar centred on x, added without `ax.bar`'s per-bar autoscaling
    (the charts set their limits themselves); it still lands in `ax.patches`."""
    ax.add_artist(Rectangle((x - width / 2, 0), width, height, linewidth=linewidth, **style_))


@dataclass(frozen=True)
class Bars:
    """Grouped bars: one group per x position, one series per colour."""

    groups: Sequence[str]
    series: Sequence[str]
    cells: Sequence[Sequence[Cell]]  # [series][group]
    scale: object
    min_count: int


def _labels(bars: Bars, lang: str, slot: float) -> tuple[dict[tuple[int, int], str], bool]:
    """The label over each bar (value and n, or "n<5"), and whether they stand on their side:
    when any is wider than a bar's slot, all are turned, so none overlaps its neighbour."""
    labels = {}
    for j, row in enumerate(bars.cells):
        for i, c in enumerate(row):
            if c.mean is not None:
                labels[j, i] = number(c.mean, lang) + "\n" + text("chart.n", lang, n=c.n)
            elif c.suppressed:
                labels[j, i] = text("chart.suppressed", lang, min=bars.min_count)
    turned = any(layout.width(label, style.VALUE_SIZE) > slot - 4 for label in labels.values())
    if turned:
        labels = {key: label.replace("\n", " ") for key, label in labels.items()}
    return labels, turned


def bar_chart(
    title: str, bars: Bars, lang: str, *, note: str, warning: str | None = None
) -> Figure:
    """Bars for each group (x) and series (colour), value and n above each bar."""
    everything = [c for row in bars.cells for c in row]
    high = max(
        [*(c.mean for c in everything if c.mean is not None), getattr(bars.scale, "high", 0), 1]
    )
    ticks = nice_ticks(0, high)
    left = value_margin(ticks, lang)
    unit = (style.WIDTH_PX - left - PAD) / (len(bars.groups) + 0.2)  # px per group
    groups = [layout.wrap(g, unit - 10, style.TICK_SIZE, max_lines=4) for g in bars.groups]
    width = BAR_AREA / max(len(bars.series), 1)
    labels, turned = _labels(bars, lang, width * unit)
    measure = layout.width if turned else layout.height
    headroom = max((measure(label, style.VALUE_SIZE) for label in labels.values()), default=0)
    headroom += LABEL_GAP * 2
    keys = [Key(name, style.SERIES[j % len(style.SERIES)]) for j, name in enumerate(bars.series)]
    if any(c.suppressed for c in everything):
        label = text("chart.legend.suppressed", lang, min=bars.min_count)
        keys.append(Key(label, style.GREY, hatch=style.SUPPRESSED_HATCH, hollow=True))
    below = TICK_GAP + max(layout.height(g, style.TICK_SIZE) for g in groups)
    frame = open_frame(
        chrome(title, warning=warning, note=note, keys=keys),
        left=left,
        below=below,
        axes_height=max(MIN_AXES, headroom + BARS_PX),
    )
    ax = frame.ax
    per_value = (frame.axes_height - headroom) / high  # px per unit of value
    _draw_bars(ax, bars, labels, turned, width=width, stub=high * 0.06, gap=LABEL_GAP / per_value)
    ax.set_xticks(range(len(groups)), groups)
    ax.set_xlim(-0.6, len(groups) - 0.4)
    ax.set_ylim(0, frame.axes_height / per_value)
    ax.spines["left"].set_bounds(0, high)
    value_axis(ax, ticks, lang)
    return frame.fig


def _draw_bars(
    ax: Axes,
    bars: Bars,
    labels: dict[tuple[int, int], str],
    turned: bool,
    *,
    width: float,
    stub: float,
    gap: float,
) -> None:
    bar_width = width * 0.92
    turn: dict[str, Any] = {"rotation": 90} if turned else {}
    for j, row in enumerate(bars.cells):
        colour = style.SERIES[j % len(style.SERIES)]
        for i, c in enumerate(row):
            x = i - BAR_AREA / 2 + width * (j + 0.5)
            if c.mean is not None:
                add_bar(ax, x, c.mean, bar_width, facecolor=colour, gid="value")
                ax.text(x, c.mean + gap, labels[j, i], ha="center", va="bottom",
                        fontsize=style.VALUE_SIZE, **turn)  # fmt: skip
            elif c.suppressed:
                add_bar(ax, x, stub, bar_width, facecolor="none", edgecolor=style.GREY,
                        linewidth=1, hatch=style.SUPPRESSED_HATCH, gid="suppressed")  # fmt: skip
                ax.text(x, stub + gap, labels[j, i], ha="center", va="bottom",
                        fontsize=style.SMALL_SIZE, color=style.GREY, **turn)  # fmt: skip


def draw_target_group(data: TargetGroupData, lang: str = "da") -> Figure:
    title = text("chart.target_group.title", lang, parameter=data.parameter)
    if not data.subgroups:
        return no_data(title, lang)
    groups = [s if s is not None else text("chart.subgroup.none", lang) for s in data.subgroups]
    by_year = [[row[j] for row in data.cells] for j in range(len(data.years))]
    bars = Bars(groups, [str(y) for y in data.years], by_year, data.scale, data.min_count)
    return bar_chart(title, bars, lang, note=mean_axis_label(data.scale, lang))
