"""Cells of chart data: the mean over the citizens behind a value, and its n.

A citizen counts once per cell: if a citizen has several values in one cell (e.g.
re-measured), their mean is used.

Small-count suppression: in group charts a cell backed by fewer than
`min_count` citizens is marked `suppressed` and carries no mean or shares, so
nobody can be recognised from it. A single citizen's own chart is about that
citizen and is never suppressed. Charts sent together could still give a hidden
cell away by differencing; `charts.disclosure.protect` then hides more cells
(suppressed cells with n >= `min_count`), and for that each cell knows the citizens
behind it and their values.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from statistics import fmean

from flows.measurements import Measurement, Scale

MIN_COUNT = 5


@dataclass(frozen=True)
class Cell:
    """A mean over `n` citizens; `mean` is None when suppressed or when there is no data."""

    mean: float | None
    n: int
    suppressed: bool = False
    #: The citizens behind the cell and each one's own value (their mean in the cell),
    #: for the disclosure check only: out of equality, repr and the cache key, never drawn.
    citizens: frozenset[str] = field(default=frozenset(), compare=False, repr=False)
    values: Mapping[str, float] = field(default_factory=dict, compare=False, repr=False)

    @property
    def shown(self) -> bool:
        return self.mean is not None


EMPTY = Cell(None, 0)


def cell(values_by_citizen: dict[str, list[float]], min_count: int | None) -> Cell:
    """Mean of the citizens' own means; suppressed below `min_count` (None: never)."""
    n = len(values_by_citizen)
    if n == 0:
        return EMPTY
    own = {citizen: fmean(v) for citizen, v in values_by_citizen.items()}
    if min_count is not None and n < min_count:
        return Cell(None, n, True, frozenset(own), own)
    return Cell(fmean(own.values()), n, False, frozenset(own), own)


def common_scale(rows: Iterable[Measurement]) -> Scale | None:
    scales = {m.scale for m in rows}
    return scales.pop() if len(scales) == 1 else None
