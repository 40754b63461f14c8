"""Which way is better for a parameter: higher values, lower values, or unknown.

The file says so first: an imported `retning` (direction) column is carried on each
measurement (`Measurement.direction`), and `better_when_for(measurements)` prefers it.
Otherwise the handbook's instruments where a lower score is better are ASI (Addiction
Severity Index) and YLS/CMI (Youth Level of Service/Case Management Inventory).
Every other parameter is unknown: captions then say only that it rose or fell.
Caption functions take the rule as a parameter (`BetterWhen`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Literal

from flows.measurements import Measurement

Better = Literal["higher", "lower"]
Verdict = Literal["better", "worse"]
BetterWhen = Callable[[str], Better | None]

# "ASI" or "YLS" as a word of its own ("ASI-score", "YLS/CMI"), not inside a word ("fantasi").
_LOWER_IS_BETTER = re.compile(r"(?<![^\W\d_])(ASI|YLS)(?![^\W\d_])", re.IGNORECASE)


def better_when(parameter: str, imported: Mapping[str, Better] | None = None) -> Better | None:
    """The direction the file gave the parameter (`imported`, by parameter); else "lower"
    for the handbook's ASI and YLS/CMI parameters; else None."""
    if imported and parameter in imported:
        return imported[parameter]
    return "lower" if _LOWER_IS_BETTER.search(parameter) else None


def imported_directions(measurements: Iterable[Measurement]) -> dict[str, Better]:
    """Each parameter's direction as imported (the importer lets a parameter have one)."""
    return {m.parameter: m.direction for m in measurements if m.direction is not None}


#: Each parameter's imported direction, hashable (chart data carries it to the captions).
Directions = tuple[tuple[str, Better], ...]


def directions(rows: Iterable[Measurement]) -> Directions:
    return tuple(sorted(imported_directions(rows).items()))


def better_when_for(measurements: Iterable[Measurement]) -> BetterWhen:
    """`better_when` that knows the directions these measurements were imported with."""
    imported = imported_directions(measurements)

    def better(parameter: str) -> Better | None:
        return better_when(parameter, imported)

    return better


def verdict(delta: float, better: Better | None) -> Verdict | None:
    """Whether a change is better or worse; None when the direction is unknown or the
    change rounds to nothing (one decimal, as shown)."""
    step = round(delta, 1)
    if better is None or step == 0:
        return None
    return "better" if (step > 0) == (better == "higher") else "worse"
