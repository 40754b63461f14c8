"""Goal attainment: one 100 % horizontal stacked bar per parameter, five categories.

Progression goals are plain colours (greens, blue-ish, yellow); stabilisation
goals are hatched; deterioration is vermillion. Segments are `Rectangle`s (in
`ax.patches`) with the category name as `gid` (added directly: `barh` recomputes
the data limits per bar, which costs more than drawing them); parameter labels
are axes texts with `gid="parameter"`; a bar with too few citizens is one
hatched "suppressed" outline (labelled n<5, or "hidden" when it is hidden so that
charts sent together give no one away). Categories merged by `charts.disclosure` are
one grey segment at the end of the bar (`gid="few"`), "Few citizens: 17 %".
"""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from charts import style
from charts.attainment_layout import AttainmentFrame, attainment_frame
from charts.draw import no_data
from charts.series import CATEGORIES, GoalAttainmentData
from charts.style import percent, text

BAR_HEIGHT = 0.6


def draw_goal_attainment(data: GoalAttainmentData, lang: str = "da") -> Figure:
    title = text("chart.goal_attainment.title", lang)
    if not data.bars:
        return no_data(title, lang)
    page = attainment_frame(title, data, lang)  # labels, rows and legend laid out in px
    fig, ax = page.frame.fig, page.frame.ax
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
            if page.fits(percent(width / 100, lang), width):
                ax.text(
                    lefts[k] + width / 2,
                    ys[k],
                    percent(width / 100, lang),
                    ha="center",
                    va="center",
                    fontsize=style.VALUE_SIZE,
                    color=style.CATEGORY_TEXT[name],
                    # on hatching, the number sits on a patch of the segment's own colour
                    bbox={
                        "facecolor": style.CATEGORY_COLOURS[name],
                        "edgecolor": "none",
                        "boxstyle": "square,pad=0.1",
                    }
                    if hatch
                    else None,
                )
            lefts[k] += width
    _few_segments(ax, data, ys, lefts, page, lang)
    _empty_bars(ax, data, ys, lang)
    for y, bar, label in zip(ys, data.bars, page.names, strict=True):
        if bar.n and not bar.suppressed:
            label += "\n" + text("chart.n", lang, n=bar.n)
        ax.text(
            page.label_x,
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
        if bar.suppressed:  # small, or hidden with a small one elsewhere: read the same
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


def _few_segments(
    ax: Axes,
    data: GoalAttainmentData,
    ys: list[int],
    lefts: list[float],
    page: AttainmentFrame,
    lang: str,
) -> None:
    """The merged "few citizens" segment of each bar that has one, after its categories."""
    for k, bar in enumerate(data.bars):
        if not bar.few or bar.suppressed:
            continue
        width = bar.few_share * 100
        segment = Rectangle((lefts[k], ys[k] - BAR_HEIGHT / 2), width, BAR_HEIGHT,
                            facecolor=style.LIGHT_GREY, edgecolor="white", linewidth=1,
                            gid="few")  # fmt: skip
        ax.add_artist(segment)
        share = percent(bar.few_share, lang)
        named = text("chart.few.segment", lang, share=share)
        label = named if page.fits(named, width) else share if page.fits(share, width) else ""
        if label:
            ax.text(lefts[k] + width / 2, ys[k], label, ha="center", va="center",
                    fontsize=style.VALUE_SIZE, color=style.BLACK)  # fmt: skip
        lefts[k] += width
