"""An example import file with a few fictitious rows, in the reader's language.

Danish: `;`-separated with decimal commas, UTF-8 with BOM (what Danish Excel
opens directly). English: `,`-separated with decimal points, UTF-8 with BOM.
"""

from __future__ import annotations

import csv
import io
from datetime import date

from charts.vocabulary import FIELDS, point_word
from flows.measurements import END, START, GoalAttainment, GoalType, MeasurementPoint, follow_up
from flows.outputs import Text
from flows.text.render import render

# citizen, subgroup, intervention, parameter, point, value, goal type, attainment, year
_EXAMPLE: tuple[tuple, ...] = (
    ("B-01", "female", "a", "a", START, 3.5, GoalType.PROGRESSION, None, 2024),
    ("B-01", "female", "a", "a", follow_up(1), 5.0, GoalType.PROGRESSION, None, 2024),
    ("B-01", "female", "a", "a", END, 6.5, GoalType.PROGRESSION, GoalAttainment.REACHED, 2024),
    ("B-02", "male", "a", "a", START, 4.0, GoalType.PROGRESSION, None, 2024),
    (
        "B-02",
        "male",
        "a",
        "a",
        END,
        4.5,
        GoalType.PROGRESSION,
        GoalAttainment.POSITIVE_NOT_REACHED,
        2024,
    ),
    ("B-03", "female", "b", "b", START, 6.0, GoalType.STABILISATION, None, 2025),
    ("B-03", "female", "b", "b", END, 6.0, GoalType.STABILISATION, GoalAttainment.REACHED, 2025),
    (
        "B-04",
        "male",
        "b",
        "b",
        MeasurementPoint.on(date(2025, 3, 3)),
        5.5,
        GoalType.PROGRESSION,
        None,
        2025,
    ),
)


def _number(value: float, lang: str) -> str:
    text = f"{value:g}"
    return text.replace(".", ",") if lang == "da" else text


def template_rows(lang: str = "da") -> list[list[str]]:
    """Header plus example rows, as text cells."""

    def word(key: str) -> str:
        return render(Text(key), lang)

    rows = [[word(f"import.column.{f}") for f in FIELDS]]
    for citizen, sub, offer, param, point, value, goal, attained, year in _EXAMPLE:
        rows.append(
            [
                citizen,
                word(f"import.template.{sub}"),
                word(f"import.template.intervention_{offer}"),
                word(f"import.template.parameter_{param}"),
                point_word(point, lang),
                _number(value, lang),
                "1-10",
                word(f"import.word.goal_type.{goal.value}"),
                word(f"import.word.attainment.{attained.value}") if attained else "",
                str(year),
            ]
        )
    return rows


def template_csv(lang: str = "da") -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";" if lang == "da" else ",", lineterminator="\r\n")
    writer.writerows(template_rows(lang))
    return buffer.getvalue().encode("utf-8-sig")


def template_xlsx(lang: str = "da") -> bytes:
    """The same rows as an XLSX workbook; values are real numbers, not text."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = render(Text("import.template.sheet"), lang)
    header, *rows = template_rows(lang)
    sheet.append(header)
    value_at, year_at = FIELDS.index("value"), FIELDS.index("year")
    for row in rows:
        cells: list[object] = list(row)
        cells[value_at] = float(row[value_at].replace(",", "."))
        cells[year_at] = int(row[year_at])
        sheet.append(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
