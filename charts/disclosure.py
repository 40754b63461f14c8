"""Small-count suppression that holds for everything one audience receives together.

Each chart hides its cells with fewer than `min_count` citizens on its own
(`charts.cells`), but charts sent together can give such a cell away by differencing:
women (4) hidden in the target-group chart, progression showing all 24 and what works
the 20 men gives the women's n and mean. `protect(bundle, min_count)` takes the chart
data one audience receives together (the charts of one step, of one preparation DM, of
"since last") and

1. merges goal-attainment categories under `min_count` into one "few citizens" segment
   (`charts.disclosure_attainment`);
2. hides further cells (complementary suppression) until no small hidden set -- a
   hidden cell, category or bar of 1 to `min_count` - 1 citizens, or a small set that
   follows from the shown cells (`charts.disclosure_implicit`) -- can be worked out:
   its count is not determined and its mean not bounded to less than half the scale,
   under the conservative model of `charts.disclosure_model`. Each round hides the
   cheapest cells that fix the first small set still exposed.

Cells hidden this way are suppressed cells with n >= `min_count`; they keep their n in
the data (not drawn). The scale (lo, hi) of a parameter is the one in the data; without
one, the smallest and largest value of the parameter in the bundle, which is narrower
than any real scale, so the bounds come out narrower and more is hidden.

A single citizen's own chart (`ProgressionData.citizen`) is for that citizen's own
group and passes through unchanged: it is never hidden, but its values count as
published, so the group charts beside it are still protected from everything else. A
small set that only the citizen's own chart gives away is left as it is.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace

from charts.aligned import Position
from charts.cells import Cell
from charts.disclosure_attainment import merge, suppressed
from charts.disclosure_implicit import implicit_secrets, sum_determined
from charts.disclosure_model import Bounds, Model, Secret, Unit, Variables
from charts.render import ChartData
from charts.series import (
    ComparisonData,
    GoalAttainmentData,
    ProgressionData,
    TargetGroupData,
)
from flows.measurements import START, Scale

#: Where a unit sits in the bundle: (chart, row, column); a bar is (chart, bar, -1).
Place = tuple[int, int, int]


@dataclass
class _Bundle:
    min_count: int
    units: list[Unit] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    shown: list[bool] = field(default_factory=list)
    secrets: list[Secret] = field(default_factory=list)
    variables: Variables = field(default_factory=Variables)
    scales: dict[str, Scale] = field(default_factory=dict)

    def _add(self, unit: Unit, place: Place, shown: bool) -> None:
        self.units.append(unit)
        self.places.append(place)
        self.shown.append(shown)

    def cell(self, place: Place, c: Cell, parameter: str, point: Position, own: bool) -> None:
        if not c.n or not c.citizens:
            return  # no data, or no citizens to reason about (data made by hand)
        numbers = set()
        for citizen, value in c.values.items():
            numbers.add(self.variables.add(citizen, parameter, point, value))
        variables = frozenset(numbers)
        unit = Unit((c.citizens,), variables, c.n, hideable=not own)
        self._add(unit, place, c.mean is not None)
        if c.mean is None and 0 < c.n < self.min_count:
            self.secrets.append(Secret(c.citizens, variables))

    def bars(self, chart: int, data: GoalAttainmentData) -> None:
        for b, bar in enumerate(data.bars):
            if not bar.n or not bar.citizens:
                continue
            everyone = frozenset().union(*bar.citizens)
            shown = [s for s, n in zip(bar.citizens, bar.counts, strict=True) if n]
            few = [s for s, n in zip(bar.citizens, bar.counts, strict=True) if s and not n]
            counts = (everyone, *shown, *([frozenset().union(*few)] if few else []))
            self._add(Unit(counts, cost=bar.n), (chart, b, -1), not bar.suppressed)
            small = [s for s in (everyone, *bar.citizens) if 0 < len(s) < self.min_count]
            self.secrets += [Secret(s) for s in dict.fromkeys(small)]

    def bounds(self) -> dict[str, Bounds]:
        seen: dict[str, list[float]] = defaultdict(list)
        for parameter, value in zip(self.variables.parameters, self.variables.values, strict=True):
            seen[parameter].append(value)
        found = {p: (min(vs), max(vs)) for p, vs in seen.items()}
        found.update({p: (s.low, s.high) for p, s in self.scales.items()})
        return found


def _cells(data: ChartData) -> Iterator[tuple[int, int, Cell, str, Position]]:
    """(row, column, cell, parameter, position) for every cell of a chart with cells.

    A target-group cell is at each citizen's start: `START`, for a dated course too (its
    first date, where the progression and what-works charts show it: `charts.aligned`)."""
    if isinstance(data, TargetGroupData):
        for i, row in enumerate(data.cells):
            for j, c in enumerate(row):
                yield i, j, c, data.parameter, START
    elif isinstance(data, ProgressionData):
        for i, line in enumerate(data.lines):
            for j, (point, c) in enumerate(zip(data.points, line.cells, strict=True)):
                yield i, j, c, line.parameter, point
    elif isinstance(data, ComparisonData):
        for i, row in enumerate(data.cells):
            for j, (point, c) in enumerate(zip(data.points, row, strict=True)):
                yield i, j, c, data.parameter, point


def _read(charts: Sequence[ChartData], min_count: int) -> _Bundle:
    bundle = _Bundle(min_count)
    for k, data in enumerate(charts):
        if isinstance(data, GoalAttainmentData):
            bundle.bars(k, data)
            continue
        own = isinstance(data, ProgressionData) and data.citizen is not None
        scale = getattr(data, "scale", None)
        for i, j, c, parameter, point in _cells(data):
            bundle.cell((k, i, j), c, parameter, point, own)
            if scale is not None:
                bundle.scales[parameter] = scale
    return bundle


def failing(model: Model, secret: Secret, without: int | None = None) -> bool:
    """Whether the secret can be worked out (with unit `without` hidden as well)."""
    if secret.implicit:
        return sum_determined(model, secret.sums, without)
    if model.count_determined(secret.citizens, without):
        return True
    return model.mean_narrow(secret.sums, without)


def _next_to_hide(model: Model, secret: Secret, fixed: Model | None) -> frozenset[int]:
    """The cells to hide next for an exposed secret; empty when hiding cannot help.

    `fixed` shows only what cannot be hidden (citizens' own charts), None if nothing.
    """
    if not secret.implicit and model.count_determined(secret.citizens):
        return model.merge_plan(secret.citizens) or frozenset()
    if fixed is not None and failing(fixed, secret):
        return frozenset()  # only a citizen's own chart gives it away
    parameter = model.variables.parameters[next(iter(secret.sums))]
    candidates = sorted(
        (
            u
            for u, unit in enumerate(model.units)
            if model.shown[u]
            and unit.hideable
            and any(model.variables.parameters[v] == parameter for v in unit.sums)
        ),
        key=lambda u: (model.units[u].cost, u),
    )
    for u in candidates:
        if not failing(model, secret, without=u):
            return frozenset({u})
    touching = [u for u in candidates if model.units[u].sums & secret.sums]
    return frozenset(touching[:1])


def _search(model: Model, secrets: list[Secret], min_count: int) -> None:
    """Hide cells until every secret is safe or beyond what hiding can do."""
    given_up: set[Secret] = set()
    fixed = None
    if not all(u.hideable for u in model.units):
        fixed = Model(
            model.units, model.variables, model.bounds, [not u.hideable for u in model.units]
        )
    while True:
        exposed = next(
            (
                s
                for s in [*secrets, *implicit_secrets(model, min_count)]
                if s not in given_up and failing(model, s)
            ),
            None,
        )
        if exposed is None:
            return
        plan = _next_to_hide(model, exposed, fixed)
        if not plan:
            given_up.add(exposed)
        for u in plan:
            model.shown[u] = False
        model.refresh()


def _hidden(c: Cell) -> Cell:
    return c if c.mean is None else replace(c, mean=None, suppressed=True)


def _rebuild(k: int, data: ChartData, hidden: set[Place]) -> ChartData:
    if isinstance(data, GoalAttainmentData):
        bars = tuple(
            suppressed(bar) if (k, b, -1) in hidden else bar for b, bar in enumerate(data.bars)
        )
        return replace(data, bars=bars)
    if isinstance(data, ProgressionData):
        lines = tuple(
            replace(
                line,
                cells=tuple(
                    _hidden(c) if (k, i, j) in hidden else c for j, c in enumerate(line.cells)
                ),
            )
            for i, line in enumerate(data.lines)
        )
        return replace(data, lines=lines)
    if isinstance(data, TargetGroupData | ComparisonData):
        cells = tuple(
            tuple(_hidden(c) if (k, i, j) in hidden else c for j, c in enumerate(row))
            for i, row in enumerate(data.cells)
        )
        return replace(data, cells=cells)
    return data


def protect(bundle: Sequence[ChartData], min_count: int) -> list[ChartData]:
    """The bundle with small goal-attainment categories merged and every cell hidden that
    would let a small hidden set be worked out from the rest (see the module's doc)."""
    charts = [merge(d, min_count) if isinstance(d, GoalAttainmentData) else d for d in bundle]
    found = _read(charts, min_count)
    if not found.units:
        return charts
    model = Model(found.units, found.variables, found.bounds(), found.shown)
    _search(model, found.secrets, min_count)
    hidden = {
        place
        for place, was, now in zip(found.places, found.shown, model.shown, strict=True)
        if was and not now
    }
    return [_rebuild(k, data, hidden) for k, data in enumerate(charts)]
