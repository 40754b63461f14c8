"""What an import found: the measurements, the errors with their places, and the notes
that say what was left out of it and why (unused columns, rows above the header, the
sheet read), so that nothing is dropped without the uploader being told."""

from __future__ import annotations

from dataclasses import dataclass

from flows.measurements import Measurement
from flows.outputs import Text


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
class UnusedColumn:
    """A header that is none of ours; `suggestion` is the field it is close to, if any."""

    name: str
    suggestion: str | None = None


@dataclass(frozen=True)
class ImportResult:
    measurements: tuple[Measurement, ...]
    errors: tuple[RowError, ...] = ()
    #: Set when the whole file is refused (CPR numbers, too many rows); then nothing is
    #: imported.
    refused: Text | None = None
    #: Non-empty data rows found below the header (read, when the file had too many).
    rows_read: int = 0
    #: Errors found beyond the `MAX_ERRORS_KEPT` in `errors`: counted, not kept.
    more_errors: int = 0
    #: Headers that are not part of the schema (not read), in the file's order.
    unused_columns: tuple[UnusedColumn, ...] = ()
    #: What the uploader is told besides the errors: what was not read, and why.
    notes: tuple[Text, ...] = ()
    #: The header of a subgroup column named by what it groups by ("køn", "alder").
    subgroup_label: str | None = None
    #: The row the header was found in, and the sheet (XLSX) it was found on.
    header_row: int = 1
    sheet: str | None = None

    @property
    def ok(self) -> bool:
        return self.refused is None and not self.errors

    @property
    def error_count(self) -> int:
        return len(self.errors) + self.more_errors

    @property
    def ignored_columns(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.unused_columns)

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
