"""Which charts a data set gets: the handbook's figures, each with its own grouping.

The handbook (Socialstyrelsen's guide to data-informed reflection, figures 5-9) draws
one parameter per target-group chart (figure 5) and per what-works chart (figures 8 and
9), all parameters' goal attainment side by side (figure 6), and a few parameters on one
scale over the measurement points (figure 7). So here, independent of the file's row
order:

- target group (figure 5): one chart per parameter measured at the start with subgroups;
- goal attainment (figure 6): one chart, a bar per parameter with attainment;
- progression (figure 7): the parameters measured at more than one point, grouped by
  scale, never two scales on one axis (a parameter with no scale given stands alone),
  at most `MAX_LINES` lines a chart;
- what works (figure 8): per parameter measured at two or more of start, end and one
  year after, the two interventions with most citizens;
- for whom (figure 9): per parameter, the two subgroups with most citizens; both 8 and 9
  when the file has interventions and subgroups.

Dated measurement points count where `charts.aligned` places them: each citizen's first
date is their start, later dates fall in periods after it (Start, 1-3 mdr. ...). So a
parameter measured on dates is "at more than one point" when some citizen has values in
two positions, and it is compared at the start and in the periods.

A citizen-level group with few citizens in its data gets each citizen's own course
instead (the handbook: "also relevant for a single citizen rather than a group"): the
group meets about those citizens, so their own numbers are the point, not a leak.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from typing import Literal, TypeVar

from charts.aligned import compared, place
from charts.own_goals import own_goals
from charts.series import (
    ComparisonData,
    GoalAttainmentData,
    ProgressionData,
    TargetGroupData,
    goal_attainment,
    progression,
    start_measurements,
    target_group,
    what_works,
)
from flows.measurements import END, ONE_YEAR_AFTER, START, Measurement, Scale
from flows.parameters import charted

T = TypeVar("T")
GroupChart = TargetGroupData | GoalAttainmentData | ProgressionData | ComparisonData

#: Lines on one progression chart; more parameters on a scale give more charts.
MAX_LINES = 4
#: A citizen-level group with at most this many citizens sees each one's own course.
MAX_OWN_COURSES = 8
#: The measurement points the handbook's what-works figures compare.
COMPARED = (START, END, ONE_YEAR_AFTER)


def in_file_order(values: Sequence[str | None]) -> tuple[str, ...]:
    return tuple(v for v in dict.fromkeys(values) if v)


def scale_groups(measurements: Sequence[Measurement]) -> list[tuple[str, ...]]:
    """Parameters that share a scale, in file order, at most `MAX_LINES` a group."""
    scales: dict[str, set[Scale | None]] = defaultdict(set)
    for m in measurements:
        scales[m.parameter].add(m.scale)
    groups: dict[object, list[str]] = {}
    for parameter in in_file_order([m.parameter for m in measurements]):
        known = scales[parameter]
        key: object = next(iter(known)) if len(known) == 1 and None not in known else parameter
        groups.setdefault(key, []).append(parameter)
    return [
        tuple(names[i : i + MAX_LINES])
        for names in groups.values()
        for i in range(0, len(names), MAX_LINES)
    ]


def group_charts(measurements: Sequence[Measurement], min_count: int) -> list[GroupChart]:
    """Every handbook figure this data set can fill, figure by figure, parameter by parameter."""
    rows = list(measurements)
    if not rows:
        return []
    parameters = in_file_order([m.parameter for m in rows])
    by_parameter: dict[str, list[Measurement]] = defaultdict(list)
    for m in rows:
        if m.value is not None:  # rows of goal attainment alone feed figure 6 only
            by_parameter[m.parameter].append(m)
    found: list[GroupChart] = [  # figure 5
        target_group(by_parameter[p], p, min_count=min_count)
        for p in parameters
        if any(m.subgroup for m in start_measurements(by_parameter[p]))
    ]
    if any(m.category is not None for m in rows):  # figure 6
        found.append(goal_attainment(rows, min_count=min_count))
    found += _progressions(by_parameter, min_count)  # figure 7
    for by in ("intervention", "subgroup"):  # figures 8 and 9
        found += _comparisons(by_parameter, parameters, by, min_count)
    return found


def _progressions(
    by_parameter: dict[str, list[Measurement]], min_count: int
) -> list[ProgressionData]:
    """The parameters measured at more than one point (or period), grouped by scale."""
    over_time = [
        m
        for rows in by_parameter.values()
        if len({position for position, _ in place(rows)}) > 1
        for m in rows
    ]
    return [
        progression(over_time, parameters=names, min_count=min_count)
        for names in scale_groups(over_time)
    ]


def _comparisons(
    by_parameter: dict[str, list[Measurement]],
    parameters: Sequence[str],
    by: Literal["intervention", "subgroup"],
    min_count: int,
) -> list[ComparisonData]:
    """Per parameter with two arms measured at two or more of the compared points (a
    dated course: its start and the periods after it)."""
    found = []
    for p in parameters:
        placed, _ = compared(by_parameter[p], COMPARED)
        arms = {m.intervention if by == "intervention" else m.subgroup for _, m in placed}
        if len(arms - {None}) >= 2 and len({position for position, _ in placed}) >= 2:
            found.append(what_works(by_parameter[p], p, by=by, min_count=min_count))
    return found


def own_courses(measurements: Sequence[Measurement]) -> list[ProgressionData]:
    """Each citizen's own course, parameters grouped by scale as in `group_charts`, against
    the citizen's own goals where the file gives them (`charts.own_goals`)."""
    rows = list(measurements)
    found: list[ProgressionData] = []
    for citizen in in_file_order([m.citizen for m in rows]):
        own = [m for m in rows if m.citizen == citizen]
        for names in scale_groups(own):
            course = progression(own, citizen=citizen, parameters=names)
            found.append(replace(course, goals=own_goals(own, names)))
    return found


# Focus parameters (issue 13) --------------------------------------------------------------


def in_focus(measurements: Sequence[Measurement], chosen: Sequence[str]) -> list[Measurement]:
    """The rows of the parameters the data charts draw (`flows.parameters.charted`): the
    chosen ones the data holds, or every one."""
    rows = list(measurements)
    if not chosen:
        return rows
    drawn = set(charted(chosen, in_file_order([m.parameter for m in rows])))
    return [m for m in rows if m.parameter in drawn]


def citizens_in(measurements: Sequence[Measurement]) -> int:
    return len({m.citizen for m in measurements})


def _shows_a_number(chart: object) -> bool:
    if isinstance(chart, GoalAttainmentData):
        return any(bar.n > 0 and not bar.suppressed for bar in chart.bars)
    if isinstance(chart, ProgressionData):
        return any(c.shown for line in chart.lines for c in line.cells)
    if isinstance(chart, TargetGroupData | ComparisonData):
        return any(c.shown for row in chart.cells for c in row)
    return True


def worth_sending(bundle: Sequence[T]) -> list[T]:
    """The charts that show a number, and of each figure with nothing shown only the first
    (it says why: too few citizens), so a small data set is not a stack of empty charts.
    Leaving a chart out publishes nothing, so it cannot undo the bundle's protection."""
    kept: list[T] = []
    explained: set[tuple[type, str]] = set()
    for chart in bundle:
        figure = (type(chart), getattr(chart, "by", ""))
        if _shows_a_number(chart):
            kept.append(chart)
        elif figure not in explained:
            explained.add(figure)
            kept.append(chart)
    return kept
