"""The page around a chart's axes, laid out in pixels: title, warning and axis note
above, tick labels and the legend below, and a figure that grows taller when they
need room.

Every chart first plans its `Chrome` (the wrapped title, the legend's layout), then
measures its own margins (tick labels), then asks for a `Frame`: a 1000 px wide
figure at least 600 px tall with the axes placed exactly where the margins leave
room. Nothing is measured by drawing (no `tight_layout`): the text widths come
from `charts.layout`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from charts import layout, style
from charts.legend import Key, LegendPlan, draw_legend, plan_legend

PAD = 16.0  # px between the figure's edge and anything on it
GAP = 12.0  # px between blocks (title, warning, axes, legend)
TICK_GAP = layout.px(3.5 + 3.5)  # tick length and label pad
LEGEND_GAP = 24.0  # px between the tick labels (or axis label) and the legend
ROOM = style.WIDTH_PX - 2 * PAD  # px of a full-width line


@dataclass(frozen=True)
class Chrome:
    """What surrounds the axes: title, warning and axis note above; legend below."""

    title: str
    warning: str | None = None
    note: str | None = None
    legend: LegendPlan | None = None

    @property
    def top(self) -> float:
        """px from the figure's top to the axes' top."""
        height = PAD + layout.height(self.title, style.TITLE_SIZE) + GAP
        if self.warning:
            height += layout.height(self.warning, style.LABEL_SIZE) + GAP
        if self.note:
            height += layout.height(self.note, style.LABEL_SIZE) + GAP / 2
        return height

    @property
    def bottom(self) -> float:
        """px from the figure's bottom to where the things below the axes may start."""
        return PAD + (self.legend.height + LEGEND_GAP if self.legend else 0.0)


def chrome(
    title: str, *, warning: str | None = None, note: str | None = None, keys: Sequence[Key] = ()
) -> Chrome:
    return Chrome(
        layout.wrap(title, ROOM, style.TITLE_SIZE, bold=True),
        layout.wrap(warning, ROOM, style.LABEL_SIZE) if warning else None,
        layout.shorten(note, ROOM, style.LABEL_SIZE) if note else None,
        plan_legend(keys, ROOM),
    )


@dataclass(frozen=True)
class Frame:
    fig: Figure
    ax: Axes
    height: float  # figure px
    left: float  # axes' left edge, px from the figure's left
    width: float  # axes px
    axes_height: float  # axes px


def figure_height(chrome: Chrome, *, below: float, axes_height: float) -> float:
    """At least 600 px; a multiple of 10 px, so that inches * dpi is exact."""
    need = chrome.top + axes_height + below + chrome.bottom
    return max(float(style.MIN_HEIGHT_PX), math.ceil(need / 10) * 10)


def open_frame(
    chrome: Chrome, *, left: float, right: float = PAD, below: float, axes_height: float
) -> Frame:
    """A figure with the axes `left`/`right` px from the sides, `below` px above the
    legend (for tick labels and axis label) and at least `axes_height` px tall."""
    height = figure_height(chrome, below=below, axes_height=axes_height)
    fig = Figure(figsize=(style.WIDTH_PX / style.DPI, height / style.DPI), dpi=style.DPI)
    bottom = chrome.bottom + below
    inner = height - chrome.top - bottom
    width = style.WIDTH_PX - left - right
    ax = fig.add_axes(
        (left / style.WIDTH_PX, bottom / height, width / style.WIDTH_PX, inner / height)
    )
    ax.tick_params(labelsize=style.TICK_SIZE)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.suptitle(
        chrome.title,
        fontsize=style.TITLE_SIZE,
        fontweight="bold",
        x=PAD / style.WIDTH_PX,
        y=1 - PAD / height,
        ha="left",
        va="top",
    )
    y = height - PAD - layout.height(chrome.title, style.TITLE_SIZE) - GAP
    if chrome.warning:
        fig.text(
            PAD / style.WIDTH_PX,
            y / height,
            chrome.warning,
            color=style.WARNING,
            fontsize=style.LABEL_SIZE,
            va="top",
            gid="dropout_warning",
        )
    if chrome.note:
        ax.set_ylabel(chrome.note, fontsize=style.LABEL_SIZE, rotation=0, ha="left", va="bottom")
        ax.yaxis.set_label_coords((PAD - left) / width, 1 + GAP / 2 / inner)
    if chrome.legend:
        top = PAD + chrome.legend.height
        draw_legend(fig, chrome.legend, left=PAD, top=top, height=height)
    return Frame(fig, ax, height, left, width, inner)


def empty_frame(chrome: Chrome) -> Frame:
    return open_frame(chrome, left=PAD, below=0.0, axes_height=0.0)
