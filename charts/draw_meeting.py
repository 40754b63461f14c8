"""Figures for the meeting itself: who has prepared, and the result of the theme vote."""

from __future__ import annotations

from matplotlib.figure import Figure

from charts import style
from charts.draw import new_figure, no_data
from charts.meeting import PreparationData, VoteData
from charts.style import text

NAMES_SHOWN = 8


def _names(names: tuple[str, ...], lang: str) -> str:
    shown = ", ".join(names[:NAMES_SHOWN])
    if len(names) > NAMES_SHOWN:
        shown += " " + text("chart.more", lang, count=len(names) - NAMES_SHOWN)
    return style.shorten(shown, 70)


def draw_preparation(data: PreparationData, lang: str = "da") -> Figure:
    """Two horizontal bars: prepared and not yet prepared, with counts and names."""
    title = text("chart.preparation.title", lang, prepared=data.prepared_count, total=data.total)
    fig, ax = new_figure(title, left=0.16, right=0.96, top=0.85, bottom=0.15)
    if data.total == 0:
        return no_data(fig, ax, lang)
    rows = [
        (text("chart.preparation.prepared", lang), data.prepared_count, data.prepared, style.GREEN),
        (text("chart.preparation.missing", lang), data.missing_count, data.missing, style.ORANGE),
    ]
    for k, (_, count, names, colour) in enumerate(rows):
        y = 1 - k
        ax.barh(y, count, 0.55, color=colour, gid="prepared" if k == 0 else "missing")
        ax.text(
            count + data.total * 0.01,
            y,
            str(count),
            va="center",
            fontsize=style.LABEL_SIZE,
            fontweight="bold",
        )
        if names:
            ax.text(
                data.total * 0.01,
                y - 0.4,
                _names(names, lang),
                va="center",
                fontsize=style.SMALL_SIZE,
                color=style.BLACK,
            )
    ax.set_yticks([1, 0], [label for label, *_ in rows])
    ax.set_ylim(-0.6, 1.6)
    ax.set_xlim(0, data.total * 1.1)
    if data.total <= 20:
        ax.set_xticks(range(data.total + 1))
    ax.set_xlabel(text("chart.axis.participants", lang), fontsize=style.LABEL_SIZE)
    return fig


def draw_votes(data: VoteData, lang: str = "da") -> Figure:
    """One horizontal bar per theme, the most voted on top, vote count at the end."""
    fig, ax = new_figure(text("chart.votes.title", lang), left=0.34, right=0.95, top=0.88)
    if not data.themes:
        return no_data(fig, ax, lang)
    count = len(data.themes)
    most = max(votes for _, votes in data.themes)
    leaders = set(data.leaders)
    for k, (title, votes) in enumerate(data.themes):
        y = count - 1 - k
        colour = style.ORANGE if title in leaders else style.BLUE
        ax.barh(y, votes, 0.6, color=colour, gid="votes")
        ax.text(
            votes + max(most, 1) * 0.01,
            y,
            str(votes),
            va="center",
            fontsize=style.VALUE_SIZE,
            fontweight="bold",
        )
    ax.set_yticks(range(count), [style.shorten(title) for title, _ in reversed(data.themes)])
    ax.set_ylim(-0.6, count - 0.4)
    ax.set_xlim(0, max(most, 1) * 1.12)
    if most <= 20:
        ax.set_xticks(range(most + 1))
    ax.set_xlabel(text("chart.axis.votes", lang), fontsize=style.LABEL_SIZE)
    return fig
