"""Which way is better for a parameter: higher values, lower values, or unknown.

The handbook's instruments where a lower score is better are ASI (Addiction
Severity Index) and YLS/CMI (Youth Level of Service/Case Management Inventory).
Every other parameter is unknown: captions then say only that it rose or fell.
Caption functions take the rule as a parameter (`BetterWhen`), so a later
per-parameter setting can replace `better_when`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Literal

Better = Literal["higher", "lower"]
Verdict = Literal["better", "worse"]
BetterWhen = Callable[[str], Better | None]

# "ASI" or "YLS" as a word of its own ("ASI-score", "YLS/CMI"), not inside a word ("fantasi").
_LOWER_IS_BETTER = re.compile(r"(?<![^\W\d_])(ASI|YLS)(?![^\W\d_])", re.IGNORECASE)


def better_when(parameter: str) -> Better | None:
    """ "lower" for the handbook's ASI and YLS/CMI parameters; None for anything else."""
    return "lower" if _LOWER_IS_BETTER.search(parameter) else None


def verdict(delta: float, better: Better | None) -> Verdict | None:
    """Whether a change is better or worse; None when the direction is unknown or the
    change rounds to nothing (one decimal, as shown)."""
    step = round(delta, 1)
    if better is None or step == 0:
        return None
    return "better" if (step > 0) == (better == "higher") else "worse"
