"""Import a group's measurements from a CSV or XLSX file.

Column schema: one row per citizen x parameter x measurement point, under a header
row. Danish or English headers, in any order; case, spacing, `_`/`-` and æ/ø/å
spelt ae/oe/aa are ignored, and common synonyms and the handbook's own words are
understood (`charts.import_words`). Other columns are not read (but still checked for
CPR numbers), and each is named back to the uploader, with a "did you mean" for a
near miss of one of ours (`maalepunkt2`).

    Danish         English            required  content (other headers understood)
    borger         citizen            yes       pseudonym or case number (B-01), never a CPR
                                                no. (borger-id, sagsnummer, pseudonym)
    undergruppe    subgroup           no        e.g. kvinde / mand, an age band (køn, alder,
                                                aldersgruppe, målgruppe: kept as its label)
    indsats        intervention       no        the intervention or offer (tilbud)
    parameter      parameter          yes       e.g. Psykisk trivsel (parametre, område)
    målepunkt      measurement_point  yes       start, slut på stabilisering, 1. opfølgning,
                                                2. opfølgning, ..., slut, et år efter (or the
                                                English start, end of stabilisation,
                                                follow-up 1, ..., end, one year after), or a
                                                date: 2024-03-01, 01-03-2024, 1.3.2024
                                                (målpunkt, tidspunkt, måling)
    værdi          value              yes       a number: 3,5 or 3.5 (score, resultat)
    skala          scale              no        e.g. 1-10; the value must lie on it
    måltype        goal_type          no (*)    progression / stabilisering (stabilisation,
                                                fastholdelsesmål)
    målopfyldelse  goal_attainment    no        nået / positiv udvikling, mål ikke nået /
                                                ingen udvikling / tilbagegang (reached /
                                                positive development not reached /
                                                no development / deterioration); may be empty
    år             year               yes       e.g. 2024 (årstal)
    retning        direction          no        højere er bedre / lavere er bedre (op / ned,
                                                higher / lower); one per parameter

(*) a row with a goal attainment needs a goal type; a stabilisation goal is
either reached or ended in deterioration.

Where: the header is the first of the first 20 non-empty rows that names every
required column (title rows above it, and Excel's `sep=;` line, are skipped); in an
XLSX, on the first worksheet that has one. Rows keep their spreadsheet numbers.

Rules: every bad cell is reported at once with its spreadsheet row number (the
first `MAX_ERRORS_KEPT`; the rest are counted); a summary row (I alt, Total,
Gennemsnit...) is an error, never a citizen; a file with errors imports nothing
unless the caller passes `accept_valid=True` (then the valid rows are imported); a
CPR-like number in any cell of the sheet read refuses the whole file, whatever
`accept_valid` says, and so does having more than `max_rows` data rows (the setting
`import_max_rows`; the file is read no further). What was not read (columns, rows
above the header, other sheets) is told in `ImportResult.notes`. See
`charts.template` for an example file.

The file is read in one pass, a row at a time (`charts.tabular`): what is kept is
the measurements, never the file's rows, so memory follows the rows imported.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from charts.import_columns import Columns, column_notes, map_columns
from charts.import_cpr import CprCheck
from charts.import_result import ImportResult, RowError, UnusedColumn
from charts.import_validation import MAX_ERRORS_KEPT, Validation
from charts.rows import forget_cells
from charts.tabular import HEADER_SEARCH, MAX_ROWS, Sheet, TooManyRows, UnreadableFile, read_sheet
from charts.vocabulary import FIELDS, REQUIRED_FIELDS
from flows.measurements import Measurement
from flows.outputs import Text

#: How many CPR-like cells a refusal names (their positions, never their contents).
_CPR_CELLS_SHOWN = 5


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
    columns = map_columns(sheet.header, lang)
    errors = [*sheet_errors(sheet), *columns.errors]
    cpr = CprCheck()
    above = (*sheet.above, (sheet.header_row, sheet.header))
    cpr_rows = [number for number, cells in above if cpr.row(cells)]
    valid = None if errors or cpr_rows else Validation(sheet.header, columns)
    unnamed = _Unnamed(sheet.header)
    rows_read = 0
    for number, cells in sheet.rows:
        rows_read += 1
        if cpr.row(cells):
            cpr_rows.append(number)
            valid = None  # the file is refused whole: drop what was validated
        elif valid is not None:
            valid.add(number, cells)
        unnamed.see(cells)
    if cpr_rows:
        return ImportResult(measurements=(), refused=cpr_refusal(cpr_rows), rows_read=rows_read)
    told = _Told(sheet, columns, unnamed)
    if valid is None:
        return told.result((), errors, rows_read)
    if not rows_read:
        return told.result((), [RowError(None, None, Text("import.error.no_rows"))], 0)
    measurements = valid.measurements if accept_valid or not valid.errors else []
    return told.result(measurements, valid.errors, rows_read, valid.more_errors)


def _fail(message: Text) -> ImportResult:
    return ImportResult(measurements=(), errors=(RowError(None, None, message),))


def sheet_errors(
    sheet: Sheet, kind: str = "import", fields: Sequence[str] = REQUIRED_FIELDS
) -> list[RowError]:
    """Sheets where no header was found: one error naming them and the columns looked for
    (`kind`'s catalogue: `import` for measurements, `ratings` for core-element ratings)."""
    if not sheet.without_header:
        return []
    params = {
        "sheets": tuple(Text("import.note.quoted", {"name": n}) for n in sheet.without_header),
        "columns": tuple(Text(f"{kind}.column.{f}") for f in fields),
        "rows": HEADER_SEARCH,
    }
    return [RowError(None, None, Text("import.error.no_header_in_sheets", params))]


class _Unnamed:
    """The columns that have data in some row but no header (0-based, in the row)."""

    def __init__(self, header: tuple[str, ...]) -> None:
        self.width = len(header)
        self.pending = {i for i, name in enumerate(header) if not name}
        self.found: set[int] = set()

    def see(self, cells: tuple[object, ...]) -> None:
        if not self.pending and len(cells) <= self.width:  # the usual row: nothing to see
            return
        for i in [*self.pending, *range(self.width, len(cells))]:
            if i < len(cells) and i not in self.found and not _is_empty(cells[i]):
                self.found.add(i)
                self.pending.discard(i)


def _is_empty(cell: object) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


@dataclass(frozen=True)
class _Told:
    """What the result says besides the errors: unused columns, and the notes."""

    sheet: Sheet
    columns: Columns
    unnamed: _Unnamed

    def result(
        self,
        measurements: Sequence[Measurement],
        errors: Sequence[RowError],
        rows_read: int,
        more_errors: int = 0,
    ) -> ImportResult:
        return ImportResult(
            tuple(measurements),
            tuple(errors),
            rows_read=rows_read,
            more_errors=more_errors,
            unused_columns=self.columns.unused,
            notes=tuple(self.notes()),
            subgroup_label=self.columns.subgroup_label,
            header_row=self.sheet.header_row,
            sheet=self.sheet.name,
        )

    def notes(self) -> list[Text]:
        sheet, notes = self.sheet, []
        if sheet.others:
            others = tuple(Text("import.note.quoted", {"name": n}) for n in sheet.others)
            params = {"sheet": sheet.name or "", "others": others, "count": len(others)}
            notes.append(Text("import.note.sheet", params))
        if sheet.above:
            skipped = tuple(str(number) for number, _ in sheet.above)
            params = {"row": sheet.header_row, "skipped": skipped, "count": len(skipped)}
            notes.append(Text("import.note.header_row", params))
        unnamed = [i + sheet.first_column for i in self.unnamed.found]
        return notes + column_notes(self.columns, unnamed)


def cpr_refusal(rows: list[int]) -> Text:
    """The refusal of a file with CPR-like cells, naming the first rows (also ratings')."""
    shown = tuple(str(row) for row in rows[:_CPR_CELLS_SHOWN])
    more = len(rows) - len(shown)
    return Text("import.refused.cpr", {"rows": shown, "count": len(rows), "more": more})


__all__ = [
    "FIELDS",
    "MAX_ERRORS_KEPT",
    "MAX_ROWS",
    "ImportResult",
    "RowError",
    "UnusedColumn",
    "read_measurements",
]
