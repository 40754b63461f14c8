"""Validation of one data row with pydantic; errors carry catalogue keys, not English.

Each field has a plain validator that turns the raw cell (a string from CSV, or
a number/date/None from XLSX) into its value, or raises a `PydanticCustomError`
whose type names the catalogue entry `import.error.<type>` and whose context
holds its parameters. `row_errors` turns a `ValidationError` into (field, Text).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date, datetime
from functools import lru_cache, wraps
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, ConfigDict, PlainValidator, ValidationError
from pydantic_core import PydanticCustomError

from charts.vocabulary import ATTAINMENTS, GOAL_TYPES, normalise, parse_point
from flows.measurements import GoalAttainment, GoalType, Measurement, MeasurementPoint, Scale
from flows.outputs import Text
from flows.validation import MAX_LABEL

YEARS = (1950, 2100)


def _fail(kind: str, **ctx: Any) -> PydanticCustomError:
    return PydanticCustomError(kind, kind, ctx)


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
        raise _fail("too_long", length=len(text), limit=MAX_LABEL)
    return text or None


def _required_text(cell: object) -> str:
    text = _optional_text(cell)
    if text is None:
        raise _fail("empty")
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
        raise _fail("empty")
    value = parse_number(cell)
    if value is None:
        raise _fail("not_a_number", value=cell_text(cell))
    return value


def _year(cell: object) -> int:
    if cell_text(cell) == "":
        raise _fail("empty")
    value = parse_number(cell)
    if value is None or not value.is_integer():
        raise _fail("not_a_year", value=cell_text(cell))
    if not YEARS[0] <= value <= YEARS[1]:
        raise _fail("year_out_of_range", value=int(value), low=YEARS[0], high=YEARS[1])
    return int(value)


def _point(cell: object) -> MeasurementPoint:
    if cell_text(cell) == "":
        raise _fail("empty")
    point = parse_point(cell)
    if point is None:
        raise _fail("unknown_point", value=cell_text(cell))
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
    raise _fail("bad_scale", value=text)


def _goal_type(cell: object) -> GoalType | None:
    text = cell_text(cell)
    if not text:
        return None
    found = GOAL_TYPES.get(normalise(text))
    if found is None:
        raise _fail("unknown_goal_type", value=text)
    return found


def _attainment(cell: object) -> GoalAttainment | None:
    text = cell_text(cell)
    if not text:
        return None
    found = ATTAINMENTS.get(normalise(text))
    if found is None:
        raise _fail("unknown_attainment", value=text)
    return found


T = TypeVar("T")

#: Distinct cells remembered per column (see `_shared`).
_SHARED_CELLS = 4096
_CACHES: list[Any] = []


def _shared(validate: Callable[[object], T]) -> Callable[[object], T]:
    """`validate`, remembering its results for recent cells: equal cells then give the very
    same value (one "Psykisk trivsel", one scale 1-10, one start point for the whole file,
    not one per row), which keeps a 100,000-row import's measurements small, and saves
    parsing the same cell again. The values are immutable, so sharing them is safe."""
    cached = lru_cache(maxsize=_SHARED_CELLS, typed=True)(validate)
    _CACHES.append(cached)

    @wraps(validate)
    def call(cell: object) -> T:
        try:
            return cached(cell)
        except TypeError:  # an unhashable cell (none is known): validated afresh
            return validate(cell)

    return call


def forget_cells() -> None:
    """Drop the remembered cells, so that nothing of a file outlives its import."""
    for cached in _CACHES:
        cached.cache_clear()


class RowModel(BaseModel):
    """One row's cells, by schema field name (see `charts.importing`)."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    citizen: Annotated[str, PlainValidator(_shared(_required_text))]
    parameter: Annotated[str, PlainValidator(_shared(_required_text))]
    measurement_point: Annotated[MeasurementPoint, PlainValidator(_shared(_point))]
    value: Annotated[float, PlainValidator(_shared(_number))]
    year: Annotated[int, PlainValidator(_shared(_year))]
    subgroup: Annotated[str | None, PlainValidator(_shared(_optional_text))] = None
    intervention: Annotated[str | None, PlainValidator(_shared(_optional_text))] = None
    scale: Annotated[Scale | None, PlainValidator(_shared(_scale))] = None
    goal_type: Annotated[GoalType | None, PlainValidator(_shared(_goal_type))] = None
    goal_attainment: Annotated[GoalAttainment | None, PlainValidator(_shared(_attainment))] = None

    def to_measurement(self, row: int) -> Measurement:
        return Measurement(
            citizen=self.citizen,
            parameter=self.parameter,
            point=self.measurement_point,
            value=self.value,
            year=self.year,
            subgroup=self.subgroup,
            intervention=self.intervention,
            scale=self.scale,
            goal_type=self.goal_type,
            goal_attainment=self.goal_attainment,
            row=row,
        )


def row_errors(exc: ValidationError) -> list[tuple[str, Text]]:
    """(field, message) for each error, message keyed `import.error.<type>`."""
    found: list[tuple[str, Text]] = []
    for error in exc.errors(include_url=False, include_input=False):
        field = str(error["loc"][0]) if error["loc"] else ""
        kind = error["type"]
        params = dict(error.get("ctx") or {})
        if kind == "missing":
            kind = "empty"
        found.append((field, Text(f"import.error.{kind}", params)))
    return found
