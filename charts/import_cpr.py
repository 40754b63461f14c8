"""The CPR check of every cell, fast: `looks_like_cpr`'s verdicts, computed in full once
per distinct cell that could hold a CPR number.

The cells known to be clean are remembered for the rest of the file, where the same
labels, points, scales and years recur in every row: a row of known cells is passed
in one set operation, and only a new cell is looked at. A CPR number has ten digits:
plain ASCII text shorter than ten characters ("B-01", "3,5", "start") or with fewer
than ten digits needs no full check; other text (æøå, full-width digits) gets
`looks_like_cpr`.
Numbers (XLSX) are checked as the ten and twelve digits they may have been, since Excel
drops a CPR number's leading zero; one below 10^8 would start with the day 00.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from flows.validation import looks_like_cpr

_TEN_DIGITS = re.compile(r"(?:[^0-9]*[0-9]){10}")
#: Distinct cells whose verdict is remembered (then the memory is cleared and refilled).
_REMEMBERED = 65_536
_SMALLEST_DATED = 10**8


class CprCheck:
    """The cells of one file; `full_checks` counts the `looks_like_cpr` calls made."""

    def __init__(self) -> None:
        #: Cells known to hold no CPR number (the same cells recur in every row).
        self.clean: set[object] = set()
        self.full_checks = 0

    def row(self, cells: Sequence[object]) -> bool:
        """Whether any cell of the row holds something spelt like a CPR number."""
        if self.clean.issuperset(cells):  # one C-level pass for a row of known cells
            return False
        if len(self.clean) >= _REMEMBERED:
            self.clean.clear()
        for cell in cells:
            if cell not in self.clean:
                if self._holds_cpr(cell):
                    return True
                self.clean.add(cell)
        return False

    def _holds_cpr(self, cell: object) -> bool:
        if isinstance(cell, str):
            return (len(cell) >= 10 or not cell.isascii()) and self._text(cell)
        if isinstance(cell, bool) or not isinstance(cell, int | float):
            return False  # a date, a time, an empty cell
        if isinstance(cell, float):
            if not cell.is_integer():
                return False
            cell = int(cell)
        if abs(cell) < _SMALLEST_DATED:
            return False
        return self._text(str(cell).zfill(10)) or self._text(str(cell).zfill(12))

    def _text(self, text: str) -> bool:
        if text.isascii() and _TEN_DIGITS.match(text) is None:
            return False
        self.full_checks += 1
        return looks_like_cpr(text)
