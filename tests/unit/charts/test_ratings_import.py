"""Core-element ratings read from a file (issue 17): Danish and English headers, CSV and XLSX,
the handbook's default scale, and every kind of row error (an unknown core element named
back with the known ones, a rating off the scale, an empty cell, a duplicate, a summary
row), CPR-like numbers refused however written; nothing is kept from a file with an error."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from charts.ratings_import import DEFAULT_SCALE, read_ratings
from flows.measurements import MeasurementPoint, Scale, follow_up
from flows.text.render import render

ELEMENTS = ("Relationsarbejde", "Mentorstøtte", "Samarbejde med skolen")
SAMPLE = Path(__file__).resolve().parents[3] / "charts" / "examples" / "kerneelementer.csv"


def read(text: str, *, lang: str = "en", name: str = "ratings.csv"):  # type: ignore[no-untyped-def]
    return read_ratings(text.encode("utf-8"), name, ELEMENTS, year=2026, lang=lang)


def lines(result, lang: str = "en") -> list[str]:  # type: ignore[no-untyped-def]
    return [render(line, lang) for line in result.error_lines()]


def test_a_danish_file_reads_as_ratings_named_by_the_offers_elements() -> None:
    result = read(
        "borger;målepunkt;kerneelement;vurdering;skala;år\n"
        "B-01;start;relationsarbejde;4;1-5;2025\n"
        "B-01;1. opfølgning;MENTORSTØTTE;3,5;1-5;2025\n"
        "B-02;2026-03-01;Samarbejde  med skolen;2;;\n"
    )
    assert result.ok, lines(result)
    first, second, third = result.measurements
    assert (first.citizen, first.parameter, first.point, first.value, first.year) == (
        "B-01", "Relationsarbejde", MeasurementPoint.named("start"), 4.0, 2025
    )  # fmt: skip
    assert (second.parameter, second.point, second.value) == ("Mentorstøtte", follow_up(1), 3.5)
    assert third.parameter == "Samarbejde med skolen"  # spelt as the offer spells it
    assert third.point == MeasurementPoint.on(date(2026, 3, 1)) and third.year == 2026
    assert third.scale == DEFAULT_SCALE == Scale(1, 5)
    assert {m.direction for m in result.measurements} == {"higher"}


def test_an_english_file_with_its_own_scale_and_no_year() -> None:
    result = read(
        "Citizen,Course point,Core element,Rating,Scale,Notes\n"
        "B-01,start,Relationsarbejde,8,0-10,fine\n"
        "B-02,end,Mentorstøtte,0,0-10,\n"
    )
    assert result.ok, lines(result)
    assert [(m.value, m.scale, m.year) for m in result.measurements] == [
        (8.0, Scale(0, 10), 2026),  # the year the caller gives, for a named point
        (0.0, Scale(0, 10), 2026),
    ]
    assert result.ignored_columns == ("Notes",)


def test_the_sample_file_reads_whole() -> None:
    result = read_ratings(SAMPLE.read_bytes(), SAMPLE.name, ELEMENTS, year=2026)
    assert result.ok, lines(result)
    assert len(result.measurements) == 72
    assert {m.parameter for m in result.measurements} == set(ELEMENTS)
    assert all(m.citizen.startswith("B-") for m in result.measurements)


def test_an_xlsx_file_reads_like_a_csv() -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Vurderinger af kerneelementer, efterår"])  # a title row above the header
    sheet.append(["borger", "målepunkt", "kerneelement", "vurdering"])
    sheet.append(["B-01", "start", "Mentorstøtte", 5])
    buffer = io.BytesIO()
    book.save(buffer)
    result = read_ratings(buffer.getvalue(), "kik.xlsx", ELEMENTS, year=2026)
    assert result.ok, lines(result)
    assert [(m.parameter, m.value) for m in result.measurements] == [("Mentorstøtte", 5.0)]
    assert result.header_row == 2


def test_every_bad_row_is_told_with_its_place_and_nothing_is_kept() -> None:
    result = read(
        "citizen,course point,core element,rating\n"
        "B-01,start,Relationsarbejde,3\n"  # good, but the file has errors: not kept
        "B-02,start,Mentoring,4\n"  # an element the offer does not have
        "B-03,start,Mentorstøtte,7\n"  # off the default scale 1-5
        "B-04,,Mentorstøtte,\n"  # two empty cells
        "B-05,sometime,Mentorstøtte,x\n"  # not a point, not a number
        "B-01,start,relationsarbejde,2\n"  # the same citizen, element and point again
        "Total,start,Mentorstøtte,3\n"  # a summary row is no citizen
    )
    assert result.measurements == ()
    assert lines(result) == [
        "Row 3, column “core element”: “Mentoring” is not one of the offer's core elements. "
        "Write the element's name as the offer lists it: “Relationsarbejde”, “Mentorstøtte”, "
        "“Samarbejde med skolen”.",
        "Row 4, column “rating”: The value 7 is outside the scale 1-5.",
        "Row 5, column “course point”: The cell is empty but must be filled in.",
        "Row 5, column “rating”: The cell is empty but must be filled in.",
        "Row 6, column “course point”: “sometime” is neither a known measurement point nor a "
        "date. Write e.g. start, end of stabilisation, follow-up 1, end, one year after, or a "
        "date like 2024-03-01.",
        "Row 6, column “rating”: “x” is not a number. Write e.g. 3.5.",
        "Row 7: Same citizen, core element and course point as row 2.",
        "Row 8, column “citizen”: “Total” looks like a summary row (e.g. total or average), "
        "not a citizen, so the row is not imported.",
    ]


def test_the_unknown_element_is_told_in_danish_too() -> None:
    result = read("borger;målepunkt;kerneelement;vurdering\nB-01;start;Netværk;3\n", lang="da")
    assert lines(result, "da") == [
        "Række 2, kolonnen »kerneelement«: »Netværk« er ikke et af tilbuddets kerneelementer. "
        "Skriv elementets navn, som tilbuddet har det: »Relationsarbejde«, »Mentorstøtte«, "
        "»Samarbejde med skolen«."
    ]


def test_a_missing_column_is_named_in_the_readers_language() -> None:
    result = read("borger;målepunkt;vurdering\nB-01;start;3\n", lang="da")
    assert result.measurements == ()
    assert lines(result, "da") == [
        "Kolonnen »kerneelement« mangler. En vurderingsfil har kolonnerne borger, målepunkt, "
        "kerneelement og vurdering (skala og år kan komme til)."
    ]


def test_an_offer_without_core_elements_has_nothing_to_rate() -> None:
    result = read_ratings(b"borger;maalepunkt;kerneelement;vurdering\n", "r.csv", (), year=2026)
    assert "no core elements" in lines(result)[0]


@pytest.mark.parametrize(
    "cpr",
    [
        "0101901234",  # as typed
        "010190-1234",  # with its dash
        "01 01 90 1234",  # spaced
        "B-0101901234",  # inside a pseudonym
    ],
)
def test_a_cpr_like_number_refuses_the_whole_file_however_written(cpr: str) -> None:
    result = read(
        "citizen,course point,core element,rating\n"
        "B-01,start,Relationsarbejde,3\n"
        f"{cpr},start,Mentorstøtte,4\n"
    )
    assert result.measurements == () and result.refused is not None
    assert "row 3 contains something that looks like a CPR number" in render(result.summary(), "en")


def test_a_cpr_number_in_an_unused_column_or_as_an_excel_number_refuses_too() -> None:
    result = read(
        "citizen,course point,core element,rating,note\nB-01,start,Mentorstøtte,4,0101901234\n"
    )
    assert result.refused is not None
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["borger", "målepunkt", "kerneelement", "vurdering"])
    sheet.append([101901234, "start", "Mentorstøtte", 4])  # Excel dropped the leading zero
    buffer = io.BytesIO()
    book.save(buffer)
    excel = read_ratings(buffer.getvalue(), "kik.xlsx", ELEMENTS, year=2026)
    assert excel.refused is not None and excel.measurements == ()
