"""Figures for the meeting itself: who has prepared, and the result of the theme vote.

Both are horizontal bars with their labels on the left, laid out in pixels: a row is
as tall as its label needs, names are wrapped under their bar, a theme is wrapped to
three lines (then shortened; the caption has it in full), and the count at a bar's end
always has room.
"""

from __future__ import annotations

from matplotlib.figure import Figure

from charts import layout, style
from charts.draw import no_data
from charts.frame import PAD, TICK_GAP, chrome, open_frame
from charts.legend import nice_ticks, value_axis
from charts.meeting import PreparationData, VoteData
from charts.style import text

NAMES_SHOWN = 8
NAME_LINES = 4
THEME_LINES = 3
BAR_PX = 40.0  # thickness of a bar
ROW_GAP = 14.0  # px between rows
LABEL_SHARE = 0.5  # at most, of the figure's width, for the labels left of the bars


def _pack(parts: list[str], room: float) -> list[str]:
    """Names (each with its comma) on lines of at most `room` px; a name is broken only
    when it is wider than a line."""
    rows: list[str] = []
    for part in parts:
        if rows and layout.width(f"{rows[-1]} {part}", style.SMALL_SIZE) <= room:
            rows[-1] += f" {part}"
        else:
            rows += layout.wrap(part, room, style.SMALL_SIZE, max_lines=NAME_LINES).split("\n")
    return rows


def _names(names: tuple[str, ...], lang: str, room: float) -> str:
    """As many names as fit on NAME_LINES lines, then "and N more"."""
    for shown in range(min(len(names), NAMES_SHOWN), 0, -1):
        parts = [f"{name}," for name in names[: shown - 1]] + [names[shown - 1]]
        if shown < len(names):
            parts.append(text("chart.more", lang, count=len(names) - shown))
        rows = _pack(parts, room)
        if len(rows) <= NAME_LINES:
            return "\n".join(rows)
    return layout.wrap(", ".join(names), room, style.SMALL_SIZE, max_lines=NAME_LINES)


def _count_room(counts: list[int], axes_width: float) -> float:
    """The x limit over the largest count, leaving room for the count written after it."""
    most = max([*counts, 1])
    label = max(layout.width(str(c), style.LABEL_SIZE, bold=True) for c in [*counts, 1]) + 12
    return most * axes_width / (axes_width - label)


def _label_column(labels: list[str], lines: int) -> tuple[list[str], float]:
    """Labels wrapped for the column left of the bars, and that column's width in px."""
    room = style.WIDTH_PX * LABEL_SHARE
    wrapped = [layout.wrap(label, room, style.TICK_SIZE, max_lines=lines) for label in labels]
    return wrapped, max(layout.width(w, style.TICK_SIZE) for w in wrapped)


def _count_axis(total: int, lang: str) -> tuple[list[float], float]:
    """Round whole-number ticks up to `total`, and the px they need below the axes."""
    ticks = nice_ticks(0, max(total, 1), integer=True)
    return ticks, TICK_GAP + layout.height(1, style.TICK_SIZE) * 2 + 8


def draw_preparation(data: PreparationData, lang: str = "da") -> Figure:
    """Two horizontal bars: prepared and not yet prepared, with counts and names."""
    title = text("chart.preparation.title", lang, prepared=data.prepared_count, total=data.total)
    if data.total == 0:
        return no_data(title, lang)
    rows = [
        (text("chart.preparation.prepared", lang), data.prepared_count, data.prepared, style.GREEN),
        (text("chart.preparation.missing", lang), data.missing_count, data.missing, style.ORANGE),
    ]
    labels, column = _label_column([label for label, *_ in rows], 2)
    left = PAD + column + TICK_GAP
    axes_width = style.WIDTH_PX - left - PAD
    names = [_names(n, lang, axes_width - 8) if n else "" for *_, n, _ in rows]
    heights = [BAR_PX + (layout.height(n, style.SMALL_SIZE) + 6 if n else 0) for n in names]
    ticks, below = _count_axis(data.total, lang)
    frame = open_frame(
        chrome(title, note=None),
        left=left,
        below=below,
        axes_height=sum(heights) + ROW_GAP * 3,
    )
    ax = frame.ax
    ax.set_ylim(0, frame.axes_height)  # y in px from the axes' bottom
    limit = max(_count_room([data.prepared_count, data.missing_count], axes_width), data.total)
    spare = (frame.axes_height - sum(heights)) / 3
    y_top = frame.axes_height - spare
    centres = []
    for k, (_, count, _, colour) in enumerate(rows):
        centre = y_top - BAR_PX / 2
        centres.append(centre)
        ax.barh(centre, count, BAR_PX, color=colour, gid="prepared" if k == 0 else "missing")
        ax.text(count + limit * 0.01, centre, str(count), va="center",
                fontsize=style.LABEL_SIZE, fontweight="bold")  # fmt: skip
        if names[k]:
            ax.text(limit * 0.005, centre - BAR_PX / 2 - 6, names[k], va="top",
                    fontsize=style.SMALL_SIZE, color=style.BLACK)  # fmt: skip
        y_top -= heights[k] + spare
    ax.set_yticks(centres, labels)
    ax.tick_params(axis="y", length=0)
    value_axis(ax, ticks, lang, axis="x")
    ax.set_xlim(0, limit)
    ax.set_xlabel(text("chart.axis.participants", lang), fontsize=style.LABEL_SIZE)
    return frame.fig


def draw_votes(data: VoteData, lang: str = "da") -> Figure:
    """One horizontal bar per theme, the most voted on top, vote count at the end."""
    title = text("chart.votes.title", lang)
    if not data.themes:
        return no_data(title, lang)
    count = len(data.themes)
    most = max(votes for _, votes in data.themes)
    leaders = set(data.leaders)
    labels, column = _label_column([t for t, _ in data.themes], THEME_LINES)
    pitch = max(max(layout.height(label, style.TICK_SIZE) for label in labels), BAR_PX) + ROW_GAP
    left = PAD + column + TICK_GAP
    ticks, below = _count_axis(most, lang)
    frame = open_frame(chrome(title), left=left, below=below, axes_height=pitch * (count + 0.2))
    ax = frame.ax
    bar = BAR_PX / frame.axes_height * (count + 0.2)  # in row units
    limit = _count_room([votes for _, votes in data.themes], frame.width)
    for k, (theme, votes) in enumerate(data.themes):
        y = count - 1 - k
        colour = style.ORANGE if theme in leaders else style.BLUE
        ax.barh(y, votes, bar, color=colour, gid="votes")
        ax.text(votes + limit * 0.01, y, str(votes), va="center",
                fontsize=style.VALUE_SIZE, fontweight="bold")  # fmt: skip
    ax.set_yticks(range(count), labels[::-1])
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(-0.6, count - 0.4)
    value_axis(ax, ticks, lang, axis="x")
    ax.set_xlim(0, limit)
    ax.set_xlabel(text("chart.axis.votes", lang), fontsize=style.LABEL_SIZE)
    return frame.fig
