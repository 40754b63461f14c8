"""An XLSX workbook's worksheets: cell values, not formulas.

Most files are read by calamine (Rust), which is fast but loads a whole sheet at once:
a 100,000-row sheet cost about 45 MB more than reading it as a stream (peak 174 MB
against the 150 MB bound of `bench/import_memory.py`). So a workbook with a worksheet
whose XML is larger than `STREAM_ABOVE_BYTES` (about 60,000 rows of ten columns) is
read as a stream by openpyxl in read-only mode instead: slower (about 10 s for 100,000
rows here), but its memory does not grow with the sheet. Either way rows are handed out
one at a time from the sheet's row 1; numbers may be floats or ints, empty cells "" or
None, dates `date`/`datetime`; `first_column` (0-based) only matters for naming columns
by letter.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator, Sequence
from datetime import datetime, time
from typing import Any, TypeAlias

from openpyxl import load_workbook  # type: ignore[import-untyped]
from openpyxl.utils.exceptions import InvalidFileException  # type: ignore[import-untyped]
from python_calamine import CalamineError, CalamineWorkbook, SheetTypeEnum

#: What a damaged file raises, from calamine, openpyxl or below them.
XLSX_ERRORS = (
    CalamineError,
    InvalidFileException,
    zipfile.BadZipFile,
    OSError,
    ValueError,
    KeyError,
    SyntaxError,
)
#: Uncompressed worksheet XML above which the workbook is streamed (openpyxl).
STREAM_ABOVE_BYTES = 32 * 1024 * 1024

#: A calamine workbook, or an openpyxl read-only one (untyped).
Book: TypeAlias = CalamineWorkbook | Any


def largest_sheet_bytes(data: bytes) -> int:
    """The uncompressed size of the largest worksheet part, from the zip's directory."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sizes = [
            info.file_size
            for info in archive.infolist()
            if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")
        ]
    return max(sizes, default=0)


def open_workbook(data: bytes, stream_above: int = STREAM_ABOVE_BYTES) -> Book:
    """The workbook; raises one of `XLSX_ERRORS` when it is no readable XLSX."""
    if largest_sheet_bytes(data) > stream_above:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    return CalamineWorkbook.from_filelike(io.BytesIO(data))


def worksheets(book: Book) -> list[str]:
    """The names of the sheets that hold cells (not chart sheets), in workbook order."""
    if isinstance(book, CalamineWorkbook):
        return [s.name for s in book.sheets_metadata if s.typ == SheetTypeEnum.WorkSheet]
    return [sheet.title for sheet in book.worksheets]


def rows(book: Book, name: str) -> tuple[int, Iterator[Sequence[object]]]:
    """(first used column, the sheet's rows from row 1 on)."""
    if isinstance(book, CalamineWorkbook):
        sheet = book.get_sheet_by_name(name)
        start = sheet.start
        return (start[1] if start else 0), sheet.iter_rows()
    streamed = book[name].iter_rows(min_row=1, values_only=True)
    return 0, (tuple(map(_as_calamine, row)) for row in streamed)


def _as_calamine(cell: object) -> object:
    """A date at midnight as the `date` calamine gives (openpyxl gives a `datetime`)."""
    if isinstance(cell, datetime) and cell.time() == time():
        return cell.date()
    return cell
