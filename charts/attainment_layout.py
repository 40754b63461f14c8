"""The page of the goal-attainment chart: parameter labels in a column left of the
bars (wrapped, at most three lines and n), rows as tall as their labels, the legend
of the five categories below, and which percentages fit inside their segment."""

from __future__ import annotations

from dataclasses import dataclass

from charts import layout, style
from charts.frame import PAD, TICK_GAP, Frame, chrome, open_frame
from charts.legend import Key
from charts.series import CATEGORIES, GoalAttainmentData
from charts.style import text

MAX_COLUMN = 0.4 * style.WIDTH_PX  # px for the parameter labels
MIN_PITCH = 60.0  # px per bar and its gap
LABEL_GAP = 12.0  # px between two rows' labels
SEGMENT_PAD = 8.0  # px a percentage keeps clear of its segment's edges


@dataclass(frozen=True)
class AttainmentFrame:
    frame: Frame
    names: tuple[str, ...]  # each parameter's name, wrapped for the label column
    label_x: float  # the labels' right edge, in axes coordinates

    def fits(self, label: str, share_width: float) -> bool:
        """Whether `label` fits inside a segment `share_width` percent wide."""
        room = share_width / 100 * self.frame.width
        return layout.width(label, style.VALUE_SIZE) + SEGMENT_PAD <= room


def _keys(data: GoalAttainmentData, lang: str) -> list[Key]:
    """A key per category, and for the grey merged segment and hidden bars when drawn."""
    keys = [
        Key(
            text(f"chart.category.{c.value}", lang),
            style.CATEGORY_COLOURS[c.value],
            hatch=style.STABILISATION_HATCH if c.value == "stabilisation_reached" else None,
        )
        for c in CATEGORIES
    ]
    if any(bar.few and not bar.suppressed for bar in data.bars):
        keys.append(Key(text("chart.legend.few", lang, min=data.min_count), style.LIGHT_GREY))
    if any(bar.suppressed for bar in data.bars):
        label = text("chart.legend.suppressed", lang, min=data.min_count)
        keys.append(Key(label, style.GREY, hatch=style.SUPPRESSED_HATCH, hollow=True))
    return keys


def attainment_frame(title: str, data: GoalAttainmentData, lang: str) -> AttainmentFrame:
    names = [layout.wrap(bar.parameter, MAX_COLUMN, style.TICK_SIZE) for bar in data.bars]
    labels = [
        name + ("\n" + text("chart.n", lang, n=bar.n) if bar.n and not bar.suppressed else "")
        for name, bar in zip(names, data.bars, strict=True)
    ]
    column = max(layout.width(label, style.TICK_SIZE) for label in labels)
    pitch = max(MIN_PITCH, *(layout.height(label, style.TICK_SIZE) + LABEL_GAP for label in labels))
    left = PAD + column + TICK_GAP
    frame = open_frame(
        chrome(title, keys=_keys(data, lang)),
        left=left,
        right=PAD * 2,
        below=0.0,
        axes_height=pitch * (len(data.bars) + 0.2),
    )
    return AttainmentFrame(frame, tuple(names), -TICK_GAP / frame.width)
