"""The rows of a theory-of-change file, read and checked (the offer level, issue 17).

A file lists an offer's core elements and intended results, one a row: its type (core
element or result, in Danish or English), its name (a result's text), a description, the
parameter of the groups' data that shows a result, and the core elements a result is tied
to (their names, separated by ";"). Rows may come in any order: a result may name a core
element listed below it.

Every problem is told with its row (`RowProblem`), all at once, and a file with any
problem imports nothing: an unknown type, an empty name, a core element (or a result)
listed twice, a result naming a core element the file does not list, a text that is too
long or holds a CPR-like number (`flows.validation.clean_text`). `charts.theory_import`
reads the file into `TheoryRow`s and reports these problems like a measurement import's;
`flows.theory` checks them again before anything is saved.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from flows.errors import InvalidInput
from flows.offer_commands import TheoryRow
from flows.outputs import Text
from flows.validation import MAX_LABEL, MAX_TEXT, clean_text, is_blank

#: The two kinds of row, by the words people write for them (besides the catalogues' own).
ELEMENT, RESULT = "element", "result"
KIND_WORDS = {
    ELEMENT: ("kerneelement", "kerneelementer", "core element", "element", "core", "ke"),
    RESULT: ("resultat", "resultater", "result", "intended result", "tilsigtet resultat", "mål"),
}
#: How much of an unreadable word a problem repeats back.
ECHO = 60


@dataclass(frozen=True)
class RowProblem:
    """One problem: `row` as in the spreadsheet (None: the whole file), `column` the field
    (`kind`, `name`, `description`, `parameter`, `elements`) it is in, if one."""

    row: int | None
    column: str | None
    message: Text


@dataclass(frozen=True)
class ElementDraft:
    name: str
    description: str = ""


@dataclass(frozen=True)
class ResultDraft:
    text: str
    parameter: str = ""
    elements: tuple[str, ...] = ()  # core elements' names, as the file lists them


@dataclass
class ReadTheory:
    elements: list[ElementDraft] = field(default_factory=list)
    results: list[ResultDraft] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)


def fold(word: str) -> str:
    """`word` as kinds and names are compared: case, accents, "-" and "_" and extra spaces
    aside."""
    decomposed = unicodedata.normalize("NFKD", word.casefold().replace("-", " ").replace("_", " "))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.split())


@cache
def _kinds() -> dict[str, str]:
    return {fold(word): kind for kind, words in KIND_WORDS.items() for word in words}


def kind_of(word: str) -> str | None:
    """`ELEMENT` or `RESULT` for a type as written, or None."""
    return _kinds().get(fold(word))


class _Rows:
    def __init__(self) -> None:
        self.read = ReadTheory()
        self.elements: dict[str, int] = {}  # folded name -> row
        self.results: dict[str, int] = {}
        self.wanted: list[tuple[int, str]] = []  # (row, element name) named by results

    def problem(self, row: int | None, column: str | None, key: str, **params: object) -> None:
        self.read.problems.append(RowProblem(row, column, Text(key, dict(params))))

    def text(self, row: TheoryRow, column: str, raw: str, limit: int) -> str | None:
        """The cleaned text of a cell ("" for an empty one), or None after telling why not."""
        if is_blank(raw or ""):
            return ""
        try:
            return clean_text(raw, limit=limit)
        except InvalidInput as refused:
            self.read.problems.append(RowProblem(row.row, column, refused.text))
            return None

    def add(self, row: TheoryRow) -> None:
        kind = kind_of(row.kind)
        if kind is None:
            word = row.kind.strip()[:ECHO]
            key = "offer.import.error.no_kind" if not word else "offer.import.error.unknown_kind"
            self.problem(row.row, "kind", key, word=word)
            return
        name = self.text(row, "name", row.name, MAX_LABEL)
        description = self.text(row, "description", row.description, MAX_TEXT)
        parameter = self.text(row, "parameter", row.parameter, MAX_LABEL)
        if name == "":
            self.problem(row.row, "name", "offer.import.error.empty_name")
        if not name or description is None or parameter is None:
            return
        if kind == ELEMENT:
            self._element(row, name, description)
        else:
            self._result(row, name, parameter)

    def _element(self, row: TheoryRow, name: str, description: str) -> None:
        first = self.elements.setdefault(fold(name), row.row)
        if first != row.row:
            self.problem(row.row, "name", "offer.import.error.duplicate_element",
                         name=name, first=first)  # fmt: skip
            return
        self.read.elements.append(ElementDraft(name, description))

    def _result(self, row: TheoryRow, text: str, parameter: str) -> None:
        first = self.results.setdefault(fold(text), row.row)
        if first != row.row:
            self.problem(row.row, "name", "offer.import.error.duplicate_result",
                         name=text, first=first)  # fmt: skip
            return
        names = [n.strip() for n in row.elements.split(";") if not is_blank(n)]
        self.wanted += [(row.row, n) for n in names]
        unique = tuple(dict.fromkeys(names))
        self.read.results.append(ResultDraft(text, parameter, unique))

    def finish(self) -> ReadTheory:
        for row, name in self.wanted:
            if fold(name) not in self.elements:
                self.problem(row, "elements", "offer.import.error.unknown_element",
                             name=name[:ECHO])  # fmt: skip
        return self.read


def read_rows(rows: Sequence[TheoryRow]) -> ReadTheory:
    """The elements and results of `rows`, and every problem found in them."""
    found = _Rows()
    if not rows:
        found.problem(None, None, "offer.import.error.no_rows")
    for row in rows:
        found.add(row)
    read = found.finish()
    read.problems.sort(key=lambda p: p.row or 0)
    return read
