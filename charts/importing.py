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

Rules: every bad cell is reported at once with its spreadsheet row number; a
file with errors imports nothing unless the caller passes `accept_valid=True`
(then the valid rows are imported); a CPR-like number in any cell refuses the
whole file, whatever `accept_valid` says. See `charts.template` for an example file.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import ValidationError

from charts.rows import RowModel, row_errors
from charts.tabular import Sheet, UnreadableFile, read_sheet
from charts.vocabulary import FIELDS, HEADERS, REQUIRED_FIELDS, normalise
from flows.measurements import GoalAttainment, GoalType, Measurement
from flows.outputs import Text
from flows.text.render import render
from flows.validation import looks_like_cpr

#: How many CPR-like cells a refusal names (their positions, never their contents).
_CPR_CELLS_SHOWN = 5


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
    #: Set when the whole file is refused (CPR numbers); then nothing is imported.
    refused: Text | None = None
    #: Non-empty data rows found below the header.
    rows_read: int = 0
    #: Headers that are not part of the schema (ignored).
    ignored_columns: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.refused is None and not self.errors

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
                {"count": len(self.measurements), "errors": len(self.errors)},
            )
        return Text("import.summary.errors", {"errors": len(self.errors)})

    def error_lines(self, limit: int | None = 20) -> tuple[Text, ...]:
        """Each error as a line; past `limit`, one line saying how many more there are."""
        lines = [e.line() for e in self.errors]
        if limit is not None and len(lines) > limit:
            rest = len(lines) - limit
            lines = [*lines[:limit], Text("import.error.more", {"count": rest})]
        return tuple(lines)


def read_measurements(
    data: bytes, filename: str, *, lang: str = "da", accept_valid: bool = False
) -> ImportResult:
    """Read and validate a measurement file; see the module docstring for the rules.

    `lang` only names missing columns in `RowError.column`; messages are `Text`
    the caller renders in the reader's language.
    """
    try:
        sheet = read_sheet(data, filename)
    except UnreadableFile as exc:
        return _fail(Text(f"import.error.{exc.reason}"))
    refusal = _cpr_refusal(sheet)
    if refusal is not None:
        return ImportResult(measurements=(), refused=refusal, rows_read=len(sheet.rows))
    columns, ignored, errors = _map_columns(sheet.header, lang)
    if errors:
        return ImportResult((), tuple(errors), rows_read=len(sheet.rows), ignored_columns=ignored)
    if not sheet.rows:
        return _fail(Text("import.error.no_rows"))
    measurements, errors = _validate_rows(sheet, columns)
    if errors and not accept_valid:
        measurements = []
    return ImportResult(
        tuple(measurements), tuple(errors), rows_read=len(sheet.rows), ignored_columns=ignored
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


def _cpr_refusal(sheet: Sheet) -> Text | None:
    places: list[str] = []
    everything = [(sheet.header_row, sheet.header), *sheet.rows]
    for number, cells in everything:
        for cell in cells:
            if any(looks_like_cpr(text) for text in _cell_may_hide_cpr(cell)):
                places.append(str(number))
                break
    if not places:
        return None
    shown = tuple(places[:_CPR_CELLS_SHOWN])
    more = len(places) - len(shown)
    return Text("import.refused.cpr", {"rows": shown, "count": len(places), "more": more})


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


def _validate_rows(
    sheet: Sheet, columns: dict[str, int]
) -> tuple[list[Measurement], list[RowError]]:
    headed = {field: sheet.header[index] for field, index in columns.items()}
    measurements: list[Measurement] = []
    errors: list[RowError] = []
    seen: dict[tuple, int] = {}
    for number, cells in sheet.rows:
        raw = {f: (cells[i] if i < len(cells) else None) for f, i in columns.items()}
        try:
            row = RowModel.model_validate(raw)
        except ValidationError as exc:
            errors += [RowError(number, headed[f], m) for f, m in row_errors(exc)]
            continue
        problems = _cross_field(row, raw.get("value"))
        if problems:
            errors += [RowError(number, headed.get(f, f), m) for f, m in problems]
            continue
        key = (row.citizen, row.intervention, row.parameter, row.measurement_point)
        if key in seen:
            errors.append(
                RowError(number, None, Text("import.error.duplicate_row", {"other": seen[key]}))
            )
            continue
        seen[key] = number
        measurements.append(row.to_measurement(number))
    return measurements, errors


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


__all__ = ["FIELDS", "ImportResult", "RowError", "read_measurements"]
