"""Reading a theory-of-change file (the offer level, issue 17): Danish and English headers,
CSV and XLSX, title rows above the header, and every kind of problem with its row and column,
as a measurement import reports them; a CPR-like number refuses the whole file."""

from __future__ import annotations

import io

import openpyxl
import pytest

from charts.theory_import import read_theory
from flows.offer_commands import TheoryRow
from flows.text.render import render

DANISH = """Forandringsteori for Mentorindsats;;;;
type;navn;beskrivelse;parameter;kerneelementer
Kerneelement;Relationsskabende aktiviteter;Mentor og den unge mødes;;
resultat;Den unge får øget tillid til voksne;;Tillid;Relationsskabende aktiviteter
"""


def xlsx(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def lines(read: object, lang: str = "en") -> list[str]:
    return [render(line, lang) for line in read.error_lines()]  # type: ignore[attr-defined]


def test_a_danish_csv_below_a_title_row() -> None:
    read = read_theory(DANISH.encode(), "teori.csv")
    assert read.ok and render(read.summary(), "da") == "Læst 1 kerneelement og 1 resultat."
    assert read.rows == (
        TheoryRow(3, "Kerneelement", "Relationsskabende aktiviteter", "Mentor og den unge mødes"),
        TheoryRow(4, "resultat", "Den unge får øget tillid til voksne", "", "Tillid",
                  "Relationsskabende aktiviteter"),
    )  # fmt: skip


def test_an_english_xlsx_with_its_columns_in_another_order() -> None:
    data = xlsx([
        ["Core elements", "Name", "Type", "Description"],
        [None, "Relations", "core element", "Weekly meetings"],
        ["Relations; Homework", "Trust", "Result", None],
        [None, "Homework", "Core Element", None],
    ])  # fmt: skip
    read = read_theory(data, "theory.xlsx")
    assert read.ok, lines(read)
    assert [r.kind for r in read.rows] == ["core element", "Result", "Core Element"]
    assert read.rows[1].elements == "Relations; Homework"


def test_every_problem_is_told_with_its_row_and_column() -> None:
    data = xlsx([
        ["Type", "Name", "Core elements"],
        ["core element", "Relations", None],
        ["core element", None, None],
        ["essay", "Something", None],
        ["result", "Trust", "Relations; Parents"],
        ["result", "trust", None],
        ["core element", "RELATIONS", None],
        [None, "Homework", None],
    ])  # fmt: skip
    read = read_theory(data, "theory.xlsx")
    assert not read.ok and read.rows == ()
    assert render(read.summary(), "en") == "Nothing was imported: the file has 6 errors."
    assert lines(read) == [
        "Row 3, column “Name”: the name is empty.",
        "Row 4, column “Type”: “essay” is not a type: write core element or result.",
        "Row 5, column “Core elements”: the file lists no core element “Parents” (name the core "
        "elements as their rows do).",
        "Row 6, column “Name”: the result “trust” is already in row 5.",
        "Row 7, column “Name”: the core element “RELATIONS” is already in row 2.",
        "Row 8, column “Type”: the type is missing (core element or result).",
    ]


@pytest.mark.parametrize("cpr", ["010190-1234", "0101901234"])
def test_a_cpr_like_number_refuses_the_whole_file(cpr: str) -> None:
    data = f"type,name,description\ncore element,Relations,B-17 {cpr}\n".encode()
    read = read_theory(data, "theory.csv")
    assert not read.ok and read.rows == ()
    said = render(read.summary(), "en")
    assert "row 2" in said and cpr not in said


def test_a_file_without_the_header_or_unreadable() -> None:
    read = read_theory(b"a,b\n1,2\n", "theory.csv")
    assert lines(read) == [
        "No header found: the file needs the columns type and name (and may have description, "
        "parameter and core elements)."
    ]
    assert not read_theory(b"\xd0\xcf\x11\xe0old", "theory.xls").ok
