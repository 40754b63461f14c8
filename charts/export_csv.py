"""A group's measurements written back in the import format (the export, issue 15): the
columns `charts.importing` reads, headed in the reader's language like the template
(`charts.template`), so `datadialog data import` reads the file back to the same
measurements.

Danish: `;`-separated with decimal commas; English: `,`-separated with decimal points;
UTF-8 with BOM either way. Numbers are written in full (Python's shortest exact form),
never rounded.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from charts.vocabulary import ALL_FIELDS, point_word
from flows.measurements import Measurement
from flows.outputs import Text
from flows.text.render import render


def _number(value: float | None, lang: str) -> str:
    if value is None:
        return ""
    text = repr(float(value)).removesuffix(".0")
    return text.replace(".", ",") if lang == "da" else text


def _word(key: str, lang: str) -> str:
    return render(Text(key), lang)


def _scale(m: Measurement, lang: str) -> str:
    if m.scale is None:
        return ""
    return f"{_number(m.scale.low, lang)}-{_number(m.scale.high, lang)}"


def _words(m: Measurement, lang: str) -> tuple[str, str, str]:
    """The goal type, the attainment and the direction as the import file writes them."""
    goal = _word(f"import.word.goal_type.{m.goal_type.value}", lang) if m.goal_type else ""
    attained = m.goal_attainment
    reached = _word(f"import.word.attainment.{attained.value}", lang) if attained else ""
    better = _word(f"import.word.direction.{m.direction}", lang) if m.direction else ""
    return goal, reached, better


def _cells(m: Measurement, lang: str) -> list[str]:
    goal, reached, better = _words(m, lang)
    by_field = {
        "citizen": m.citizen,
        "subgroup": m.subgroup or "",
        "intervention": m.intervention or "",
        "parameter": m.parameter,
        "measurement_point": point_word(m.point, lang),
        "value": _number(m.value, lang),
        "scale": _scale(m, lang),
        "goal_type": goal,
        "goal_attainment": reached,
        "year": str(m.year),
        "direction": better,
    }
    return [by_field[field] for field in ALL_FIELDS]


def measurements_csv(measurements: Iterable[Measurement], lang: str = "da") -> bytes:
    """The measurements as an import file, in the order given (the order they were imported)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";" if lang == "da" else ",", lineterminator="\r\n")
    writer.writerow([_word(f"import.column.{field}", lang) for field in ALL_FIELDS])
    writer.writerows(_cells(m, lang) for m in measurements)
    return buffer.getvalue().encode("utf-8-sig")
