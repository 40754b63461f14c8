"""The follow-up chart (issue 17): for each of a group's last meetings, the share of its
participants who prepared, of the last meeting's agreements given a status at "since
last", and of its actions (those due) done on time; a meeting held off the group's rhythm
says so under its label. Drawn from `flows.follow_up.FollowUp`, which holds no citizen
data (nothing to hide: the counts are the group's own people and agreements).
"""

from __future__ import annotations

from matplotlib.figure import Figure

from charts import layout, style
from charts.draw import add_bar, no_data, value_margin
from charts.frame import TICK_GAP, chrome, open_frame
from charts.legend import Key, value_axis
from charts.style import percent, text
from flows.follow_up import FollowUp, MeetingFollowUp

SERIES = ("prepared", "followed_up", "on_time")
COLOURS = (style.BLUE, style.ORANGE, style.GREEN)
BAR_AREA = 0.8
AXES_PX = 300.0
TICKS = (0.0, 25.0, 50.0, 75.0, 100.0)


def shares(m: MeetingFollowUp) -> tuple[float | None, float | None, float | None]:
    """The meeting's three shares (0 to 1; None: nothing to count)."""
    due = m.on_time + m.late + m.dropped + m.overdue
    return (
        m.prepared / m.participants if m.participants else None,
        m.followed_up / m.agreements if m.agreements else None,
        m.on_time / due if due else None,
    )


def _label(m: MeetingFollowUp, lang: str) -> str:
    label = text("chart.follow_up.meeting", lang, number=m.number)
    if not m.on_rhythm:
        label += "\n(" + text("chart.follow_up.off_rhythm", lang) + ")"
    return label


def draw_follow_up(data: FollowUp, lang: str = "da") -> Figure:
    title = text("chart.follow_up.title", lang)
    if not data.meetings:
        return no_data(title, lang)
    keys = [
        Key(text(f"chart.follow_up.{name}", lang), c)
        for name, c in zip(SERIES, COLOURS, strict=True)
    ]
    labels = [_label(m, lang) for m in data.meetings]
    left = value_margin(TICKS, lang)
    below = TICK_GAP + max(layout.height(label, style.TICK_SIZE) for label in labels)
    note = text("chart.follow_up.axis", lang)
    frame = open_frame(
        chrome(title, note=note, keys=keys), left=left, below=below, axes_height=AXES_PX
    )
    ax = frame.ax
    width = BAR_AREA / len(SERIES)
    for i, m in enumerate(data.meetings):
        for j, share in enumerate(shares(m)):
            if share is None:
                continue
            x = i - BAR_AREA / 2 + width * (j + 0.5)
            add_bar(ax, x, share * 100, width * 0.92, facecolor=COLOURS[j], gid=SERIES[j])
            ax.text(
                x,
                share * 100 + 2,
                percent(share, lang),
                ha="center",
                va="bottom",
                fontsize=style.SMALL_SIZE,
                rotation=90 if len(data.meetings) > 3 else 0,
            )
    ax.set_xticks(range(len(labels)), labels)
    ax.set_xlim(-0.6, len(labels) - 0.4)
    ax.set_ylim(0, 125)
    ax.spines["left"].set_bounds(0, 100)
    value_axis(ax, TICKS, lang)
    return frame.fig


def follow_up_captions(data: FollowUp, lang: str) -> tuple[str, str]:
    """(alt text, caption): every share, by meeting; the caption says how to read it."""
    names = [text(f"chart.follow_up.{name}", lang) for name in SERIES]
    none = text("chart.follow_up.none", lang)
    items = []
    for m in data.meetings:
        parts = [
            f"{name} {percent(share, lang) if share is not None else none}"
            for name, share in zip(names, shares(m), strict=True)
        ]
        items.append(
            text("chart.follow_up.alt_meeting", lang, number=m.number, shares=", ".join(parts))
        )
    title = text("chart.follow_up.title", lang)
    alt = text("chart.follow_up.alt", lang, title=title, items="; ".join(items))
    caption = text("chart.follow_up.how", lang)
    if any(not m.on_rhythm for m in data.meetings):
        caption += " " + text("chart.follow_up.off_note", lang)
    return alt, caption
