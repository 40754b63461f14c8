"""Goal attainment: one 100 % horizontal stacked bar per parameter, five categories.

Progression goals are plain colours (greens, blue-ish, yellow); stabilisation
goals are hatched; deterioration is vermillion. Segments are `Rectangle`s (in
`ax.patches`) with the category name as `gid` (added directly: `barh` recomputes
the data limits per bar, which costs more than drawing them); parameter labels
are axes texts with `gid="parameter"`; a bar with too few citizens is one
hatched "suppressed" outline.
"""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from charts import style
from charts.draw import new_figure, no_data
from charts.legend import Key, figure_legend
from charts.series import CATEGORIES, GoalAttainmentData
from charts.style import percent, text

BAR_HEIGHT = 0.6


def draw_goal_attainment(data: GoalAttainmentData, lang: str = "da") -> Figure:
    fig, ax = new_figure(
        text("chart.goal_attainment.title", lang), left=0.24, right=0.96, top=0.86, bottom=0.2
    )
    if not data.bars:
        return no_data(fig, ax, lang)
    count = len(data.bars)
    ys = [count - 1 - k for k in range(count)]  # first parameter on top
    lefts = [0.0] * count
    for c, category in enumerate(CATEGORIES):
        name = category.value
        rows = [k for k, bar in enumerate(data.bars) if bar.shares[c] > 0 and not bar.suppressed]
        if not rows:
            continue
        hatch = style.STABILISATION_HATCH if name == "stabilisation_reached" else None
        for k in rows:
            width = data.bars[k].shares[c] * 100
            segment = Rectangle(
                (lefts[k], ys[k] - BAR_HEIGHT / 2),
                width,
                BAR_HEIGHT,
                facecolor=style.CATEGORY_COLOURS[name],
                edgecolor="white",
                linewidth=1,
                hatch=hatch,
                gid=name,
            )
            ax.add_artist(segment)
            if width >= 7:
                ax.text(
                    lefts[k] + width / 2,
                    ys[k],
                    percent(width / 100, lang),
                    ha="center",
                    va="center",
                    fontsize=style.VALUE_SIZE,
                    color=style.CATEGORY_TEXT[name],
                )
            lefts[k] += width
    _empty_bars(ax, data, ys, lang)
    for y, bar in zip(ys, data.bars, strict=True):
        label = style.wrap(bar.parameter, 26)
        if bar.n and not bar.suppressed:
            label += "\n" + text("chart.n", lang, n=bar.n)
        ax.text(
            -0.015,
            y,
            label,
            ha="right",
            va="center",
            fontsize=style.TICK_SIZE,
            transform=ax.get_yaxis_transform(),
            gid="parameter",
        )
    ax.set_ylim(-0.6, count - 0.4)
    ax.set_xlim(0, 100)
    # Every segment carries its percentage and each bar is 100 %: no x axis needed.
    ax.xaxis.set_visible(False)
    ax.yaxis.set_visible(False)
    ax.spines["bottom"].set_visible(False)
    keys = [
        Key(
            text(f"chart.category.{c.value}", lang),
            style.CATEGORY_COLOURS[c.value],
            hatch=style.STABILISATION_HATCH if c.value == "stabilisation_reached" else None,
        )
        for c in CATEGORIES
    ]
    figure_legend(fig, keys, x=0.04, y=0.13, columns=3, column_width=0.32, wrap=34)
    return fig


def _empty_bars(ax: Axes, data: GoalAttainmentData, ys: list[int], lang: str) -> None:
    """Bars without shares: hatched when hidden for small counts, plain when there is no data."""
    for k, bar in enumerate(data.bars):
        if not bar.suppressed and bar.n > 0:
            continue
        outline = Rectangle(
            (0, ys[k] - BAR_HEIGHT / 2),
            100,
            BAR_HEIGHT,
            facecolor="none",
            edgecolor=style.GREY,
            linewidth=1,
            hatch=style.SUPPRESSED_HATCH if bar.suppressed else None,
            gid="suppressed" if bar.suppressed else "empty",
        )
        ax.add_artist(outline)
        if bar.suppressed:
            label = text("chart.suppressed", lang, min=data.min_count)
        else:
            label = text("chart.no_data", lang)
        ax.text(
            50,
            ys[k],
            label,
            ha="center",
            va="center",
            fontsize=style.VALUE_SIZE,
            color=style.BLACK,
            backgroundcolor="white",
        )
