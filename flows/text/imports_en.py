"""English texts for what an import tells besides its errors (`import.note.*`), and the
import's newer errors and words: summary rows, sheets, the direction column."""

from __future__ import annotations

from collections.abc import Mapping

from flows.text.base import Entry


def _and(listed: object) -> str:
    """ "a, b, c" (a tuple as rendered) as "a, b and c"."""
    head, _, last = str(listed).rpartition(", ")
    return f"{head} and {last}" if head else last


def _unused(params: Mapping[str, object]) -> str:
    if params["count"] == 1:
        return f"The column {params['columns']} is not used."
    return f"The columns {params['columns']} are not used."


def _unnamed(params: Mapping[str, object]) -> str:
    if params["count"] == 1:
        return f"Column {params['columns']} has data but no header, so it is not used."
    return f"Columns {_and(params['columns'])} have data but no header, so they are not used."


def _sheet(params: Mapping[str, object]) -> str:
    others = "sheet {} is" if params["count"] == 1 else "sheets {} are"
    return (
        f"The measurements are read from the sheet “{params['sheet']}”; the "
        f"{others.format(params['others'])} not read."
    )


def _header_row(params: Mapping[str, object]) -> str:
    rows = "row {} above them is" if params["count"] == 1 else "rows {} above them are"
    skipped = rows.format(_and(params["skipped"]))
    return f"The headers are in row {params['row']}; {skipped} not read as measurements."


def _no_header(params: Mapping[str, object]) -> str:
    return (
        f"None of the sheets ({params['sheets']}) has a header row with the columns "
        f"{_and(params['columns'])} in its first {params['rows']} rows."
    )


CATALOGUE: dict[str, Entry] = {
    "import.column.direction": "direction",
    "import.word.direction.higher": "higher is better",
    "import.word.direction.lower": "lower is better",
    "import.note.quoted": "“{name}”",
    "import.note.unused": _unused,
    "import.note.did_you_mean": "The column “{column}” is not used. Did you mean “{suggestion}”?",
    "import.note.unnamed": _unnamed,
    "import.note.subgroup_label": "The column “{column}” is read as the subgroup.",
    "import.note.header_row": _header_row,
    "import.note.sheet": _sheet,
    "import.error.no_header_in_sheets": _no_header,
    "import.error.summary_row": (
        "“{value}” looks like a summary row (e.g. total or average), not a citizen, so the "
        "row is not imported."
    ),
    "import.error.unknown_direction": (
        "“{value}” is not a direction. Write higher is better or lower is better "
        "(or leave the cell empty)."
    ),
    "import.error.direction_conflict": (
        "The parameter “{parameter}” has another direction in row {other}. A parameter has "
        "one direction."
    ),
}
