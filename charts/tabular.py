"""Bytes of a CSV or XLSX file -> rows of cells, numbered as the user sees them.

CSV: see `charts.import_csv` (encoding, delimiter, Excel's `sep=` line). XLSX: the
first worksheet that holds our header, read by calamine (`charts.import_xlsx`).
The header is the first of the first `HEADER_SEARCH` non-empty rows that names every
required column (so title rows above it are skipped; `Sheet.above` keeps them for the
caller to check and tell); failing that, the row that names the most columns.
Row numbers are spreadsheet row numbers (the first line is row 1); wholly empty
rows are skipped but still counted, so numbers keep matching the file.

Rows are read lazily, one at a time, and never all held here: `Sheet.rows` is an
iterator, and the row past `max_rows` raises `TooManyRows` before the rest of the
file is read. So a huge file costs the time to read `max_rows` rows, and the memory
is the caller's (whatever it keeps of each row), not the file's (calamine holds the
one XLSX sheet read). A CSV's rows are counted first (see `_count`), so an over-limit
CSV is refused before the caller sees a row.
"""

from __future__ import annotations

import csv
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from charts.import_columns import header_fit
from charts.import_csv import csv_records, layout_of
from charts.import_xlsx import XLSX_ERRORS, Book, open_workbook, rows, worksheets
from charts.vocabulary import REQUIRED_FIELDS

#: The most data rows (non-empty rows below the header) a file may have by default;
#: `config.settings.Settings.import_max_rows` is the configured one.
MAX_ROWS = 100_000
#: Non-empty rows the header is looked for in.
HEADER_SEARCH = 20

Fit = Callable[[Sequence[object]], tuple[int, int]]


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
    #: The non-empty rows above the header (a title, a note): not data.
    above: tuple[Row, ...] = ()
    #: XLSX: the worksheet read, and the other worksheets (not read).
    name: str | None = None
    others: tuple[str, ...] = ()
    #: XLSX: every worksheet looked at, when none held a header with every required column.
    without_header: tuple[str, ...] = ()
    #: The spreadsheet column (0-based) of the first cell of each row.
    first_column: int = 0


@dataclass(frozen=True)
class _Found:
    header: Row
    above: tuple[Row, ...]
    rest: Iterator[Row]
    fit: tuple[int, int]

    @property
    def complete(self) -> bool:
        return self.fit[0] == len(REQUIRED_FIELDS)


_XLS_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls (OLE2) format


def read_sheet(
    data: bytes, filename: str, *, max_rows: int = MAX_ROWS, fit: Fit = header_fit
) -> Sheet:
    """The header now, the rows as they are iterated; at most `max_rows` of them."""
    name = filename.lower()
    if name.endswith(".xls") or data.startswith(_XLS_MAGIC):
        raise UnreadableFile("unsupported_type")
    if name.endswith((".xlsx", ".xlsm")) or data.startswith(b"PK\x03\x04"):
        return _xlsx_sheet(data, max_rows, fit)
    return _csv_sheet(data, max_rows, fit)


def _csv_sheet(data: bytes, max_rows: int, fit: Fit) -> Sheet:
    layout = layout_of(data, fit)
    found = _find_header(_csv_rows(csv_records(data, layout)), fit)
    _count(found.rest, max_rows)
    rows_ = _csv_rows(csv_records(data, layout), after=found.header[0], limit=max_rows)
    return _sheet(found, rows_)


def _csv_rows(
    records: Iterator[list[str]], *, after: int = 0, limit: int | None = None
) -> Iterator[Row]:
    """The non-empty records past row `after`, numbered; at most `limit` of them. One
    generator for what `_numbered` and `_at_most` do, since a CSV's cells are all text:
    the cost per row is the csv module's and little more."""
    count = 0
    try:
        for number, cells in enumerate(records, start=1):
            if number <= after or not "".join(cells).strip():
                continue
            count += 1
            if limit is not None and count > limit:
                raise TooManyRows(limit)
            yield number, tuple(cells)
    except (csv.Error, UnicodeDecodeError) as exc:  # a cell past csv's size limit, bad bytes
        raise UnreadableFile("unreadable") from exc


def _xlsx_sheet(data: bytes, max_rows: int, fit: Fit) -> Sheet:
    try:
        book = open_workbook(data)
        names = worksheets(book)
        chosen: tuple[str, int, _Found] | None = None
        for name in names:
            first_column, raw = rows(book, name)
            found = _find_header(_numbered(raw), fit)
            if chosen is None or found.fit > chosen[2].fit:
                chosen = (name, first_column, found)
            if found.complete:
                break
        others = tuple(n for n in names if chosen and n != chosen[0] and _has_cells(book, n))
    except XLSX_ERRORS as exc:
        raise UnreadableFile("unreadable") from exc
    if chosen is None:  # no worksheet at all
        return Sheet(header=(), header_row=1, rows=iter(()))
    name, first_column, found = chosen
    looked = tuple(names) if not found.complete and len(names) > 1 else ()
    sheet = _sheet(found, _at_most(found.rest, max_rows))
    return replace(
        sheet, name=name, others=others, without_header=looked, first_column=first_column
    )


def _has_cells(book: Book, name: str) -> bool:
    _, raw = rows(book, name)
    return next(_numbered(raw), None) is not None


def _is_empty(cell: object) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _numbered(raw: Iterable[Sequence[object]]) -> Iterator[Row]:
    return ((i, tuple(row)) for i, row in enumerate(raw, start=1) if not all(map(_is_empty, row)))


def _find_header(rows_: Iterator[Row], fit: Fit) -> _Found:
    """The first complete header among the first rows; else the best; else the first."""
    head = list(itertools.islice(rows_, HEADER_SEARCH))
    if not head:
        return _Found((1, ()), (), iter(()), (0, 0))
    fits = [fit(cells) for _, cells in head]
    complete = [i for i, f in enumerate(fits) if f[0] == len(REQUIRED_FIELDS)]
    at = complete[0] if complete else max(range(len(head)), key=lambda i: fits[i])
    return _Found(head[at], tuple(head[:at]), itertools.chain(head[at + 1 :], rows_), fits[at])


def _header_text(cell: object) -> str:
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return "" if cell is None else str(cell).strip()


def _sheet(found: _Found, rows_: Iterator[Row]) -> Sheet:
    number, cells = found.header
    header = [_header_text(c) for c in cells]
    while header and not header[-1]:
        header.pop()
    return Sheet(header=tuple(header), header_row=number, rows=rows_, above=found.above)


def _count(rows_: Iterable[Row], max_rows: int) -> None:
    """Raise `TooManyRows` if there are more than `max_rows` data rows, keeping nothing.

    A CSV is counted before it is read for real: the pass costs a few percent of the
    import, and an over-limit file is refused at once rather than after `max_rows` rows
    were validated. Not an XLSX: there a second pass would double every import's time."""
    for count, _ in enumerate(rows_, start=1):
        if count > max_rows:
            raise TooManyRows(max_rows)


def _at_most(rows_: Iterator[Row], limit: int) -> Iterator[Row]:
    try:
        for count, row in enumerate(rows_, start=1):
            if count > limit:
                raise TooManyRows(limit)
            yield row
    except XLSX_ERRORS as exc:  # a sheet calamine loaded but cannot hand out
        raise UnreadableFile("unreadable") from exc
