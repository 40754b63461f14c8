"""Measurement import, chart data and chart rendering for reflection meetings.

Import: `read_measurements(data, filename, lang=..., accept_valid=..., max_rows=...)`
(at most `MAX_ROWS` data rows by default), templates via `template_csv` /
`template_xlsx`. Chart data (pure): `target_group`, `goal_attainment`, `progression`,
`what_works`, `preparation_status`, `preparation_counts`, `theme_votes`. Rendering:
`render(data, lang)` or `render_cached(data, lang)` -> `RenderedChart(kind, png,
alt_text, caption)`.
"""

from charts.cache import ChartCache, content_key, render_cached
from charts.importing import MAX_ROWS, ImportResult, RowError, read_measurements
from charts.meeting import (
    PreparationData,
    VoteData,
    preparation_counts,
    preparation_status,
    theme_votes,
)
from charts.render import RENDERER_VERSION, ChartData, RenderedChart, render
from charts.series import (
    MIN_COUNT,
    Cell,
    ComparisonData,
    GoalAttainmentData,
    ProgressionData,
    TargetGroupData,
    goal_attainment,
    progression,
    target_group,
    what_works,
)
from charts.template import template_csv, template_rows, template_xlsx
from flows.measurements import (
    END,
    END_OF_STABILISATION,
    ONE_YEAR_AFTER,
    START,
    AttainmentCategory,
    GoalAttainment,
    GoalType,
    Measurement,
    MeasurementPoint,
    Scale,
    follow_up,
)

__all__ = [
    "END",
    "END_OF_STABILISATION",
    "MAX_ROWS",
    "MIN_COUNT",
    "ONE_YEAR_AFTER",
    "RENDERER_VERSION",
    "START",
    "AttainmentCategory",
    "Cell",
    "ChartCache",
    "ChartData",
    "ComparisonData",
    "GoalAttainment",
    "GoalAttainmentData",
    "GoalType",
    "ImportResult",
    "Measurement",
    "MeasurementPoint",
    "PreparationData",
    "ProgressionData",
    "RenderedChart",
    "RowError",
    "Scale",
    "TargetGroupData",
    "VoteData",
    "content_key",
    "follow_up",
    "goal_attainment",
    "preparation_counts",
    "preparation_status",
    "progression",
    "read_measurements",
    "render",
    "render_cached",
    "target_group",
    "template_csv",
    "template_rows",
    "template_xlsx",
    "theme_votes",
    "what_works",
]
