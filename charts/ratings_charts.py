"""The charts of an offer's core-element ratings (issue 17): one progression chart per core
element (the mean rating at each course point), protected together.

The charts one audience gets are protected as one bundle (`charts.disclosure.protect`), as
the charts of one step are: a cell of fewer than `min_count` citizens is hidden
(`charts.cells`), and so is any further cell that would let a hidden one be worked out
from the other charts. The ratings are `Measurement`s whose parameter is the element's
name (`charts.ratings_import`), so the measurement charts' maths, drawing, alt texts and
captions are used as they are.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from charts.cells import MIN_COUNT
from charts.disclosure import protect
from charts.series import ProgressionData, progression
from flows.measurements import Measurement


def rating_charts(
    ratings: Iterable[Measurement], elements: Sequence[str], min_count: int = MIN_COUNT
) -> list[ProgressionData]:
    """One chart per element in `elements` (in that order), protected together."""
    rows = list(ratings)
    found = [progression(rows, parameters=(name,), min_count=min_count) for name in elements]
    protected = protect(list(found), min_count)
    return [chart for chart in protected if isinstance(chart, ProgressionData)]
