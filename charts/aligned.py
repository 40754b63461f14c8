"""Dated measurement points aligned per citizen: time since their own first measurement.

A file where every citizen is measured on their own dates (B-01 on 10 January, 2 March
and 20 June; B-02 on 1 February and 15 April ...) has no calendar date that means the
same for two citizens. So in group charts a citizen's dated course in a parameter is
laid out by the days since *their own* first measurement of that parameter: that
first measurement is their `START` (the same position as a named start), and every
later one falls in one of the `PERIODS` after it. Each citizen counts at most once per
position: with their latest value in the period (several values on that same day are
averaged, as a cell always does).

Why these periods (and not, say, quantiles of the data): they are the ones a team reads
without a legend ("1-3 mdr."), the same from meeting to meeting and from one import to
the next; they are finest in the first months, where courses are measured most often,
and coarser after; and every chart sent together must cut time alike, or a citizen's
value in 1-90 days in one chart and in 31-90 days in another could be differenced. They
follow the data's spread in that a period nobody was measured in is left out (an
8-week course shows Start, the first month and 1-3 months; a long one shows years),
and beyond three years one open period takes the rest.

Named points are placed where they were measured, as before. A citizen with a named
point in a parameter is a named course: their dated rows of that parameter are not
placed (a file should not mix the two for one citizen). A file that mixes named and
dated courses gets one axis: the named points in their order, then the periods, with
the start shared ("Start" is a named start or the first date). One citizen's own
course keeps its dates (`align=False`): there is nobody to align it with.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from charts.cells import Cell, cell
from charts.style import text
from charts.vocabulary import point_label
from flows.measurements import START, Measurement, MeasurementPoint


@dataclass(frozen=True)
class Period:
    """The days `first` to `last` (None: no end) after a citizen's first measurement."""

    first: int
    last: int | None

    def holds(self, days: int) -> bool:
        return self.first <= days and (self.last is None or days <= self.last)


#: The periods after the start, and how each is named (catalogue key, parameters):
#: a month is 30.4 days, a year 365.25, rounded to whole days.
PERIODS: dict[Period, tuple[str, dict[str, int]]] = {
    Period(1, 30): ("chart.period.first_month", {}),
    Period(31, 91): ("chart.period.months", {"low": 1, "high": 3}),
    Period(92, 182): ("chart.period.months", {"low": 3, "high": 6}),
    Period(183, 365): ("chart.period.months", {"low": 6, "high": 12}),
    Period(366, 730): ("chart.period.years", {"low": 1, "high": 2}),
    Period(731, 1095): ("chart.period.years", {"low": 2, "high": 3}),
    Period(1096, None): ("chart.period.over_years", {"low": 3}),
}

#: Where a value is shown on a chart's axis: a measurement point or a period.
Position = MeasurementPoint | Period
Placed = tuple[Position, Measurement]


def period_of(days: int) -> Position:
    """`START` for day 0, else the period holding the day."""
    if days <= 0:
        return START
    return next(p for p in PERIODS if p.holds(days))


def _order(position: Position) -> tuple[int, int, int, date]:
    if isinstance(position, Period):
        return (2, position.first, 0, date.min)
    return position.sort_key


def in_order(positions: Iterable[Position]) -> tuple[Position, ...]:
    """Distinct positions: named points in their order, then dates, then periods."""
    return tuple(sorted(set(positions), key=_order))


def place(rows: Iterable[Measurement], *, align: bool = True) -> list[Placed]:
    """Each row with the position it is shown at (see the module's doc).

    Without `align`, every row at its own point (dates stay dates)."""
    if not align:
        return [(m.point, m) for m in rows]
    courses: dict[tuple[str, str], list[Measurement]] = defaultdict(list)
    for m in rows:
        courses[(m.citizen, m.parameter)].append(m)
    placed: list[Placed] = []
    for own in courses.values():
        named = [m for m in own if m.point.day is None]
        if named:
            placed += [(m.point, m) for m in named]
            continue
        first = min(_day(m) for m in own)
        at = [(period_of((_day(m) - first).days), m) for m in own]
        latest: dict[Position, date] = {}
        for position, m in at:
            latest[position] = max(latest.get(position, date.min), _day(m))
        placed += [(position, m) for position, m in at if _day(m) == latest[position]]
    return placed


def _day(m: Measurement) -> date:
    assert m.point.day is not None  # only called on dated courses
    return m.point.day


def compared(
    rows: Iterable[Measurement], points: Sequence[MeasurementPoint]
) -> tuple[list[Placed], tuple[Position, ...]]:
    """What the what-works charts compare: the rows at `points` or in a period after a
    dated start, and the positions. A file of dated courses only is compared from the
    start over its periods; otherwise at every one of `points` (as the handbook's
    figures 8 and 9), then the periods."""
    placed = [(p, m) for p, m in place(rows) if p in points or isinstance(p, Period)]
    dated_only = bool(placed) and all(m.point.day is not None for _, m in placed)
    named = tuple(p for p in points if p == START or not dated_only)
    periods = in_order(p for p, _ in placed if isinstance(p, Period))
    return placed, named + periods


def means_by_position(
    placed: Sequence[Placed], positions: Sequence[Position], min_count: int | None
) -> tuple[tuple[Cell, ...], bool]:
    """One cell per position, and whether the citizens behind them differ between them."""
    values: dict[Position, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for position, m in placed:
        if m.value is not None:  # a goal-attainment row without a value
            values[position][m.citizen].append(m.value)
    cells = tuple(cell(values.get(p, {}), min_count) for p in positions)
    populations = {frozenset(v) for v in values.values()}
    return cells, len(populations) > 1


def label(position: Position, lang: str) -> str:
    """The position as a tick label and in alt texts: "Start", "3–6 mdr."."""
    if isinstance(position, Period):
        key, params = PERIODS[position]
        return text(key, lang, **params)
    return point_label(position, lang)


def phrase(position: Position, lang: str) -> str:
    """The position in a caption's sentence: "Start", "3–6 mdr. efter start"."""
    if isinstance(position, Period):
        return text("chart.period.after_start", lang, period=label(position, lang))
    return point_label(position, lang)


def aligned_note(positions: Sequence[Position], lang: str) -> list[str]:
    """The caption's sentence on how dated courses were aligned, if any were."""
    if any(isinstance(p, Period) for p in positions):
        return [text("chart.period.note", lang)]
    return []
