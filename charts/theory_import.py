"""Read an offer's theory of change from a small CSV or XLSX file (the offer level, issue 17).

One row per core element or intended result, under a header row; Danish or English
headers in any order, matched as a measurement file's are (`charts.vocabulary.header_key`:
case, spaces, punctuation and æ/ø/å spelt ae/oe/aa aside):

    Danish          English         required  content
    type            type            yes       kerneelement / core element, resultat / result
    navn            name            yes       the element's name, or the result's text
    beskrivelse     description     no        what the core element is, in practice
    parameter       parameter       no        a result's parameter in the groups' data
    kerneelementer  core elements   no        a result's core elements, by name, ";" between

The readers, the header search and the row numbers are the measurement import's
(`charts.tabular`), and so is the CPR check (`charts.import_cpr`): a CPR-like number in
any cell refuses the whole file, naming its rows. The rows themselves are checked by
`flows.theory_rows` (an unknown type, an empty name, an element or a result listed twice,
a result naming an element the file does not list); every problem is reported with its
row and column like a measurement import's (`charts.import_result.RowError`), and a file
with any problem is not imported.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from charts.import_cpr import CprCheck
from charts.import_result import RowError
from charts.rows import cell_text, forget_cells
from charts.tabular import Sheet, TooManyRows, UnreadableFile, read_sheet
from charts.vocabulary import header_key
from flows.offer_commands import TheoryRow
from flows.outputs import Text
from flows.text.render import render
from flows.theory_rows import read_rows

#: A theory of change is a handful of rows; a larger file is not one.
MAX_THEORY_ROWS = 500
#: The file's fields, by the headers people write for them (the catalogues' own words too).
HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "kind": ("type", "kind", "art", "slags"),
    "name": ("navn", "name", "titel", "title", "tekst", "text"),
    "description": ("beskrivelse", "description"),
    "parameter": ("parameter", "parametre"),
    "elements": ("kerneelementer", "kerneelement", "core elements", "core element",
                 "elementer", "elements"),
}  # fmt: skip
REQUIRED = ("kind", "name")
_HEADERS = {header_key(word): f for f, words in HEADER_WORDS.items() for word in words}
_CPR_ROWS_SHOWN = 5


@dataclass(frozen=True)
class TheoryFile:
    """What the file holds: its rows (when nothing is wrong), or what is wrong."""

    rows: tuple[TheoryRow, ...]
    errors: tuple[RowError, ...] = ()
    refused: Text | None = None  # the whole file (CPR numbers, unreadable, too many rows)
    elements: int = 0
    results: int = 0

    @property
    def ok(self) -> bool:
        return self.refused is None and not self.errors

    def summary(self) -> Text:
        if self.refused is not None:
            return self.refused
        if self.errors:
            return Text("offer.import.summary.errors", {"errors": len(self.errors)})
        return Text("offer.import.summary.ok", {"elements": self.elements, "results": self.results})

    def error_lines(self) -> tuple[Text, ...]:
        return tuple(e.line() for e in self.errors)


def field_of(name: object) -> str | None:
    return _HEADERS.get(header_key(name)) if isinstance(name, str) and name.strip() else None


def theory_fit(cells: Sequence[object]) -> tuple[int, int]:
    """(required fields named, fields named) by a row taken as the header."""
    fields = {field_of(cell) for cell in cells} - {None}
    return sum(1 for f in REQUIRED if f in fields), len(fields)


def read_theory(data: bytes, filename: str, *, lang: str = "da") -> TheoryFile:
    """Read and check a theory-of-change file (see the module's doc)."""
    try:
        return _read(read_sheet(data, filename, max_rows=MAX_THEORY_ROWS, fit=theory_fit), lang)
    except TooManyRows as exc:
        return TheoryFile((), refused=Text("import.error.too_many_rows", {"limit": exc.limit}))
    except UnreadableFile as exc:
        return TheoryFile((), refused=Text(f"import.error.{exc.reason}"))
    finally:
        forget_cells()


def _read(sheet: Sheet, lang: str) -> TheoryFile:
    index: dict[str, int] = {}
    for at, name in enumerate(sheet.header):
        found = field_of(name)
        if found is not None:
            index.setdefault(found, at)
    if any(f not in index for f in REQUIRED):
        return TheoryFile((), (RowError(None, None, Text("offer.import.error.no_header")),))
    cpr = CprCheck()
    above = (*sheet.above, (sheet.header_row, sheet.header))
    cpr_rows = [number for number, cells in above if cpr.row(cells)]
    rows: list[TheoryRow] = []
    for number, cells in sheet.rows:
        if cpr.row(cells):
            cpr_rows.append(number)
            continue
        rows.append(TheoryRow(number, *(_cell(cells, index.get(f)) for f in HEADER_WORDS)))
    if cpr_rows:
        shown = tuple(str(row) for row in cpr_rows[:_CPR_ROWS_SHOWN])
        params = {"rows": shown, "count": len(cpr_rows), "more": len(cpr_rows) - len(shown)}
        return TheoryFile((), refused=Text("import.refused.cpr", params))
    read = read_rows(rows)
    headed = {f: sheet.header[at] for f, at in index.items()}
    errors = tuple(
        RowError(p.row, _column(p.column, headed, lang), p.message) for p in read.problems
    )
    if errors:
        return TheoryFile((), errors)
    return TheoryFile(tuple(rows), elements=len(read.elements), results=len(read.results))


def _cell(cells: tuple[object, ...], at: int | None) -> str:
    return cell_text(cells[at]) if at is not None and at < len(cells) else ""


def _column(field: str | None, headed: dict[str, str], lang: str) -> str | None:
    """The column a problem is in, as the file heads it (or as the catalogue names it)."""
    if field is None:
        return None
    return headed.get(field) or render(Text(f"offer.column.{field}"), lang)
