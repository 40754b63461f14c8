"""Chart data -> PNG with alt text and caption.

`draw_<kind>(data, lang) -> Figure` builds the figure (tests read its artists);
`render_<kind>(data, lang) -> RenderedChart` draws, saves to PNG and adds the
alt text and the "how to read this figure" caption. `render(data, lang)` picks
the kind from the data's type. Bump `RENDERER_VERSION` whenever the look or the
texts of a chart change: it is part of the cache key.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from matplotlib.figure import Figure

from charts import alt_text, captions
from charts.draw import draw_target_group
from charts.draw_attainment import draw_goal_attainment
from charts.draw_follow_up import draw_follow_up, follow_up_captions  # issue 17
from charts.draw_meeting import draw_preparation, draw_votes
from charts.draw_progression import draw_progression, draw_what_works
from charts.meeting import PreparationData, VoteData
from charts.series import ComparisonData, GoalAttainmentData, ProgressionData, TargetGroupData
from flows.follow_up import FollowUp

RENDERER_VERSION = "5"

ChartData = (
    TargetGroupData
    | GoalAttainmentData
    | ProgressionData
    | ComparisonData
    | PreparationData
    | VoteData
    | FollowUp  # the group's follow-up (issue 17)
)


@dataclass(frozen=True)
class RenderedChart:
    kind: str
    png: bytes
    alt_text: str
    caption: str


@dataclass(frozen=True)
class _Kind:
    data_type: type
    draw: Callable[[Any, str], Figure]
    captions: Callable[[Any, str], tuple[str, str]]


KINDS: dict[str, _Kind] = {
    "target_group": _Kind(TargetGroupData, draw_target_group, captions.target_group),
    "goal_attainment": _Kind(GoalAttainmentData, draw_goal_attainment, captions.goal_attainment),
    "progression": _Kind(ProgressionData, draw_progression, captions.progression),
    "what_works": _Kind(ComparisonData, draw_what_works, captions.what_works),
    "preparation": _Kind(PreparationData, draw_preparation, captions.preparation),
    "votes": _Kind(VoteData, draw_votes, captions.votes),
    "follow_up": _Kind(FollowUp, draw_follow_up, follow_up_captions),  # issue 17
}


def kind_of(data: ChartData) -> str:
    for name, kind in KINDS.items():
        if isinstance(data, kind.data_type):
            return name
    raise TypeError(f"no chart for {type(data).__name__}")


#: zlib level for the PNG: 1 encodes several ms faster than the default 6, and
#: the files (mostly flat colour) grow only modestly.
PNG_COMPRESS_LEVEL = 1


def to_png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", pil_kwargs={"compress_level": PNG_COMPRESS_LEVEL})
    return buffer.getvalue()


def render(data: ChartData, lang: str = "da") -> RenderedChart:
    """Draw any chart data as a PNG with its alt text and caption."""
    name = kind_of(data)
    kind = KINDS[name]
    alt, caption = alt_text.fit(name, data, *kind.captions(data, lang), lang)
    return RenderedChart(name, to_png(kind.draw(data, lang)), alt, caption)


def render_target_group(data: TargetGroupData, lang: str = "da") -> RenderedChart:
    return render(data, lang)


def render_goal_attainment(data: GoalAttainmentData, lang: str = "da") -> RenderedChart:
    return render(data, lang)


def render_progression(data: ProgressionData, lang: str = "da") -> RenderedChart:
    return render(data, lang)


def render_what_works(data: ComparisonData, lang: str = "da") -> RenderedChart:
    return render(data, lang)


def render_preparation(data: PreparationData, lang: str = "da") -> RenderedChart:
    return render(data, lang)


def render_votes(data: VoteData, lang: str = "da") -> RenderedChart:
    return render(data, lang)


__all__ = [
    "KINDS",
    "RENDERER_VERSION",
    "ChartData",
    "RenderedChart",
    "draw_goal_attainment",
    "draw_preparation",
    "draw_progression",
    "draw_target_group",
    "draw_votes",
    "draw_what_works",
    "kind_of",
    "render",
    "render_goal_attainment",
    "render_preparation",
    "render_progression",
    "render_target_group",
    "render_votes",
    "render_what_works",
    "to_png",
]
