"""The header row: which column is which field, which are not used (with a "did you
mean" for near misses of our names), and how well a row looks like our header (used to
find the header below title rows, and the sheet that holds it)."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from charts.import_result import RowError, UnusedColumn
from charts.import_words import NEVER_CITIZEN, SUBGROUP_BY
from charts.vocabulary import HEADERS, REQUIRED_FIELDS, header_key
from flows.outputs import Text
from flows.text.render import render

#: How close (difflib's ratio) a header must be to one of our names to be suggested.
_CLOSE = 0.8
_SUBGROUP_BY = frozenset(header_key(word) for word in SUBGROUP_BY)


@dataclass(frozen=True)
class Columns:
    """The header read: field -> column index, and what the uploader is told about it."""

    index: dict[str, int]
    headed: dict[str, str]  # field -> the header as written
    width: int  # columns headed (the header row's length, trailing empties trimmed)
    unused: tuple[UnusedColumn, ...]
    errors: tuple[RowError, ...]
    subgroup_label: str | None


def field_of(name: object) -> str | None:
    """The field a header names, or None (never for a header about CPR numbers)."""
    if not isinstance(name, str) or not name.strip():
        return None
    key = header_key(name)
    return None if NEVER_CITIZEN.search(key) else HEADERS.get(key)


def header_fit(cells: Sequence[object]) -> tuple[int, int]:
    """(required fields named, fields named) by a row taken as the header."""
    fields = {field_of(cell) for cell in cells} - {None}
    return sum(1 for f in REQUIRED_FIELDS if f in fields), len(fields)


def suggestion(name: str) -> str | None:
    """The field whose name the header nearly is ("maalepunkt2", "Borgr"), if any."""
    key = header_key(name)
    if not key or NEVER_CITIZEN.search(key):
        return None
    close = difflib.get_close_matches(key, HEADERS, n=1, cutoff=_CLOSE)
    return HEADERS[close[0]] if close else None


def map_fields(
    header: Sequence[str], lang: str, field_of: Callable[[str], str | None],
    suggest: Callable[[str], str | None], required: Sequence[str], kind: str,
) -> tuple[dict[str, int], list[UnusedColumn], list[RowError]]:  # fmt: skip
    """Fields by column index, unused columns (with a near miss when there is one), and a
    field headed twice or a `required` one missing as errors; `kind` names the catalogue
    (`import` for measurements, `ratings` for core-element ratings)."""
    index: dict[str, int] = {}
    unused: list[UnusedColumn] = []
    errors: list[RowError] = []
    for at, name in enumerate(header):
        field = field_of(name)
        if field is None:
            if name:
                unused.append(UnusedColumn(name, suggest(name)))
        elif field in index:
            first = header[index[field]]
            message = Text("import.error.duplicate_column", {"first": first, "second": name})
            errors.append(RowError(1, name, message))
        else:
            index[field] = at
    for field in required:
        if field not in index:
            canonical = render(Text(f"{kind}.column.{field}"), lang)
            message = Text(f"{kind}.error.missing_column", {"column": canonical})
            errors.append(RowError(None, canonical, message))
    return index, unused, errors


def map_columns(header: Sequence[str], lang: str) -> Columns:
    """Fields by column; duplicates and missing required columns as errors."""
    index, unused, errors = map_fields(
        header, lang, field_of, suggestion, REQUIRED_FIELDS, "import"
    )
    headed = {field: header[at] for field, at in index.items()}
    by = headed.get("subgroup")
    label = by if by is not None and header_key(by) in _SUBGROUP_BY else None
    return Columns(index, headed, len(header), tuple(unused), tuple(errors), label)


def letter(index: int) -> str:
    """A 0-based column index as the spreadsheet's letters: 0 -> A, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def column_notes(columns: Columns, unnamed: Sequence[int]) -> list[Text]:
    """Near misses one by one, then the other unused columns together, then columns with
    data but no header (by letter), then a subgroup column's own name."""
    notes = [
        Text(
            "import.note.did_you_mean",
            {"column": u.name, "suggestion": Text(f"import.column.{u.suggestion}")},
        )
        for u in columns.unused
        if u.suggestion is not None
    ]
    others = tuple(Text("import.note.quoted", {"name": u.name}) for u in columns.unused)
    others = tuple(o for o, u in zip(others, columns.unused, strict=True) if u.suggestion is None)
    if others:
        notes.append(Text("import.note.unused", {"columns": others, "count": len(others)}))
    if unnamed:
        letters = ", ".join(letter(i) for i in sorted(unnamed))
        notes.append(Text("import.note.unnamed", {"columns": letters, "count": len(unnamed)}))
    if columns.subgroup_label is not None:
        notes.append(Text("import.note.subgroup_label", {"column": columns.subgroup_label}))
    return notes
