"""Bytes of a CSV or XLSX file -> rows of cells, numbered as the user sees them.

CSV: UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text"),
else cp1252, else latin-1. The delimiter (`;`, `,` or tab) is taken from the
header line: Danish Excel writes `;` because `,` is the decimal sign.
XLSX: the first worksheet, values (not formulas), via openpyxl in read-only mode.
Row numbers are spreadsheet row numbers (the first line is row 1); wholly empty
rows are skipped but still counted, so numbers keep matching the file.

Rows are read lazily, one at a time, and never all held here: `Sheet.rows` is an
iterator, and the row past `max_rows` raises `TooManyRows` before the rest of the
file is read. So a huge file costs the time to read `max_rows` rows, and the memory
is the caller's (whatever it keeps of each row), not the file's. A CSV's rows are
counted first (see `_count`), so an over-limit CSV is refused before the caller sees
a row.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

#: The most data rows (non-empty rows below the header) a file may have by default;
#: `config.settings.Settings.import_max_rows` is the configured one.
MAX_ROWS = 100_000


class UnreadableFile(Exception):
    """The bytes are not a CSV or XLSX file we can read."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # "unsupported_type" | "unreadable"


class TooManyRows(UnreadableFile):
    """The file has more data rows than `limit`; nothing past the limit was read."""

    def __init__(self, limit: int) -> None:
        super().__init__("too_many_rows")
        self.limit = limit


Row = tuple[int, tuple[object, ...]]


@dataclass(frozen=True)
class Sheet:
    header: tuple[str, ...]
    header_row: int
    #: (row number, cells) for every non-empty row below the header, read as iterated
    #: (once); raises `UnreadableFile` (or `TooManyRows`) part-way.
    rows: Iterator[Row]


_XLS_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls (OLE2) format
_CHUNK = 1 << 16  # bytes decoded at a time when checking an encoding
_XLSX_ERRORS = (zipfile.BadZipFile, KeyError, OSError, ValueError, SyntaxError)


def read_sheet(data: bytes, filename: str, *, max_rows: int = MAX_ROWS) -> Sheet:
    """The header now, the rows as they are iterated; at most `max_rows` of them."""
    name = filename.lower()
    if name.endswith(".xls") or data.startswith(_XLS_MAGIC):
        raise UnreadableFile("unsupported_type")
    if name.endswith((".xlsx", ".xlsm")) or data.startswith(b"PK\x03\x04"):
        return _numbered(_xlsx_rows(data), max_rows)
    _count(_csv_rows(data), max_rows)
    return _numbered(_csv_rows(data), max_rows)


def encoding_of(data: bytes) -> str:
    """The encoding the CSV is read in, found without decoding the file into one string."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    for encoding in ("utf-8-sig", "cp1252"):
        if _decodes(data, encoding):
            return encoding
    return "latin-1"


def _decodes(data: bytes, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        for start in range(0, len(data), _CHUNK):
            decoder.decode(data[start : start + _CHUNK])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


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


def _csv_rows(data: bytes) -> Iterator[Sequence[object]]:
    # Decoded as it is read: the file never becomes one string (up to 4 bytes a character).
    lines = io.TextIOWrapper(io.BytesIO(data), encoding=encoding_of(data), newline="")
    try:
        head: list[str] = []
        for line in lines:
            head.append(line)
            if line.strip():
                break
        delimiter = sniff_delimiter("".join(head))
        yield from csv.reader(itertools.chain(head, lines), delimiter=delimiter)
    except (csv.Error, UnicodeDecodeError) as exc:  # a cell past csv's size limit, bad UTF-16
        raise UnreadableFile("unreadable") from exc


def _xlsx_rows(data: bytes) -> Iterator[Sequence[object]]:
    from openpyxl import load_workbook  # imported here: CSV-only callers skip the cost

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except _XLSX_ERRORS as exc:
        raise UnreadableFile("unreadable") from exc
    try:
        # read_only: openpyxl parses the sheet's XML as it goes, a row at a time.
        yield from book.worksheets[0].iter_rows(values_only=True)
    except _XLSX_ERRORS as exc:  # a damaged sheet inside a readable zip
        raise UnreadableFile("unreadable") from exc
    finally:
        book.close()


def _is_empty(cell: object) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _numbered(raw: Iterable[Sequence[object]], max_rows: int) -> Sheet:
    numbered = ((i, row) for i, row in enumerate(raw, start=1) if not all(map(_is_empty, row)))
    first = next(numbered, None)
    if first is None:
        return Sheet(header=(), header_row=1, rows=iter(()))
    header_row, header = first
    header = list(header)
    while header and _is_empty(header[-1]):
        header.pop()
    return Sheet(
        header=tuple("" if c is None else str(c).strip() for c in header),
        header_row=header_row,
        rows=_at_most(numbered, max_rows),
    )


def _count(raw: Iterable[Sequence[object]], max_rows: int) -> None:
    """Raise `TooManyRows` if the file has more than `max_rows` data rows, keeping nothing.

    A CSV is counted before it is read for real: the pass costs a few percent of the
    import, and an over-limit file is refused at once rather than after `max_rows` rows
    were validated. Not an XLSX: there a second pass would double every import's time."""
    filled = (row for row in raw if not all(map(_is_empty, row)))
    for count, _ in enumerate(filled):  # 0 is the header
        if count > max_rows:
            raise TooManyRows(max_rows)


def _at_most(rows: Iterator[tuple[int, Sequence[object]]], limit: int) -> Iterator[Row]:
    for count, (number, cells) in enumerate(rows, start=1):
        if count > limit:
            raise TooManyRows(limit)
        yield number, tuple(cells)
