"""Charts a municipality can trust: contrast, no overlapping text, legends that fit,
short alt texts, legible on a 360 px phone screen, round ticks — for every chart kind,
with the handbook's data and with the long Danish labels real files have."""

from __future__ import annotations

from functools import cache
from itertools import combinations, pairwise

import pytest
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox

from charts import (
    ComparisonData,
    GoalAttainmentData,
    PreparationData,
    ProgressionData,
    RenderedChart,
    TargetGroupData,
    goal_attainment,
    preparation_status,
    progression,
    render,
    target_group,
    theme_votes,
    what_works,
)
from charts.meeting import VoteData
from charts.render import KINDS
from tests.unit.charts import looks_helpers as looks
from tests.unit.charts.helpers import png_size
from tests.unit.charts.test_render import every_chart

ALT_LIMIT = 250  # Teams cuts alt texts at 250 characters
PHONE_WIDTH = 360  # px: the PNG scaled to a phone screen
MIN_PHONE_PX = 9.0  # smallest text height there (font size in px)
MIN_CONTRAST = 4.5  # WCAG 2.1 AA, normal text


def long_charts() -> dict[str, object]:
    return {
        "target_group": target_group(looks.target_group_rows(), looks.PARAMETERS[0]),
        "goal_attainment": goal_attainment(looks.attainment_rows()),
        "progression": progression(looks.progression_rows()),
        "progression_two": progression(looks.progression_rows(looks.PARAMETERS[:2])),
        "progression_citizen": progression(looks.progression_rows(), citizen="B-001"),
        "what_works": what_works(looks.what_works_rows(), looks.PARAMETERS[0], points=looks.POINTS),
        "preparation": preparation_status(
            (name, k % 3 != 1) for k, name in enumerate(looks.PARTICIPANTS)
        ),
        "votes": theme_votes(
            (theme, votes)
            for theme, votes in zip(looks.THEMES, (4, 9, 0, 2, 9, 1, 3, 5), strict=True)
        ),
    }


CASES = {
    **{f"handbook_{k}": chart for k, chart in enumerate(every_chart())},
    **{f"long_{name}": chart for name, chart in long_charts().items()},
}


@cache
def looked(case: str, lang: str) -> tuple[Figure, RenderedChart]:
    data = CASES[case]
    chart = render(data, lang)  # type: ignore[arg-type]
    fig = KINDS[chart.kind].draw(data, lang)
    looks.drawn(fig)
    return fig, chart


every_case = pytest.mark.parametrize(
    ("case", "lang"), [(case, lang) for case in CASES for lang in ("da", "en")]
)


def described(t) -> str:
    return f"{t.get_text()!r} at {t.get_window_extent().bounds}"


@every_case
def test_every_text_has_aa_contrast_against_what_is_behind_it(case: str, lang: str) -> None:
    fig, _ = looked(case, lang)
    fills = looks.fills(fig)
    poor = [
        f"{described(t)}: {ratio:.2f}:1"
        for t in looks.visible_texts(fig)
        if (ratio := looks.worst_contrast(fig, t, fills)) < MIN_CONTRAST
    ]
    assert poor == []


@every_case
def test_no_two_texts_overlap_and_all_lie_inside_the_figure(case: str, lang: str) -> None:
    fig, _ = looked(case, lang)
    texts = looks.visible_texts(fig)
    outside = [described(t) for t in texts if not looks.inside(t.get_window_extent(), fig.bbox)]
    clashes = [
        f"{described(a)} / {described(b)}"
        for a, b in combinations(texts, 2)
        if looks.overlaps(a.get_window_extent(), b.get_window_extent())
    ]
    assert outside == []
    assert clashes == []


def legend_parts(fig: Figure) -> list[tuple[str, Bbox]]:
    parts = [(t.get_text(), t.get_window_extent()) for t in fig.texts if t.get_gid() == "legend"]
    parts += [(f"swatch {a.get_gid()}", a.get_window_extent()) for a in fig.artists]
    parts += [("legend", legend.get_window_extent()) for legend in fig.legends]
    return parts


@every_case
def test_legends_fit_inside_the_figure_and_off_the_data(case: str, lang: str) -> None:
    fig, _ = looked(case, lang)
    parts = legend_parts(fig)
    assert [name for name, box in parts if not looks.inside(box, fig.bbox)] == []
    data_area = fig.axes[0].bbox
    assert [name for name, box in parts if looks.overlaps(box, data_area)] == []


def full_names(data: object) -> list[str]:
    """Names from the file that a reader must find in full in the alt text or caption."""
    if isinstance(data, TargetGroupData):
        return [data.parameter, *(s for s in data.subgroups if s is not None)]
    if isinstance(data, GoalAttainmentData):
        return [bar.parameter for bar in data.bars]
    if isinstance(data, ProgressionData):
        return [line.parameter for line in data.lines]
    if isinstance(data, ComparisonData):
        return [data.parameter, *data.arms]
    if isinstance(data, VoteData):
        return [title for title, _ in data.themes]
    assert isinstance(data, PreparationData)
    return list(data.missing)


@every_case
def test_alt_text_is_short_and_the_caption_keeps_the_full_reading(case: str, lang: str) -> None:
    fig, chart = looked(case, lang)
    assert 0 < len(chart.alt_text) <= ALT_LIMIT, chart.alt_text
    told = chart.alt_text + " " + chart.caption
    assert [name for name in full_names(CASES[case]) if name not in told] == []
    shortened = [t.get_text() for t in looks.visible_texts(fig) if "…" in t.get_text()]
    for label in shortened:
        start = looks.unwrapped(label.split("…")[0])
        assert start and start in " ".join(told.split()), label


@every_case
def test_smallest_text_is_legible_on_a_360_px_wide_screen(case: str, lang: str) -> None:
    fig, chart = looked(case, lang)
    width, _ = png_size(chart.png)
    assert width == round(fig.get_figwidth() * fig.dpi)
    smallest = min(t.get_fontsize() for t in looks.visible_texts(fig))
    assert smallest * fig.dpi / 72 * PHONE_WIDTH / width >= MIN_PHONE_PX


def value_ticks(fig: Figure, kind: str) -> tuple[list[float], tuple[float, float]] | None:
    """The value axis' drawn tick values, and the range the values can take."""
    data_axes = fig.axes[0]
    axis = {
        "target_group": data_axes.yaxis,
        "what_works": data_axes.yaxis,
        "progression": data_axes.yaxis,
        "preparation": data_axes.xaxis,
        "votes": data_axes.xaxis,
    }.get(kind)
    if axis is None or not axis.get_visible():
        return None
    shown = {id(t) for t in looks.visible_texts(fig)}
    labels = [tick.label1.get_text() for tick in axis.get_major_ticks() if id(tick.label1) in shown]
    return [looks.parse_number(label) for label in labels if label], axis.get_view_interval()


def value_range(data: object) -> tuple[float, float]:
    if isinstance(data, PreparationData):
        return 0, data.total
    if isinstance(data, VoteData):
        return 0, max(votes for _, votes in data.themes)
    scale = data.scale  # type: ignore[attr-defined]
    low = scale.low if isinstance(data, ProgressionData) else min(0, scale.low)
    return low, scale.high


@every_case
def test_value_ticks_are_round_numbers_within_the_scale(case: str, lang: str) -> None:
    fig, chart = looked(case, lang)
    found = value_ticks(fig, chart.kind)
    if found is None:
        return
    ticks, _ = found
    low, high = value_range(CASES[case])
    assert 2 <= len(ticks) <= 7, ticks
    steps = {round(b - a, 9) for a, b in pairwise(ticks)}
    assert len(steps) == 1, ticks
    (step,) = steps
    assert looks.is_nice_step(step), ticks
    assert all(abs(t / step - round(t / step)) < 1e-6 for t in ticks), ticks
    assert all(low - 1e-9 <= t <= high + 1e-9 for t in ticks), (ticks, low, high)


def test_subgroups_are_shown_in_the_files_order() -> None:
    fig, _ = looked("long_target_group", "da")
    shown = [looks.unwrapped(t.get_text()) for t in fig.axes[0].get_xticklabels()]
    assert len(shown) == len(looks.SUBGROUPS)
    for label, name in zip(shown, looks.SUBGROUPS, strict=True):
        assert name.startswith(label.rstrip("…").strip()), (label, name)


@pytest.mark.parametrize("room", [120.0, 180.0, 300.0])
def test_measured_wrapping_never_overflows_its_room(room: float) -> None:
    """`charts.layout` measures without matplotlib; matplotlib's own widths must agree."""
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.font_manager import FontProperties

    from charts import layout, style

    renderer = RendererAgg(10, 10, style.DPI)
    names = [*looks.PARAMETERS, *looks.SUBGROUPS, *looks.ARMS, *looks.THEMES]
    for bold, size in ((False, style.TICK_SIZE), (True, style.TITLE_SIZE)):
        font = FontProperties(family=style.FONT, size=size, weight="bold" if bold else "normal")
        for name in names:
            wrapped = layout.wrap(name, room, size, max_lines=3, bold=bold)
            assert len(wrapped.split("\n")) <= 3
            for line in wrapped.split("\n"):
                drawn, _, _ = renderer.get_text_width_height_descent(line, font, False)
                assert drawn <= room, (line, drawn)
            if "…" not in wrapped:
                assert looks.unwrapped(wrapped) == name
