"""Small builders for chart tests: measurements, files and reading a Figure back."""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import date

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from charts import END, ONE_YEAR_AFTER, START, GoalAttainment, GoalType, Measurement, Scale
from flows.measurements import MeasurementPoint


def m(
    citizen: str,
    value: float,
    *,
    parameter: str = "Psykisk trivsel",
    point: MeasurementPoint = START,
    year: int = 2024,
    subgroup: str | None = "kvinde",
    intervention: str | None = "Familiebehandling",
    goal_type: GoalType | None = None,
    attainment: GoalAttainment | None = None,
) -> Measurement:
    return Measurement(
        citizen=citizen,
        parameter=parameter,
        point=point,
        value=value,
        year=year,
        subgroup=subgroup,
        intervention=intervention,
        scale=Scale(1, 10),
        goal_type=goal_type,
        goal_attainment=attainment,
    )


def group(prefix: str, values: Iterable[float], **fields: object) -> list[Measurement]:
    """One measurement per citizen `prefix-1`, `prefix-2`, ... with the given values."""
    return [m(f"{prefix}-{i}", v, **fields) for i, v in enumerate(values, start=1)]  # type: ignore[arg-type]


def csv_bytes(rows: list[list[str]], *, delimiter: str = ";", encoding: str = "utf-8-sig") -> bytes:
    lines = [delimiter.join(row) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def axes(fig: Figure) -> Axes:
    return fig.axes[0]


def texts(artists_owner: Axes | Figure, gid: str | None = None) -> list[str]:
    return [t.get_text() for t in artists_owner.texts if gid is None or t.get_gid() == gid]


def tick_labels(labels: Iterable) -> list[str]:
    return [t.get_text() for t in labels]


def png_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


__all__ = ["END", "ONE_YEAR_AFTER", "START", "date"]
