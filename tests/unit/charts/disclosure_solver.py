"""An attacker with everything one audience receives together, solving for the hidden cells.

Independent of `charts.disclosure`: the citizen sets come from the generated
measurements (not from the cells' own `citizens`), and the relations are the exact
published ones, not `protect`'s conservative model:

- counts: every shown cell's n, every shown goal-attainment segment's count, the merged
  "few citizens" segment's count (a bar's n minus its shown segments) and every shown
  bar's n. A hidden count is determined when its indicator vector lies in the span of
  the published sets' indicator vectors (`numpy.linalg.matrix_rank`).
- sums: every shown cell publishes mean x n over its citizens' values in its domain
  (parameter, measurement point). The hidden mean's range is found with
  `scipy.optimize.linprog` (min and max of the hidden sum subject to the published sums
  and the scale's bounds on every value).

The cells to protect are the small ones: hidden sets of 1 to `min_count` - 1 citizens
(cells, goal-attainment categories, bars), and the small sets that are no cell at all
but follow from shown ones within a domain (the citizens in a progression point but in
neither of the two what-works arms; one shown cell minus another inside it). A
violation is a published count under `min_count`, a determined hidden count, a hidden
mean bounded to less than half the scale, or the exact sum of such an implicit set.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linprog

from charts.render import ChartData
from charts.series import (
    CATEGORIES,
    ComparisonData,
    GoalAttainmentData,
    ProgressionData,
    TargetGroupData,
)
from flows.measurements import START, Measurement, MeasurementPoint

Domain = tuple[str, MeasurementPoint]


@dataclass(frozen=True)
class Hidden:
    label: str
    citizens: frozenset[str]
    domain: Domain | None = None  # None: a count only (goal attainment)


@dataclass
class Published:
    counts: list[tuple[str, frozenset[str]]] = field(default_factory=list)
    sums: dict[Domain, list[tuple[frozenset[str], float]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    hidden: list[Hidden] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Truth:
    """Who is behind what, and their values, straight from the measurements."""

    rows: Sequence[Measurement]

    def at(self, parameter: str, point: MeasurementPoint, **where: object) -> frozenset[str]:
        return frozenset(
            m.citizen
            for m in self.rows
            if m.parameter == parameter
            and m.point == point
            and all(getattr(m, k) == v for k, v in where.items())
        )

    def categories(self, parameter: str) -> list[frozenset[str]]:
        latest: dict[str, Measurement] = {}
        for m in self.rows:
            known = latest.get(m.citizen)
            if m.parameter == parameter and m.category and (not known or known.point < m.point):
                latest[m.citizen] = m
        return [
            frozenset(c for c, m in latest.items() if m.category is category)
            for category in CATEGORIES
        ]


def _cell(out: Published, label: str, cell, citizens: frozenset[str], domain: Domain) -> None:
    if cell.mean is not None:
        if cell.n != len(citizens):
            out.problems.append(f"{label}: shows n={cell.n}, has {len(citizens)}")
        out.counts.append((label, citizens))
        out.sums[domain].append((citizens, cell.mean * cell.n))
    elif citizens:
        out.hidden.append(Hidden(label, citizens, domain))


def _attainment(out: Published, data: GoalAttainmentData, truth: Truth) -> None:
    for bar in data.bars:
        sets = truth.categories(bar.parameter)
        everyone = frozenset().union(*sets)
        if bar.suppressed or not everyone:
            out.hidden += [Hidden(f"{bar.parameter} n", everyone)] if everyone else []
            out.hidden += [
                Hidden(f"{bar.parameter} {c.value}", s)
                for c, s in zip(CATEGORIES, sets, strict=True)
                if s
            ]
            continue
        out.counts.append((f"{bar.parameter} n", everyone))
        merged: frozenset[str] = frozenset()
        for category, shown, citizens in zip(CATEGORIES, bar.counts, sets, strict=True):
            label = f"{bar.parameter} {category.value}"
            if shown:
                if shown != len(citizens):
                    out.problems.append(f"{label}: shows {shown}, has {len(citizens)}")
                out.counts.append((label, citizens))
            elif citizens:
                out.hidden.append(Hidden(label, citizens))
                merged |= citizens
        if len(merged) != bar.n - sum(bar.counts):
            out.problems.append(f"{bar.parameter}: merged segment is not the hidden categories")
        if merged:
            out.counts.append((f"{bar.parameter} few", merged))


def published(bundle: Sequence[ChartData], truth: Truth) -> Published:
    out = Published()
    for data in bundle:
        if isinstance(data, TargetGroupData):
            for s, row in zip(data.subgroups, data.cells, strict=True):
                for y, c in zip(data.years, row, strict=True):
                    who = truth.at(data.parameter, START, subgroup=s, year=y)
                    _cell(out, f"target {data.parameter} {s} {y}", c, who, (data.parameter, START))
        elif isinstance(data, ProgressionData):
            for line in data.lines:
                for point, c in zip(data.points, line.cells, strict=True):
                    who = truth.at(line.parameter, point)
                    if data.citizen is not None:
                        who = who & {data.citizen}
                    label = f"progression {line.parameter} {point} {data.citizen or ''}"
                    _cell(out, label, c, who, (line.parameter, point))
        elif isinstance(data, ComparisonData):
            for arm, row in zip(data.arms, data.cells, strict=True):
                for point, c in zip(data.points, row, strict=True):
                    who = truth.at(data.parameter, point, **{data.by: arm})
                    label = f"what works {data.parameter} {arm} {point}"
                    _cell(out, label, c, who, (data.parameter, point))
        elif isinstance(data, GoalAttainmentData):
            _attainment(out, data, truth)
    return out


def _in_span(matrix: np.ndarray, vector: np.ndarray, rank: int | None = None) -> bool:
    if not len(matrix):
        return False
    rank = np.linalg.matrix_rank(matrix) if rank is None else rank
    return bool(np.linalg.matrix_rank(np.vstack([matrix, vector])) == rank)


def mean_range(hidden: Hidden, out: Published, low: float, high: float) -> tuple[float, float]:
    """The smallest and largest mean of the hidden cell that the published sums allow."""
    assert hidden.domain is not None
    relations = out.sums.get(hidden.domain, [])
    names = sorted(set(hidden.citizens).union(*(s for s, _ in relations)))
    index = {c: i for i, c in enumerate(names)}
    goal = np.zeros(len(names))
    for c in hidden.citizens:
        goal[index[c]] = 1.0
    a_eq = np.zeros((len(relations), len(names)))
    for row, (citizens, _) in enumerate(relations):
        for c in citizens:
            a_eq[row, index[c]] = 1.0
    b_eq = np.array([total for _, total in relations])
    ends = []
    for sign in (1.0, -1.0):
        result = linprog(
            sign * goal,
            A_eq=a_eq if len(relations) else None,
            b_eq=b_eq if len(relations) else None,
            bounds=[(low, high)] * len(names),
            method="highs",
        )
        assert result.status == 0, result.message
        ends.append(sign * result.fun / len(hidden.citizens))
    return ends[0], ends[1]


def implicit_sets(out: Published, min_count: int) -> list[tuple[str, frozenset[str]]]:
    """Small sets whose sum in a domain follows from the shown sums (no cell shows them)."""
    found = []
    for (parameter, point), relations in out.sums.items():
        sets = [s for s, _ in relations]
        everyone = sorted(frozenset().union(*sets))
        column = {c: i for i, c in enumerate(everyone)}
        matrix = np.zeros((len(sets), len(everyone)))
        for row, members in enumerate(sets):
            for c in members:
                matrix[row, column[c]] = 1.0
        rank = np.linalg.matrix_rank(matrix)
        atoms: dict[tuple[bool, ...], set[str]] = defaultdict(set)
        for c in everyone:
            atoms[tuple(c in s for s in sets)].add(c)
        candidates = [frozenset(a) for a in atoms.values()]
        candidates += [a - b for a in sets for b in sets if b < a]
        for members in dict.fromkeys(candidates):
            if 0 < len(members) < min_count:
                vector = np.zeros(len(everyone))
                for c in members:
                    vector[column[c]] = 1.0
                if _in_span(matrix, vector, rank):
                    found.append((f"{parameter} {point} {sorted(members)}", members))
    return found


def violations(
    bundle: Sequence[ChartData],
    rows: Sequence[Measurement],
    min_count: int,
    scale: tuple[float, float] = (1.0, 10.0),
) -> list[str]:
    """Everything an attacker learns that they should not, as readable lines."""
    truth = Truth(rows)
    out = published(bundle, truth)
    found = list(out.problems)
    found += [
        f"{label}: {len(s)} citizens shown" for label, s in out.counts if 0 < len(s) < min_count
    ]
    citizens = sorted({m.citizen for m in rows})
    column = {c: i for i, c in enumerate(citizens)}

    def indicator(members: frozenset[str]) -> np.ndarray:
        vector = np.zeros(len(citizens))
        for c in members:
            vector[column[c]] = 1.0
        return vector

    matrix = np.array([indicator(s) for _, s in out.counts]).reshape(-1, len(citizens))
    rank = np.linalg.matrix_rank(matrix) if len(matrix) else 0
    low, high = scale
    for hidden in out.hidden:
        if not 0 < len(hidden.citizens) < min_count:
            continue
        if _in_span(matrix, indicator(hidden.citizens), rank):
            found.append(f"{hidden.label}: the count {len(hidden.citizens)} is determined")
        if hidden.domain is not None:
            least, most = mean_range(hidden, out, low, high)
            if most - least < (high - low) / 2 - 1e-6:
                found.append(f"{hidden.label}: the mean lies in [{least:.2f}, {most:.2f}]")
    found += [f"{label}: the sum is determined" for label, _ in implicit_sets(out, min_count)]
    return found


def hidden_small(bundle: Sequence[ChartData], rows: Sequence[Measurement], min_count: int) -> int:
    """How many small cells the bundle hides (so a test can show it is not vacuous)."""
    out = published(bundle, Truth(rows))
    return sum(1 for h in out.hidden if 0 < len(h.citizens) < min_count)


__all__ = ["Hidden", "Published", "hidden_small", "violations"]
