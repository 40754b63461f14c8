"""A large XLSX is streamed (openpyxl read-only), a small one loaded (calamine): the
importer sees the same rows either way, so only memory and speed differ."""

from __future__ import annotations

from datetime import date

from python_calamine import CalamineWorkbook

from charts.import_xlsx import open_workbook, rows, worksheets
from tests.unit.charts.helpers import xlsx_bytes

SHEET = [
    ["Målinger for Team Nord"],
    ["borger", "parameter", "målepunkt", "værdi", "år"],
    ["B-01", "Psykisk trivsel", "start", 3.5, 2024],
    [None, None, None, None, None],
    ["B-02", "Psykisk trivsel", date(2024, 3, 1), 4, 2024],
]


def _cells(row: object) -> list[object]:
    """Values as the importer reads them: empty as None, whole numbers as numbers."""
    out = []
    for cell in row:  # type: ignore[attr-defined]
        if cell == "":
            cell = None
        if isinstance(cell, float) and cell.is_integer():
            cell = int(cell)
        out.append(cell)
    while out and out[-1] is None:
        out.pop()
    return out


def test_a_streamed_workbook_gives_the_same_rows_as_a_loaded_one() -> None:
    data = xlsx_bytes(SHEET)
    loaded = open_workbook(data)
    streamed = open_workbook(data, stream_above=0)  # every sheet counts as large
    assert isinstance(loaded, CalamineWorkbook)
    assert not isinstance(streamed, CalamineWorkbook)
    assert worksheets(loaded) == worksheets(streamed)
    (name,) = worksheets(loaded)
    by_calamine = [_cells(r) for r in rows(loaded, name)[1]]
    by_openpyxl = [_cells(r) for r in rows(streamed, name)[1]]
    assert by_calamine == by_openpyxl
    assert len(by_openpyxl) == 5  # the empty row is kept, so row numbers match the sheet
