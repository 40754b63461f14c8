"""Import a group's measurements from a CSV or XLSX file.

Column schema: one row per citizen x parameter x measurement point, the header in
row 1. Danish or English headers, in any order; case, spacing, `_`/`-` and æ/ø/å
spelt ae/oe/aa are ignored. Other columns are ignored (but still checked for CPR
numbers).

    Danish         English            required  content
    borger         citizen            yes       pseudonym or case number (B-01), never a CPR no.
    undergruppe    subgroup           no        e.g. kvinde / mand, an age band
    indsats        intervention       no        the intervention or offer
    parameter      parameter          yes       e.g. Psykisk trivsel
    målepunkt      measurement_point  yes       start, slut på stabilisering, 1. opfølgning,
                                                2. opfølgning, ..., slut, et år efter (or the
                                                English start, end of stabilisation,
                                                follow-up 1, ..., end, one year after), or a
                                                date: 2024-03-01, 01-03-2024, 1.3.2024
    værdi          value              yes       a number: 3,5 or 3.5
    skala          scale              no        e.g. 1-10; the value must lie on it
    måltype        goal_type          no (*)    progression / stabilisering (stabilisation)
    målopfyldelse  goal_attainment    no        nået / positiv udvikling, mål ikke nået /
                                                ingen udvikling / tilbagegang (reached /
                                                positive development not reached /
                                                no development / deterioration); may be empty
    år             year               yes       e.g. 2024

(*) a row with a goal attainment needs a goal type; a stabilisation goal is
either reached or ended in deterioration.

Rules: every bad cell is reported at once with its spreadsheet row number (the
first `MAX_ERRORS_KEPT`; the rest are counted); a file with errors imports nothing
unless the caller passes `accept_valid=True` (then the valid rows are imported); a
CPR-like number in any cell refuses the whole file, whatever `accept_valid` says, and
so does having more than `max_rows` data rows (the setting `import_max_rows`; the
file is read no further). See `charts.template` for an example file.

The file is read in one pass, a row at a time (`charts.tabular`): what is kept is
the measurements, never the file's rows, so memory follows the rows imported.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import ValidationError

from charts.rows import RowModel, forget_cells, row_errors
from charts.tabular import MAX_ROWS, Sheet, TooManyRows, UnreadableFile, read_sheet
from charts.vocabulary import FIELDS, HEADERS, REQUIRED_FIELDS, normalise
from flows.measurements import GoalAttainment, GoalType, Measurement
from flows.outputs import Text
from flows.text.render import render
from flows.validation import looks_like_cpr

#: How many CPR-like cells a refusal names (their positions, never their contents).
_CPR_CELLS_SHOWN = 5
#: Errors kept for the uploader (a file of bad rows may have ten in every row); the
#: rest are only counted. Far more than anyone reads: `error_lines` shows twenty.
MAX_ERRORS_KEPT = 1_000


@dataclass(frozen=True)
class RowError:
    """One problem: `row` as in the spreadsheet (None: the whole file), `column` as headed."""

    row: int | None
    column: str | None
    message: Text

    def line(self) -> Text:
        """The problem as one line, with its place: render it in the user's language."""
        if self.row is None:
            return self.message
        if self.column is None:
            return Text("import.error.at_row", {"row": self.row, "message": self.message})
        return Text(
            "import.error.at_cell",
            {"row": self.row, "column": self.column, "message": self.message},
        )


@dataclass(frozen=True)
class ImportResult:
    measurements: tuple[Measurement, ...]
    errors: tuple[RowError, ...] = ()
    #: Set when the whole file is refused (CPR numbers, too many rows); then nothing is
    #: imported.
    refused: Text | None = None
    #: Non-empty data rows found below the header (read, when the file had too many).
    rows_read: int = 0
    #: Headers that are not part of the schema (ignored).
    ignored_columns: tuple[str, ...] = ()
    #: Errors found beyond the `MAX_ERRORS_KEPT` in `errors`: counted, not kept.
    more_errors: int = 0

    @property
    def ok(self) -> bool:
        return self.refused is None and not self.errors

    @property
    def error_count(self) -> int:
        return len(self.errors) + self.more_errors

    def summary(self) -> Text:
        """One sentence for the uploader: refused, imported, partly imported, or not imported."""
        if self.refused is not None:
            return self.refused
        citizens = len({m.citizen for m in self.measurements})
        if not self.errors:
            return Text(
                "import.summary.ok", {"count": len(self.measurements), "citizens": citizens}
            )
        if self.measurements:
            return Text(
                "import.summary.partial",
                {"count": len(self.measurements), "errors": self.error_count},
            )
        return Text("import.summary.errors", {"errors": self.error_count})

    def error_lines(self, limit: int | None = 20) -> tuple[Text, ...]:
        """Each error as a line; past `limit`, one line saying how many more there are."""
        lines = [e.line() for e in self.errors]
        shown = len(lines) if limit is None else min(limit, len(lines))
        rest = len(lines) - shown + self.more_errors
        if rest:
            lines = [*lines[:shown], Text("import.error.more", {"count": rest})]
        return tuple(lines)


def read_measurements(
    data: bytes,
    filename: str,
    *,
    lang: str = "da",
    accept_valid: bool = False,
    max_rows: int = MAX_ROWS,
) -> ImportResult:
    """Read and validate a measurement file; see the module docstring for the rules.

    `lang` only names missing columns in `RowError.column`; messages are `Text`
    the caller renders in the reader's language. A file with more than `max_rows` data
    rows is refused whole, and read no further than that.
    """
    try:
        return _read(read_sheet(data, filename, max_rows=max_rows), lang, accept_valid)
    except TooManyRows as exc:
        refusal = Text("import.error.too_many_rows", {"limit": exc.limit})
        return ImportResult(measurements=(), refused=refusal, rows_read=exc.limit + 1)
    except UnreadableFile as exc:
        return _fail(Text(f"import.error.{exc.reason}"))
    finally:
        forget_cells()


def _read(sheet: Sheet, lang: str, accept_valid: bool) -> ImportResult:
    """One pass over the rows: each is checked for CPR numbers and validated as it is read,
    so only the measurements (and the first errors) are kept, never the file's rows."""
    columns, ignored, column_errors = _map_columns(sheet.header, lang)
    cpr_rows = [sheet.header_row] if _may_hide_cpr(sheet.header) else []
    valid = None if column_errors or cpr_rows else _Validation(sheet.header, columns)
    rows_read = 0
    for number, cells in sheet.rows:
        rows_read += 1
        if _may_hide_cpr(cells):
            cpr_rows.append(number)
            valid = None  # the file is refused whole: drop what was validated
        elif valid is not None:
            valid.add(number, cells)
    if cpr_rows:
        return ImportResult(measurements=(), refused=_cpr_refusal(cpr_rows), rows_read=rows_read)
    if valid is None:
        return ImportResult((), tuple(column_errors), rows_read=rows_read, ignored_columns=ignored)
    if not rows_read:
        return _fail(Text("import.error.no_rows"))
    measurements = valid.measurements if accept_valid or not valid.errors else []
    return ImportResult(
        tuple(measurements),
        tuple(valid.errors),
        rows_read=rows_read,
        ignored_columns=ignored,
        more_errors=valid.more_errors,
    )


def _fail(message: Text) -> ImportResult:
    return ImportResult(measurements=(), errors=(RowError(None, None, message),))


def _cell_may_hide_cpr(cell: object) -> tuple[str, ...]:
    """The texts a cell is checked as: a text cell as it is; a whole number as the ten
    (DDMMYY-XXXX) and twelve (DDMMYYYY-XXXX) digits it may have been, since Excel drops
    a CPR number's leading zero when the cell is numeric."""
    if isinstance(cell, str):
        return (cell,)
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    if isinstance(cell, int) and not isinstance(cell, bool):
        return (str(cell).zfill(10), str(cell).zfill(12))
    return ()


def _may_hide_cpr(cells: tuple[object, ...]) -> bool:
    return any(looks_like_cpr(text) for cell in cells for text in _cell_may_hide_cpr(cell))


def _cpr_refusal(rows: list[int]) -> Text:
    shown = tuple(str(row) for row in rows[:_CPR_CELLS_SHOWN])
    more = len(rows) - len(shown)
    return Text("import.refused.cpr", {"rows": shown, "count": len(rows), "more": more})


def _map_columns(
    header: tuple[str, ...], lang: str
) -> tuple[dict[str, int], tuple[str, ...], list[RowError]]:
    columns: dict[str, int] = {}
    ignored: list[str] = []
    errors: list[RowError] = []
    for index, name in enumerate(header):
        field = HEADERS.get(normalise(name))
        if field is None:
            if name:
                ignored.append(name)
            continue
        if field in columns:
            first = header[columns[field]]
            message = Text("import.error.duplicate_column", {"first": first, "second": name})
            errors.append(RowError(1, name, message))
            continue
        columns[field] = index
    for field in REQUIRED_FIELDS:
        if field not in columns:
            canonical = render(Text(f"import.column.{field}"), lang)
            message = Text("import.error.missing_column", {"column": canonical})
            errors.append(RowError(None, canonical, message))
    return columns, tuple(ignored), errors


class _Validation:
    """The rows validated so far: their measurements, and the first errors in them."""

    def __init__(self, header: tuple[str, ...], columns: dict[str, int]) -> None:
        self.columns = columns
        self.headed = {field: header[index] for field, index in columns.items()}
        self.measurements: list[Measurement] = []
        self.errors: list[RowError] = []
        self.more_errors = 0
        self.seen: dict[tuple[object, ...], int] = {}

    def add(self, number: int, cells: tuple[object, ...]) -> None:
        raw = {f: (cells[i] if i < len(cells) else None) for f, i in self.columns.items()}
        try:
            row = RowModel.model_validate(raw)
        except ValidationError as exc:
            self._errors([RowError(number, self.headed[f], m) for f, m in row_errors(exc)])
            return
        problems = _cross_field(row, raw.get("value"))
        if problems:
            self._errors([RowError(number, self.headed.get(f, f), m) for f, m in problems])
            return
        key = (row.citizen, row.intervention, row.parameter, row.measurement_point)
        first = self.seen.setdefault(key, number)
        if first != number:
            self._errors(
                [RowError(number, None, Text("import.error.duplicate_row", {"other": first}))]
            )
            return
        self.measurements.append(row.to_measurement(number))

    def _errors(self, found: list[RowError]) -> None:
        room = max(0, MAX_ERRORS_KEPT - len(self.errors))
        self.errors += found[:room]
        self.more_errors += len(found[room:])


def _cross_field(row: RowModel, raw_value: object) -> list[tuple[str, Text]]:
    problems: list[tuple[str, Text]] = []
    if row.scale is not None and not row.scale.contains(row.value):
        params = {"value": str(raw_value).strip(), "scale": str(row.scale)}
        problems.append(("value", Text("import.error.out_of_scale", params)))
    attainment = row.goal_attainment
    if attainment is not None and row.goal_type is None:
        problems.append(("goal_attainment", Text("import.error.attainment_needs_goal_type")))
    if row.goal_type is GoalType.STABILISATION and attainment in (
        GoalAttainment.POSITIVE_NOT_REACHED,
        GoalAttainment.NO_DEVELOPMENT,
    ):
        problems.append(("goal_attainment", Text("import.error.stabilisation_attainment")))
    return problems


__all__ = ["FIELDS", "MAX_ROWS", "ImportResult", "RowError", "read_measurements"]
