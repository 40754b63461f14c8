"""Measurements -> chart data: means, shares, n, small-count suppression, drop-outs.

Pure functions, no matplotlib. Each analysis selects its rows and groups them into
cells (`charts.cells`: a citizen counts once per cell; too few citizens and the
cell is suppressed in group charts).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from charts.aligned import Position, compared, in_order, means_by_position, place
from charts.cells import MIN_COUNT, Cell, cell, common_scale
from charts.direction import Directions, directions
from charts.own_goals import OwnGoal
from flows.measurements import (
    END,
    ONE_YEAR_AFTER,
    START,
    AttainmentCategory,
    Measurement,
    MeasurementPoint,
    Scale,
)

CATEGORIES = tuple(AttainmentCategory)


def _select(
    measurements: Iterable[Measurement],
    *,
    parameter: str | None = None,
    intervention: str | None = None,
    subgroup: str | None = None,
    year: int | None = None,
    valued: bool = True,  # only rows with a value (not goal attainment alone)
) -> list[Measurement]:
    return [
        m
        for m in measurements
        if (not valued or m.value is not None)
        and (parameter is None or m.parameter == parameter)
        and (intervention is None or m.intervention == intervention)
        and (subgroup is None or m.subgroup == subgroup)
        and (year is None or m.year == year)
    ]


def _in_order(values: Iterable[str]) -> tuple[str, ...]:
    """Distinct values in order of first appearance (the file's order)."""
    return tuple(dict.fromkeys(values))


# 1. Target-group analysis ------------------------------------------------------


@dataclass(frozen=True)
class TargetGroupData:
    parameter: str
    subgroups: tuple[str | None, ...]
    years: tuple[int, ...]
    cells: tuple[tuple[Cell, ...], ...]  # [subgroup][year]
    scale: Scale | None
    min_count: int
    #: Each parameter's imported direction (`retning`), for captions' better/worse.
    directions: Directions = ()


def start_measurements(rows: Iterable[Measurement]) -> list[Measurement]:
    """Each citizen's start: rows at the named start point; for a citizen with only
    dated measurements, their earliest one (`charts.aligned`: the same start the
    progression and what-works charts show)."""
    return [m for position, m in place(rows) if position == START]


def target_group(
    measurements: Iterable[Measurement],
    parameter: str,
    *,
    intervention: str | None = None,
    min_count: int = MIN_COUNT,
) -> TargetGroupData:
    """Mean value at the start point by sub-group (rows) and year (columns)."""
    rows = start_measurements(_select(measurements, parameter=parameter, intervention=intervention))
    # In the file's order (first appearance), rows without a subgroup last.
    subgroups = tuple(sorted(dict.fromkeys(m.subgroup for m in rows), key=lambda s: s is None))
    years = tuple(sorted({m.year for m in rows}))
    values: dict[tuple[str | None, int], dict[str, list[float]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for m in rows:
        if m.value is not None:
            values[(m.subgroup, m.year)][m.citizen].append(m.value)
    cells = tuple(tuple(cell(values.get((s, y), {}), min_count) for y in years) for s in subgroups)
    return TargetGroupData(
        parameter, subgroups, years, cells, common_scale(rows), min_count, directions(rows)
    )


# 2. Goal attainment --------------------------------------------------------------


@dataclass(frozen=True)
class AttainmentBar:
    parameter: str
    n: int
    #: Citizens per category, in `CATEGORIES` order; all zero when suppressed, zero for
    #: the categories merged into the "few citizens" segment.
    counts: tuple[int, ...]
    suppressed: bool = False
    #: Citizens in the merged "few citizens" segment (`charts.disclosure`), 0 if none.
    few: int = 0
    #: The citizens per category, in `CATEGORIES` order, for the disclosure check only.
    citizens: tuple[frozenset[str], ...] = field(default=(), compare=False, repr=False)

    @property
    def shares(self) -> tuple[float, ...]:
        total = sum(self.counts) + self.few
        return tuple(c / total if total else 0.0 for c in self.counts)

    @property
    def few_share(self) -> float:
        total = sum(self.counts) + self.few
        return self.few / total if total else 0.0

    def share(self, category: AttainmentCategory) -> float:
        return self.shares[CATEGORIES.index(category)]


@dataclass(frozen=True)
class GoalAttainmentData:
    bars: tuple[AttainmentBar, ...]
    min_count: int


def goal_attainment(
    measurements: Iterable[Measurement],
    *,
    parameters: Sequence[str] | None = None,
    intervention: str | None = None,
    year: int | None = None,
    min_count: int = MIN_COUNT,
) -> GoalAttainmentData:
    """Shares of citizens per attainment category, per parameter.

    Each citizen counts once per parameter, with their latest recorded attainment.
    """
    chosen = _select(measurements, intervention=intervention, year=year, valued=False)
    rows = [m for m in chosen if m.category]
    names = tuple(parameters) if parameters is not None else _in_order(m.parameter for m in rows)
    latest: dict[tuple[str, str], Measurement] = {}
    for m in rows:
        key = (m.parameter, m.citizen)
        if key not in latest or latest[key].point < m.point:
            latest[key] = m
    bars = []
    for name in names:
        own = [(citizen, m.category) for (p, citizen), m in latest.items() if p == name]
        sets = tuple(frozenset(c for c, got in own if got is category) for category in CATEGORIES)
        n = len(own)
        if n < min_count:
            zeros = (0,) * len(CATEGORIES)
            bars.append(AttainmentBar(name, n, zeros, suppressed=n > 0, citizens=sets))
        else:
            bars.append(AttainmentBar(name, n, tuple(len(s) for s in sets), citizens=sets))
    return GoalAttainmentData(tuple(bars), min_count)


# 3. Progression over time --------------------------------------------------------


@dataclass(frozen=True)
class Line:
    parameter: str
    cells: tuple[Cell, ...]  # aligned with ProgressionData.points
    #: Not the same citizens at every point where the parameter was measured.
    population_changes: bool = False


@dataclass(frozen=True)
class ProgressionData:
    #: Named points (or one citizen's dates), and for a group's dated courses the start
    #: and the periods after it (`charts.aligned`).
    points: tuple[Position, ...]
    lines: tuple[Line, ...]
    #: Set for one citizen's own course (then nothing is suppressed).
    citizen: str | None
    scale: Scale | None
    min_count: int
    #: Each parameter's imported direction (`retning`), for captions' better/worse.
    directions: Directions = ()
    #: One citizen's own goals, for their own course (`charts.own_goals`, issue 13).
    goals: tuple[OwnGoal, ...] = ()

    @property
    def population_changes(self) -> bool:
        return any(line.population_changes for line in self.lines)


def progression(
    measurements: Iterable[Measurement],
    *,
    citizen: str | None = None,
    parameters: Sequence[str] | None = None,
    intervention: str | None = None,
    subgroup: str | None = None,
    year: int | None = None,
    min_count: int = MIN_COUNT,
) -> ProgressionData:
    """One line per parameter across measurement points: a group mean, or one citizen.

    A group's dated courses are aligned on each citizen's own start (`charts.aligned`);
    one citizen's own course keeps its dates."""
    rows = _select(measurements, intervention=intervention, subgroup=subgroup, year=year)
    if citizen is not None:
        rows = [m for m in rows if m.citizen == citizen]
    names = tuple(parameters) if parameters is not None else _in_order(m.parameter for m in rows)
    rows = [m for m in rows if m.parameter in names]
    placed = place(rows, align=citizen is None)
    points = in_order(p for p, _ in placed)
    limit = None if citizen is not None else min_count
    lines = []
    for name in names:
        own = [(p, m) for p, m in placed if m.parameter == name]
        cells, changes = means_by_position(own, points, limit)
        lines.append(Line(name, cells, changes and citizen is None))
    scale = common_scale(rows)
    return ProgressionData(points, tuple(lines), citizen, scale, min_count, directions(rows))


# 4. What works for whom ----------------------------------------------------------


@dataclass(frozen=True)
class ComparisonData:
    parameter: str
    by: Literal["intervention", "subgroup"]
    arms: tuple[str, ...]
    points: tuple[Position, ...]
    cells: tuple[tuple[Cell, ...], ...]  # [arm][point]
    #: Per arm: not the same citizens at every point.
    population_changes: tuple[bool, ...]
    scale: Scale | None
    min_count: int
    #: Each parameter's imported direction (`retning`), for captions' better/worse.
    directions: Directions = ()


def what_works(
    measurements: Iterable[Measurement],
    parameter: str,
    *,
    by: Literal["intervention", "subgroup"] = "intervention",
    arms: Sequence[str] | None = None,
    points: Sequence[MeasurementPoint] = (START, END, ONE_YEAR_AFTER),
    min_count: int = MIN_COUNT,
) -> ComparisonData:
    """Mean at each of `points` for two interventions or two sub-groups; dated courses
    from each citizen's own start over the periods after it (`charts.aligned.compared`).

    Without `arms`, the two with the most citizens are compared.
    """
    placed, positions = compared(_select(measurements, parameter=parameter), points)

    def arm_of(m: Measurement) -> str | None:
        return m.intervention if by == "intervention" else m.subgroup

    if arms is None:
        citizens: dict[str, set[str]] = defaultdict(set)
        for _, m in placed:
            if arm_of(m) is not None:
                citizens[arm_of(m) or ""].add(m.citizen)
        arms = sorted(citizens, key=lambda a: (-len(citizens[a]), a))[:2]
    cells, changes = [], []
    for arm in arms:
        own, change = means_by_position(
            [(p, m) for p, m in placed if arm_of(m) == arm], positions, min_count
        )
        cells.append(own)
        changes.append(change)
    chosen = [m for _, m in placed if arm_of(m) in arms]
    return ComparisonData(
        parameter,
        by,
        tuple(arms),
        positions,
        tuple(cells),
        tuple(changes),
        common_scale(chosen),
        min_count,
        directions(chosen),
    )
