"""Figures for the four data charts, drawn with matplotlib's object-oriented API.

Every function takes chart data from `charts.series` and a language and returns
a `Figure` (nothing is saved here). Layout is fixed with `subplots_adjust`
(`tight_layout` costs more than the drawing). Artists that tests look for carry
a `gid`: "suppressed" for hidden small-count cells, "dropout_warning" for the
drop-out note, a category name for goal-attainment segments.
"""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from charts import style
from charts.legend import Key, figure_legend, value_axis
from charts.series import Cell, ComparisonData, TargetGroupData
from charts.style import number, text
from charts.vocabulary import point_label

BAR_AREA = 0.8  # share of a group's slot filled by its bars


def new_figure(
    title: str, *, left: float = 0.09, right: float = 0.80, top: float = 0.86, bottom: float = 0.14
) -> tuple[Figure, Axes]:
    fig = Figure(figsize=style.FIGSIZE, dpi=style.DPI)
    ax = fig.add_subplot()
    fig.subplots_adjust(left=left, right=right, top=top, bottom=bottom)
    fig.suptitle(title, fontsize=style.TITLE_SIZE, fontweight="bold", x=0.02, ha="left", y=0.97)
    ax.tick_params(labelsize=style.TICK_SIZE)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return fig, ax


def no_data(fig: Figure, ax: Axes, lang: str) -> Figure:
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
    return fig


def mean_axis_label(scale: object, lang: str) -> str:
    if scale is None:
        return text("chart.axis.mean", lang)
    return text("chart.axis.mean_scale", lang, scale=str(scale))


def _value_top(cells: Sequence[Cell], scale: object) -> float:
    high = getattr(scale, "high", None)
    shown = [c.mean for c in cells if c.mean is not None]
    top = max([*shown, high or 0.0, 1.0])
    return top * 1.15


def add_bar(
    ax: Axes, x: float, height: float, width: float, *, linewidth: float = 0, **style_: object
) -> None:
    """A vertical bar centred on x, added without `ax.bar`'s per-bar autoscaling
    (the charts set their limits themselves); it still lands in `ax.patches`."""
    ax.add_artist(Rectangle((x - width / 2, 0), width, height, linewidth=linewidth, **style_))


def grouped_bars(
    ax: Axes,
    groups: Sequence[str],
    series: Sequence[str],
    cells: Sequence[Sequence[Cell]],  # [series][group]
    *,
    scale: object,
    min_count: int,
    lang: str,
    show_n: bool = True,
) -> None:
    """Bars for each group (x) and series (colour), value and n above each bar."""
    everything = [c for row in cells for c in row]
    top = _value_top(everything, scale)
    width = BAR_AREA / max(len(series), 1)
    stub = top * 0.06
    suppressed_label = text("chart.suppressed", lang, min=min_count)
    bar_width = width * 0.92
    for j, _ in enumerate(series):
        colour = style.SERIES[j % len(style.SERIES)]
        for i, c in enumerate(cells[j]):
            x = i - BAR_AREA / 2 + width * (j + 0.5)
            if c.mean is not None:
                label = number(c.mean, lang)
                if show_n:
                    label += "\n" + text("chart.n", lang, n=c.n)
                add_bar(ax, x, c.mean, bar_width, facecolor=colour, gid="value")
                ax.text(
                    x,
                    c.mean + top * 0.01,
                    label,
                    ha="center",
                    va="bottom",
                    fontsize=style.VALUE_SIZE,
                )
            elif c.suppressed:
                add_bar(
                    ax,
                    x,
                    stub,
                    bar_width,
                    facecolor="none",
                    edgecolor=style.GREY,
                    linewidth=1,
                    hatch=style.SUPPRESSED_HATCH,
                    gid="suppressed",
                )
                ax.text(
                    x,
                    stub + top * 0.01,
                    suppressed_label,
                    ha="center",
                    va="bottom",
                    fontsize=style.SMALL_SIZE,
                    color=style.GREY,
                )
    ax.set_xticks(range(len(groups)), [style.wrap(g, 16) for g in groups])
    ax.set_xlim(-0.6, len(groups) - 0.4)
    ax.set_ylim(0, top)
    value_axis(ax, 0, top / 1.15, lang)
    keys = [Key(name, style.SERIES[j % len(style.SERIES)]) for j, name in enumerate(series)]
    if any(c.suppressed for c in everything):
        label = text("chart.legend.suppressed", lang, min=min_count)
        keys.append(Key(label, style.GREY, hatch=style.SUPPRESSED_HATCH, hollow=True))
    figure_legend(ax.figure, keys, x=0.82, y=0.84)


def draw_target_group(data: TargetGroupData, lang: str = "da") -> Figure:
    fig, ax = new_figure(text("chart.target_group.title", lang, parameter=data.parameter))
    if not data.subgroups:
        return no_data(fig, ax, lang)
    groups = [s if s is not None else text("chart.subgroup.none", lang) for s in data.subgroups]
    by_year = [[row[j] for row in data.cells] for j in range(len(data.years))]
    grouped_bars(
        ax,
        groups,
        [str(y) for y in data.years],
        by_year,
        scale=data.scale,
        min_count=data.min_count,
        lang=lang,
    )
    ax.set_ylabel(mean_axis_label(data.scale, lang), fontsize=style.LABEL_SIZE)
    return fig


def draw_what_works(data: ComparisonData, lang: str = "da") -> Figure:
    title = text(
        "chart.what_works.title",
        lang,
        parameter=data.parameter,
        by=text(f"chart.by.{data.by}", lang),
    )
    fig, ax = new_figure(title)
    if not data.arms:
        return no_data(fig, ax, lang)
    groups = [point_label(p, lang) for p in data.points]
    grouped_bars(
        ax,
        groups,
        list(data.arms),
        data.cells,
        scale=data.scale,
        min_count=data.min_count,
        lang=lang,
    )
    ax.set_ylabel(mean_axis_label(data.scale, lang), fontsize=style.LABEL_SIZE)
    if any(data.population_changes):
        dropout_warning(fig, lang)
    return fig


def dropout_warning(fig: Figure, lang: str) -> None:
    fig.text(
        0.02,
        0.925,
        text("chart.dropout.warning", lang),
        color=style.VERMILLION,
        fontsize=style.LABEL_SIZE,
        va="top",
        gid="dropout_warning",
    )
