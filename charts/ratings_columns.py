"""The header of a core-element ratings file (issue 17): which column is which field, in
Danish or English, and how well a row looks like that header.

The citizen, the course point, the scale and the year are headed as in a measurement
file (the same synonyms and catalogue words, `charts.import_words`); the core element and
the rating have words of their own. A header that names a CPR number is never one of ours
(`charts.import_words.NEVER_CITIZEN`), whatever it holds.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from charts.import_columns import Columns, map_fields
from charts.import_words import HEADER_SYNONYMS, NEVER_CITIZEN
from charts.vocabulary import REQUIRED_FIELDS, header_key
from flows.outputs import Text
from flows.text.render import LANGUAGES, render

#: The fields of a ratings file, in the order they are reported; the first four required.
RATING_FIELDS = ("citizen", "measurement_point", "element", "rating", "scale", "year")
RATING_REQUIRED = RATING_FIELDS[:4]

_OWN_WORDS: dict[str, tuple[str, ...]] = {
    "element": (
        "kerneelement",
        "kerneelementer",
        "kerneelementet",
        "element",
        "core element",
        "core elements",
    ),
    "rating": (
        "vurdering",
        "vurderinger",
        "bedømmelse",
        "grad",
        "score",
        "rating",
        "ratings",
        "værdi",
        "value",
    ),
    "measurement_point": ("forløbspunkt", "course point", "dato", "date"),
}
_CLOSE = 0.8


def _words(field: str) -> tuple[str, ...]:
    catalogue = tuple(render(Text(f"ratings.column.{field}"), lang) for lang in LANGUAGES)
    return (*HEADER_SYNONYMS.get(field, ()), *_OWN_WORDS.get(field, ()), field, *catalogue)


#: header_key -> field, for every word of every field.
RATING_HEADERS: dict[str, str] = {
    header_key(word): field for field in RATING_FIELDS for word in _words(field)
}


def rating_field(name: object) -> str | None:
    """The field a header names, or None (never for a header about CPR numbers)."""
    if not isinstance(name, str) or not name.strip():
        return None
    key = header_key(name)
    return None if NEVER_CITIZEN.search(key) else RATING_HEADERS.get(key)


def rating_fit(cells: Sequence[object]) -> tuple[int, int]:
    """(required fields named, fields named), for `charts.tabular.read_sheet`: a row that
    names all four of ours counts as a complete header there (which counts the five
    columns a measurement file needs), so it is taken at once."""
    fields = {rating_field(cell) for cell in cells} - {None}
    named = sum(1 for f in RATING_REQUIRED if f in fields)
    return (len(REQUIRED_FIELDS) if named == len(RATING_REQUIRED) else named), len(fields)


def _suggestion(name: str) -> str | None:
    key = header_key(name)
    if not key or NEVER_CITIZEN.search(key):
        return None
    close = difflib.get_close_matches(key, RATING_HEADERS, n=1, cutoff=_CLOSE)
    return RATING_HEADERS[close[0]] if close else None


def map_rating_columns(header: Sequence[str], lang: str) -> Columns:
    """Fields by column; a field headed twice and a missing required column are errors."""
    index, unused, errors = map_fields(
        header, lang, rating_field, _suggestion, RATING_REQUIRED, "ratings"
    )
    headed = {field: header[at] for field, at in index.items()}
    return Columns(index, headed, len(header), tuple(unused), tuple(errors), None)
