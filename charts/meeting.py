"""Data for the meeting charts: who has prepared, and the result of the theme vote."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class PreparationData:
    """Who has prepared. Names may be empty when only counts are known."""

    prepared_count: int
    missing_count: int
    prepared: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()

    @property
    def total(self) -> int:
        return self.prepared_count + self.missing_count


def preparation_status(entries: Iterable[tuple[str, bool]]) -> PreparationData:
    entries = list(entries)
    prepared = tuple(name for name, done in entries if done)
    missing = tuple(name for name, done in entries if not done)
    return PreparationData(len(prepared), len(missing), prepared, missing)


def preparation_counts(prepared: int, total: int) -> PreparationData:
    if not 0 <= prepared <= total:
        raise ValueError("need 0 <= prepared <= total")
    return PreparationData(prepared, total - prepared)


@dataclass(frozen=True)
class VoteData:
    """Themes with their vote counts, highest first (ties keep the given order)."""

    themes: tuple[tuple[str, int], ...]

    @property
    def leaders(self) -> tuple[str, ...]:
        """The theme(s) with the most votes; empty when nobody has voted."""
        if not self.themes or self.themes[0][1] == 0:
            return ()
        top = self.themes[0][1]
        return tuple(title for title, votes in self.themes if votes == top)


def theme_votes(items: Iterable[tuple[str, int]]) -> VoteData:
    return VoteData(tuple(sorted(items, key=lambda item: -item[1])))
