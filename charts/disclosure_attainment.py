"""Goal-attainment categories too small to show: merged into one "few citizens" segment.

A category with 1 to `min_count` - 1 citizens is merged with the other small ones and
then with the next smallest categories until the merged segment holds at least
`min_count` citizens and at least two categories (so no single category's count
follows from n minus the shown ones). A bar where that leaves nothing to show on its
own is suppressed whole.
"""

from __future__ import annotations

from collections.abc import Sequence

from charts.series import CATEGORIES, AttainmentBar, GoalAttainmentData


def merged_categories(counts: Sequence[int], min_count: int) -> frozenset[int] | None:
    """Indices of the categories to merge; empty: none; None: suppress the whole bar."""
    present = [i for i, n in enumerate(counts) if n > 0]
    merged = {i for i in present if counts[i] < min_count}
    if not merged:
        return frozenset()
    rest = sorted((i for i in present if i not in merged), key=lambda i: (counts[i], i))
    while sum(counts[i] for i in merged) < min_count or len(merged) < 2:
        if not rest:
            return None
        merged.add(rest.pop(0))
    return frozenset(merged) if rest else None


def true_counts(bar: AttainmentBar) -> tuple[int, ...]:
    """The citizens per category, merged or not (from the bar's citizen sets if it has them)."""
    if bar.citizens:
        return tuple(len(s) for s in bar.citizens)
    return bar.counts


def suppressed(bar: AttainmentBar) -> AttainmentBar:
    zeros = (0,) * len(CATEGORIES)
    return AttainmentBar(bar.parameter, bar.n, zeros, True, 0, bar.citizens)


def merge_bar(bar: AttainmentBar, min_count: int) -> AttainmentBar:
    if bar.suppressed or bar.n == 0 or (bar.few and not bar.citizens):
        return bar  # nothing shown, or merged before without the sets to do it again
    counts = true_counts(bar)
    merged = merged_categories(counts, min_count)
    if merged is None:
        return suppressed(bar)
    shown = tuple(0 if i in merged else n for i, n in enumerate(counts))
    few = sum(counts[i] for i in merged)
    return AttainmentBar(bar.parameter, bar.n, shown, False, few, bar.citizens)


def merge(data: GoalAttainmentData, min_count: int) -> GoalAttainmentData:
    bars = tuple(merge_bar(bar, min_count) for bar in data.bars)
    return GoalAttainmentData(bars, data.min_count)
