"""Bytes of a CSV or XLSX file -> rows of cells, numbered as the user sees them.

CSV: UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text"),
else cp1252, else latin-1. The delimiter (`;`, `,` or tab) is taken from the
header line: Danish Excel writes `;` because `,` is the decimal sign.
XLSX: the first worksheet, values (not formulas), via openpyxl in read-only mode.
Row numbers are spreadsheet row numbers (the first line is row 1); wholly empty
rows are skipped but still counted, so numbers keep matching the file.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass


class UnreadableFile(Exception):
    """The bytes are not a CSV or XLSX file we can read."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # "unsupported_type" | "unreadable"


@dataclass(frozen=True)
class Sheet:
    header: tuple[str, ...]
    header_row: int
    #: (row number, cells) for every non-empty row below the header.
    rows: tuple[tuple[int, tuple[object, ...]], ...]


_XLS_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls (OLE2) format


def read_sheet(data: bytes, filename: str) -> Sheet:
    name = filename.lower()
    if name.endswith(".xls") or data.startswith(_XLS_MAGIC):
        raise UnreadableFile("unsupported_type")
    if name.endswith((".xlsx", ".xlsm")) or data.startswith(b"PK\x03\x04"):
        return _numbered(_xlsx_rows(data))
    return _numbered(_csv_rows(decode(data)))


def decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def sniff_delimiter(text: str) -> str:
    """The delimiter that occurs most often in the first non-empty line (outside quotes)."""
    for line in text.splitlines():
        if line.strip():
            bare, quoted = [], False
            for ch in line:
                if ch == '"':
                    quoted = not quoted
                elif not quoted:
                    bare.append(ch)
            counts = {d: bare.count(d) for d in (";", ",", "\t")}
            best = max(counts, key=lambda d: counts[d])
            return best if counts[best] else ","
    return ","


def _csv_rows(text: str) -> list[list[object]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    try:
        return [list(row) for row in reader]
    except csv.Error as exc:
        raise UnreadableFile("unreadable") from exc


def _xlsx_rows(data: bytes) -> list[list[object]]:
    from openpyxl import load_workbook  # imported here: CSV-only callers skip the cost

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise UnreadableFile("unreadable") from exc
    try:
        sheet = book.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def _is_empty(cell: object) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _numbered(rows: list[list[object]]) -> Sheet:
    numbered = [(i, row) for i, row in enumerate(rows, start=1) if not all(map(_is_empty, row))]
    if not numbered:
        return Sheet(header=(), header_row=1, rows=())
    header_row, header = numbered[0]
    while header and _is_empty(header[-1]):
        header = header[:-1]
    return Sheet(
        header=tuple("" if c is None else str(c).strip() for c in header),
        header_row=header_row,
        rows=tuple((i, tuple(row)) for i, row in numbered[1:]),
    )
