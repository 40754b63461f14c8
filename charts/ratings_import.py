"""Import an offer's core-element ratings from a CSV or XLSX file (issue 17).

The handbook's case "Kvalitet i Kerneelementer" (KiK) has staff rate, per citizen course,
how much each of the offer's core elements was brought into play ("i hvor høj grad
indsatsens kerneelementer er bragt i spil i forhold til den konkrete unge"). The handbook
names no number scale, so a rating is on `DEFAULT_SCALE`, 1-5 (1: not at all, 5: to a
very high degree), unless the file's scale column says otherwise.

Columns (Danish or English headers, any order, read as a measurement file's are):

    Danish         English        required  content
    borger         citizen        yes       pseudonym (B-01), never a CPR number
    målepunkt      course point   yes       start, 1. opfølgning, ..., slut, or a date
    kerneelement   core element   yes       the element's NAME as the offer lists it
    vurdering      rating         yes       a number on the scale: 4 or 3,5
    skala          scale          no        e.g. 1-5 (default 1-5)
    år             year           no        e.g. 2026 (default: a date's year, else this year)

The readers, the CPR check and the row numbers are the measurement import's
(`charts.tabular`, `charts.import_cpr`, `charts.rows`): a CPR-like number in any cell
refuses the whole file, and every bad cell is reported with its row; a file with an error
imports nothing. Each rating becomes a `Measurement` whose parameter is the element's
name (as the offer spells it), with "higher is better".
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from charts.import_cpr import CprCheck
from charts.import_result import ImportResult, RowError
from charts.import_validation import MAX_ERRORS_KEPT
from charts.import_words import SUMMARY_LABEL
from charts.importing import cpr_refusal, sheet_errors
from charts.ratings_columns import RATING_REQUIRED, map_rating_columns, rating_fit
from charts.rows import VALIDATORS, CellError, cell_text, forget_cells, parse_number
from charts.tabular import MAX_ROWS, Sheet, TooManyRows, UnreadableFile, read_sheet
from flows.measurements import Measurement, MeasurementPoint, Scale
from flows.outputs import Text

#: The scale a rating is on when the file names none (see the module's doc).
DEFAULT_SCALE = Scale(1, 5)


def read_ratings(
    data: bytes,
    filename: str,
    elements: Sequence[str],
    *,
    year: int,
    lang: str = "da",
    max_rows: int = MAX_ROWS,
) -> ImportResult:
    """Read and check a ratings file against the offer's core `elements` (their names);
    `year` is the year of a named point when the file has no year."""
    if not elements:
        return _fail(Text("ratings.error.no_elements"))
    try:
        sheet = read_sheet(data, filename, max_rows=max_rows, fit=rating_fit)
        return _read(sheet, _Rows(sheet.header, elements, year, lang))
    except TooManyRows as exc:
        refusal = Text("import.error.too_many_rows", {"limit": exc.limit})
        return ImportResult(measurements=(), refused=refusal, rows_read=exc.limit + 1)
    except UnreadableFile as exc:
        return _fail(Text(f"import.error.{exc.reason}"))
    finally:
        forget_cells()


def _fail(message: Text) -> ImportResult:
    return ImportResult(measurements=(), errors=(RowError(None, None, message),))


def _read(sheet: Sheet, rows: _Rows) -> ImportResult:
    """One pass: each row is checked for CPR numbers, then validated, as it is read."""
    errors = [*sheet_errors(sheet, "ratings", RATING_REQUIRED), *rows.columns.errors]
    cpr = CprCheck()
    above = (*sheet.above, (sheet.header_row, sheet.header))
    cpr_rows = [number for number, cells in above if cpr.row(cells)]
    checking = not (errors or cpr_rows)
    read = 0
    for number, cells in sheet.rows:
        read += 1
        if cpr.row(cells):
            cpr_rows.append(number)
            checking = False  # refused whole: what was validated is dropped
        elif checking:
            rows.add(number, cells)
    if cpr_rows:
        return ImportResult(measurements=(), refused=cpr_refusal(cpr_rows), rows_read=read)
    if checking and not read:
        errors.append(RowError(None, None, Text("ratings.error.no_rows")))
    if checking:
        errors += rows.errors
    kept = tuple(rows.ratings) if checking and not errors else ()
    return ImportResult(
        kept,
        tuple(errors),
        rows_read=read,
        more_errors=rows.more_errors if checking else 0,
        unused_columns=rows.columns.unused,
        notes=tuple(_notes(sheet, rows)),
        header_row=sheet.header_row,
        sheet=sheet.name,
    )


def _notes(sheet: Sheet, rows: _Rows) -> list[Text]:
    """What was not read: other sheets, rows above the header, columns not ours."""
    notes: list[Text] = []
    if sheet.others:
        others = tuple(Text("import.note.quoted", {"name": n}) for n in sheet.others)
        params = {"sheet": sheet.name or "", "others": others, "count": len(others)}
        notes.append(Text("import.note.sheet", params))
    if sheet.above:
        skipped = tuple(str(number) for number, _ in sheet.above)
        params = {"row": sheet.header_row, "skipped": skipped, "count": len(skipped)}
        notes.append(Text("import.note.header_row", params))
    unused = rows.columns.unused
    for column in (u for u in unused if u.suggestion is not None):
        wanted = Text(f"ratings.column.{column.suggestion}")
        notes.append(
            Text("import.note.did_you_mean", {"column": column.name, "suggestion": wanted})
        )
    others = tuple(Text("import.note.quoted", {"name": u.name}) for u in unused if not u.suggestion)
    if others:
        notes.append(Text("import.note.unused", {"columns": others, "count": len(others)}))
    return notes


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


class _Rows:
    """The rows validated so far: the ratings, and the first errors in them."""

    def __init__(self, header: tuple[str, ...], elements: Sequence[str], year: int, lang: str):
        self.columns = map_rating_columns(header, lang)
        self.elements = {_key(name): name for name in elements}
        self.known = tuple(Text("import.note.quoted", {"name": n}) for n in elements)
        self.year = year
        self.ratings: list[Measurement] = []
        self.errors: list[RowError] = []
        self.more_errors = 0
        self.seen: dict[tuple[str, str, MeasurementPoint], int] = {}

    def _cell(self, cells: tuple[object, ...], field: str) -> object:
        at = self.columns.index.get(field)
        return cells[at] if at is not None and at < len(cells) else None

    def add(self, number: int, cells: tuple[object, ...]) -> None:
        label = self._cell(cells, "citizen")
        if isinstance(label, str) and SUMMARY_LABEL.match(label):
            message = Text("import.error.summary_row", {"value": label.strip()})
            self._errors([RowError(number, self.columns.headed["citizen"], message)])
            return
        found, problems = self._rating(cells, number)
        if found is None:
            headed = self.columns.headed
            self._errors([RowError(number, headed.get(f, f), m) for f, m in problems])
            return
        first = self.seen.setdefault((found.citizen, found.parameter, found.point), number)
        if first != number:
            message = Text("ratings.error.duplicate_row", {"other": first})
            self._errors([RowError(number, None, message)])
            return
        self.ratings.append(found)

    def _rating(
        self, cells: tuple[object, ...], number: int
    ) -> tuple[Measurement | None, list[tuple[str, Text]]]:
        """The row as a rating, or every (field, message) problem in it."""
        values: dict[str, Any] = {}
        problems: list[tuple[str, Text]] = []
        for field, check in (
            ("citizen", VALIDATORS["citizen"]),
            ("measurement_point", VALIDATORS["measurement_point"]),
            ("element", self._element),
            ("rating", _number),
            ("scale", VALIDATORS["scale"]),
            ("year", VALIDATORS["year"]),
        ):
            raw = self._cell(cells, field)
            try:
                values[field] = None if field == "year" and cell_text(raw) == "" else check(raw)
            except CellError as exc:
                problems.append((field, exc.text()))
        if problems:
            return None, problems
        point: MeasurementPoint = values["measurement_point"]
        scale: Scale = values["scale"] or DEFAULT_SCALE
        if not scale.contains(values["rating"]):
            params = {"value": cell_text(self._cell(cells, "rating")), "scale": str(scale)}
            return None, [("rating", Text("import.error.out_of_scale", params))]
        year = values["year"] or (point.day.year if point.day is not None else self.year)
        found = Measurement(
            values["citizen"], values["element"], point, values["rating"], year,
            scale=scale, direction="higher", row=number,
        )  # fmt: skip
        return found, []

    def _element(self, cell: object) -> str:
        text = cell_text(cell)
        if not text:
            raise CellError("empty")
        found = self.elements.get(_key(text))
        if found is None:
            raise _Unknown(text, self.known)
        return found

    def _errors(self, found: list[RowError]) -> None:
        room = max(0, MAX_ERRORS_KEPT - len(self.errors))
        self.errors += found[:room]
        self.more_errors += len(found[room:])


class _Unknown(CellError):
    """A core element the offer does not have: named back with the ones it has."""

    def __init__(self, value: str, known: tuple[Text, ...]) -> None:
        super().__init__("unknown_element", value=value, known=known, count=len(known))

    def text(self) -> Text:
        return Text("ratings.error.unknown_element", self.params)


def _number(cell: object) -> float:
    if cell_text(cell) == "":
        raise CellError("empty")
    value = parse_number(cell)
    if value is None:
        raise CellError("not_a_number", value=cell_text(cell))
    return value
