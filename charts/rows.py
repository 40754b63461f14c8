"""Validation of one data row: each cell by its column's validator, errors as catalogue
keys, not English.

Each field has a plain validator that turns the raw cell (a string from CSV, or a
number/date/"" from XLSX) into its value, or raises a `CellError` whose `kind` names
the catalogue entry `import.error.<kind>` and whose `params` are its parameters.
`read_row` runs a row's cells through them, fields in `FIELD_ORDER`, and returns the
values or every (field, message) problem. Plain calls, no model per row: a
100,000-row import pays for the validators (cached, see `_shared`) and little else.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any, Literal

from charts.vocabulary import ATTAINMENTS, DIRECTIONS, GOAL_TYPES, normalise, parse_point
from flows.measurements import GoalAttainment, GoalType, Measurement, MeasurementPoint, Scale
from flows.outputs import Text
from flows.validation import MAX_LABEL

YEARS = (1950, 2100)
Direction = Literal["higher", "lower"]


class CellError(ValueError):
    """A cell that is not what its column needs: `import.error.<kind>` with `params`."""

    def __init__(self, kind: str, **params: Any) -> None:
        super().__init__(kind)
        self.kind = kind
        self.params = params

    def text(self) -> Text:
        return Text(f"import.error.{self.kind}", self.params)


def cell_text(cell: object) -> str:
    """A cell as text: numbers without a spurious `.0`, dates in ISO form."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime):
        return cell.date().isoformat() if cell.time() == datetime.min.time() else str(cell)
    if isinstance(cell, date):
        return cell.isoformat()
    return str(cell).strip()


def _optional_text(cell: object) -> str | None:
    text = cell_text(cell)
    if len(text) > MAX_LABEL:
        raise CellError("too_long", length=len(text), limit=MAX_LABEL)
    return text or None


def _required_text(cell: object) -> str:
    text = _optional_text(cell)
    if text is None:
        raise CellError("empty")
    return text


_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def parse_number(cell: object) -> float | None:
    """A float from a number cell or text with decimal comma or point; None if it is none."""
    if isinstance(cell, bool):
        return None
    if isinstance(cell, int | float):
        return float(cell) if math.isfinite(cell) else None
    text = str(cell).strip().replace("\u00a0", "").replace(" ", "").replace("\u2212", "-")
    if "," in text and "." in text:
        # 1.234,5 (Danish) or 1,234.5 (English): the later sign is the decimal one.
        thousands = "." if text.rfind(",") > text.rfind(".") else ","
        text = text.replace(thousands, "")
    text = text.replace(",", ".")
    return float(text) if _NUMBER.match(text) else None


def _number(cell: object) -> float:
    if cell_text(cell) == "":
        raise CellError("empty")
    value = parse_number(cell)
    if value is None:
        raise CellError("not_a_number", value=cell_text(cell))
    return value


def _optional_number(cell: object) -> float | None:
    """Empty is allowed here; whether the row may lack a value is decided across its cells
    (a goal-attainment row may: `charts.import_validation`)."""
    return None if cell_text(cell) == "" else _number(cell)


def _year(cell: object) -> int:
    if cell_text(cell) == "":
        raise CellError("empty")
    value = parse_number(cell)
    if value is None or not value.is_integer():
        raise CellError("not_a_year", value=cell_text(cell))
    if not YEARS[0] <= value <= YEARS[1]:
        raise CellError("year_out_of_range", value=int(value), low=YEARS[0], high=YEARS[1])
    return int(value)


def _point(cell: object) -> MeasurementPoint:
    if cell_text(cell) == "":
        raise CellError("empty")
    point = parse_point(cell)
    if point is None:
        raise CellError("unknown_point", value=cell_text(cell))
    return point


_SCALE = re.compile(r"^\s*(-?\d+(?:[.,]\d+)?)\s*(?:-|–|—|til|to)\s*(-?\d+(?:[.,]\d+)?)\s*$")


def _scale(cell: object) -> Scale | None:
    text = cell_text(cell)
    if not text:
        return None
    match = _SCALE.match(text)
    if match:
        low, high = (float(g.replace(",", ".")) for g in match.groups())
        if low < high:
            return Scale(low, high)
    raise CellError("bad_scale", value=text)


def _word(table: Mapping[str, Any], kind: str) -> Callable[[object], Any]:
    def validate(cell: object) -> Any:
        text = cell_text(cell)
        if not text:
            return None
        found = table.get(normalise(text))
        if found is None:
            raise CellError(kind, value=text)
        return found

    return validate


_goal_type: Callable[[object], GoalType | None] = _word(GOAL_TYPES, "unknown_goal_type")
_attainment: Callable[[object], GoalAttainment | None] = _word(ATTAINMENTS, "unknown_attainment")
_direction: Callable[[object], Direction | None] = _word(DIRECTIONS, "unknown_direction")

#: Distinct cells remembered per column (see `_shared`).
_SHARED_CELLS = 4096
_CACHES: list[Any] = []


def _shared(validate: Callable[[object], Any]) -> Callable[[object], Any]:
    """`validate`, remembering its results for recent cells: equal cells then give the very
    same value (one "Psykisk trivsel", one scale 1-10, one start point for the whole file,
    not one per row), which keeps a 100,000-row import's measurements small, and saves
    parsing the same cell again. The values are immutable, so sharing them is safe; the
    cells (str, float, date... from csv and calamine) are hashable."""
    cached = lru_cache(maxsize=_SHARED_CELLS, typed=True)(validate)
    _CACHES.append(cached)
    return cached


def forget_cells() -> None:
    """Drop the remembered cells, so that nothing of a file outlives its import."""
    for cached in _CACHES:
        cached.cache_clear()


#: The fields in the order their problems are reported, each with its validator.
VALIDATORS: dict[str, Callable[[object], Any]] = {
    "citizen": _shared(_required_text),
    "parameter": _shared(_required_text),
    "measurement_point": _shared(_point),
    "value": _shared(_optional_number),
    "year": _shared(_year),
    "subgroup": _shared(_optional_text),
    "intervention": _shared(_optional_text),
    "scale": _shared(_scale),
    "goal_type": _shared(_goal_type),
    "goal_attainment": _shared(_attainment),
    "direction": _shared(_direction),
}
FIELD_ORDER = tuple(VALIDATORS)


@dataclass(frozen=True)
class Plan:
    """(column index, validator) per field of `FIELD_ORDER` (a field the file lacks reads
    as None), and how many cells a row needs for them."""

    fields: tuple[tuple[int, Callable[[object], Any]], ...]
    width: int


def _absent(cell: object) -> None:
    return None


def plan_for(columns: Mapping[str, int]) -> Plan:
    fields = tuple(
        (columns[f], VALIDATORS[f]) if f in columns else (0, _absent) for f in FIELD_ORDER
    )
    return Plan(fields, max(at for at, _ in fields) + 1)


def read_row(plan: Plan, cells: Sequence[object]) -> tuple[list[Any], list[tuple[str, Text]]]:
    """The row's values in `FIELD_ORDER` (the order of `Measurement`'s fields), or every
    (field, message) problem in it."""
    if len(cells) < plan.width:
        cells = [*cells, *([None] * (plan.width - len(cells)))]
    try:
        return [validate(cells[at]) for at, validate in plan.fields], []
    except CellError:
        pass
    problems: list[tuple[str, Text]] = []
    for field, (at, validate) in zip(FIELD_ORDER, plan.fields, strict=True):
        try:
            validate(cells[at])
        except CellError as exc:
            problems.append((field, exc.text()))
    return [], problems


def measurement(values: Sequence[Any], row: int) -> Measurement:
    """A row's values (`read_row`, no problems) as a measurement."""
    citizen, parameter, point, value, year, subgroup, offer, scale, goal, attained, better = values
    return Measurement(
        citizen, parameter, point, value, year, subgroup, offer, scale, goal, attained, better, row
    )
