"""Importing measurements: schema, languages, encodings, every error at once, CPR refusal."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from charts import (
    END,
    START,
    GoalAttainment,
    GoalType,
    MeasurementPoint,
    Scale,
    follow_up,
    read_measurements,
    template_csv,
    template_rows,
    template_xlsx,
)
from charts.importing import ImportResult
from charts.vocabulary import parse_point
from flows.outputs import Text
from flows.text.render import render
from tests.unit.charts.helpers import csv_bytes, xlsx_bytes

HEADER_DA = [
    "borger", "undergruppe", "indsats", "parameter", "målepunkt",
    "værdi", "skala", "måltype", "målopfyldelse", "år",
]  # fmt: skip
HEADER_EN = [
    "citizen", "subgroup", "intervention", "parameter", "measurement_point",
    "value", "scale", "goal_type", "goal_attainment", "year",
]  # fmt: skip


def row(citizen="B-01", point="start", value="3,5", attainment="", year="2024", goal="progression"):
    return [citizen, "kvinde", "Familiebehandling", "Psykisk trivsel", point, value, "1-10",
            goal, attainment, year]  # fmt: skip


def keyed(result: ImportResult) -> list[tuple[int | None, str | None, str]]:
    return [(e.row, e.column, e.message.key) for e in result.errors]


def lines(result: ImportResult, lang: str = "da") -> list[str]:
    return [render(line, lang) for line in result.error_lines()]


# A file with every kind of row error ------------------------------------------------

BAD_ROWS = [
    HEADER_DA,
    row("B-01"),  # row 2: fine
    row("B-02", value=""),  # row 3: missing value
    row("B-03", value="abc"),  # row 4: not a number
    row("B-04", point="slut", value="5", attainment="måske"),  # row 5: unknown attainment
    row("B-05", year="20x4"),  # row 6: bad year
    row("B-06", point="midtvejs"),  # row 7: unknown measurement point
    row("", value="5"),  # row 8: empty pseudonym
    row("B-08", point="31-02-2024"),  # row 9: impossible date
]


def test_every_bad_cell_is_reported_with_its_row_and_nothing_is_imported() -> None:
    result = read_measurements(csv_bytes(BAD_ROWS), "målinger.csv")

    assert result.measurements == ()
    assert not result.ok
    assert keyed(result) == [
        (3, "værdi", "import.error.empty"),
        (4, "værdi", "import.error.not_a_number"),
        (5, "målopfyldelse", "import.error.unknown_attainment"),
        (6, "år", "import.error.not_a_year"),
        (7, "målepunkt", "import.error.unknown_point"),
        (8, "borger", "import.error.empty"),
        (9, "målepunkt", "import.error.unknown_point"),
    ]
    shown = lines(result)
    assert shown[0] == "Række 3, kolonnen »værdi«: Feltet er tomt, men skal udfyldes."
    assert shown[1] == "Række 4, kolonnen »værdi«: »abc« er ikke et tal. Skriv fx 3,5."
    assert "»måske« er ikke en målopfyldelse" in shown[2]
    assert "»20x4« er ikke et årstal" in shown[3]
    assert "»midtvejs« er hverken et kendt målepunkt" in shown[4]
    assert render(result.summary(), "da").startswith("Filen har 7 fejl, så intet er importeret")


def test_errors_read_in_english_for_an_english_reader() -> None:
    result = read_measurements(csv_bytes(BAD_ROWS), "measurements.csv", lang="en")

    shown = lines(result, "en")
    assert shown[1] == "Row 4, column “værdi”: “abc” is not a number. Write e.g. 3.5."
    assert render(result.summary(), "en").startswith("The file has 7 errors, so nothing")


def test_accept_valid_imports_only_the_valid_rows_and_keeps_the_errors() -> None:
    result = read_measurements(csv_bytes(BAD_ROWS), "målinger.csv", accept_valid=True)

    assert [m.citizen for m in result.measurements] == ["B-01"]
    assert len(result.errors) == 7
    assert render(result.summary(), "da").startswith("1 gyldige målinger er importeret; 7 fejl")


def test_long_error_lists_are_cut_with_a_count_of_the_rest() -> None:
    rows = [HEADER_DA] + [row(f"B-{i:02d}", value="x") for i in range(30)]
    result = read_measurements(csv_bytes(rows), "m.csv")

    shown = [render(line, "da") for line in result.error_lines(limit=20)]
    assert len(shown) == 21
    assert shown[-1] == "… og 10 fejl mere."


def test_cross_field_rules_duplicates_and_scale() -> None:
    rows = [
        HEADER_DA,
        row("B-01"),
        row("B-01"),  # row 3: same citizen, intervention, parameter, point as row 2
        row("B-02", value="11"),  # row 4: outside 1-10
        row("B-03", point="slut", value="4", attainment="nået", goal=""),  # row 5: no goal type
        row("B-04", point="slut", value="4", attainment="ingen udvikling", goal="stabilisering"),
        row("B-05", value="4", goal="måske"),  # row 7
        [*row("B-06")[:6], "ti", *row("B-06")[7:]],  # row 8: bad scale
    ]
    result = read_measurements(csv_bytes(rows), "m.csv")

    assert keyed(result) == [
        (3, None, "import.error.duplicate_row"),
        (4, "værdi", "import.error.out_of_scale"),
        (5, "målopfyldelse", "import.error.attainment_needs_goal_type"),
        (6, "målopfyldelse", "import.error.stabilisation_attainment"),
        (7, "måltype", "import.error.unknown_goal_type"),
        (8, "skala", "import.error.bad_scale"),
    ]
    assert lines(result)[0] == (
        "Række 3: Samme borger, indsats, parameter og målepunkt som række 2."
    )
    assert lines(result)[1].endswith("Værdien 11 ligger uden for skalaen 1-10.")


# Columns -------------------------------------------------------------------------


def test_a_missing_required_column_is_one_error_naming_it() -> None:
    rows = [[h for h in HEADER_DA if h != "værdi"], row()[:5] + row()[6:]]
    result = read_measurements(csv_bytes(rows), "m.csv")

    assert keyed(result) == [(None, "værdi", "import.error.missing_column")]
    assert lines(result) == [
        "Kolonnen »værdi« mangler. Hent skabelonen for at se, hvilke kolonner der skal være."
    ]
    assert result.measurements == ()


def test_a_missing_column_is_named_in_the_readers_language() -> None:
    rows = [[h for h in HEADER_EN if h != "year"], row()[:-1]]
    result = read_measurements(csv_bytes(rows, delimiter=","), "m.csv", lang="en")

    assert keyed(result) == [(None, "year", "import.error.missing_column")]


def test_optional_columns_may_be_left_out_and_unknown_ones_are_ignored() -> None:
    rows = [
        ["Borger", "Parameter", "Målepunkt", "Værdi", "År", "Kommentar"],
        ["B-01", "Psykisk trivsel", "start", "3,5", "2024", "god dag"],
    ]
    result = read_measurements(csv_bytes(rows), "m.csv")

    assert result.ok
    (only,) = result.measurements
    assert (only.subgroup, only.intervention, only.scale, only.goal_type) == (
        None,
        None,
        None,
        None,
    )
    assert result.ignored_columns == ("Kommentar",)


def test_two_columns_meaning_the_same_are_refused() -> None:
    rows = [[*HEADER_DA, "citizen"], [*row(), "B-01"]]
    result = read_measurements(csv_bytes(rows), "m.csv")

    assert keyed(result) == [(1, "citizen", "import.error.duplicate_column")]


def test_header_only_file_has_no_rows() -> None:
    result = read_measurements(csv_bytes([HEADER_DA]), "m.csv")
    assert keyed(result) == [(None, None, "import.error.no_rows")]


# Encodings and formats -----------------------------------------------------------


def test_danish_excel_csv_with_semicolons_decimal_commas_and_bom() -> None:
    rows = [
        HEADER_DA,
        row("B-01", "start", "3,5"),
        row("B-01", "1. opfølgning", "4,25"),
        row("B-01", "slut", "6", attainment="positiv udvikling, mål ikke nået"),
        row("B-02", "Slut på stabilisering", "7,0", goal="stabilisering", attainment="Nået"),
        row("B-03", "et år efter", "2,5", attainment="tilbagegang"),
    ]
    data = csv_bytes(rows)
    assert data.startswith(b"\xef\xbb\xbf")

    result = read_measurements(data, "målinger.csv")

    assert result.ok, lines(result)
    assert [x.value for x in result.measurements] == [3.5, 4.25, 6.0, 7.0, 2.5]
    first = result.measurements[0]
    assert first.citizen == "B-01"
    assert first.parameter == "Psykisk trivsel"
    assert first.scale == Scale(1, 10)
    assert first.year == 2024
    assert [x.point for x in result.measurements[:3]] == [START, follow_up(1), END]
    assert result.measurements[2].goal_attainment is GoalAttainment.POSITIVE_NOT_REACHED
    assert result.measurements[3].goal_type is GoalType.STABILISATION
    assert result.measurements[3].goal_attainment is GoalAttainment.REACHED
    assert result.measurements[4].goal_attainment is GoalAttainment.DETERIORATION
    assert render(result.summary(), "da") == "5 målinger for 3 borgere er importeret."
    assert [x.row for x in result.measurements] == [2, 3, 4, 5, 6]


def test_cp1252_file_from_older_excel_is_read() -> None:
    rows = [HEADER_DA, row("B-Ø1", "2. opfølgning", "5,5")]
    result = read_measurements(csv_bytes(rows, encoding="cp1252"), "m.csv")

    assert result.ok, lines(result)
    assert result.measurements[0].citizen == "B-Ø1"
    assert result.measurements[0].point == follow_up(2)


def test_comma_separated_english_file_with_decimal_points_and_quotes() -> None:
    rows = [
        HEADER_EN,
        ["B-01", "male", "Family therapy", '"Leisure, friends"', "follow-up 1", "3.5", "1-10",
         "progression", "", "2023"],
        ["B-02", "male", "Family therapy", "Well-being", "end", "4.5", "1-10", "progression",
         "positive development not reached", "2023"],
    ]  # fmt: skip
    result = read_measurements(csv_bytes(rows, delimiter=",", encoding="utf-8"), "m.csv")

    assert result.ok, lines(result, "en")
    assert result.measurements[0].parameter == "Leisure, friends"
    assert result.measurements[0].value == 3.5
    assert result.measurements[1].goal_attainment is GoalAttainment.POSITIVE_NOT_REACHED


def test_xlsx_with_numbers_and_dates_imports() -> None:
    rows: list[list[object]] = [
        HEADER_DA,
        ["B-01", "kvinde", "Familiebehandling", "Psykisk trivsel", datetime(2024, 3, 1), 3.5,
         "1-10", "progression", None, 2024],
        ["B-01", "kvinde", "Familiebehandling", "Psykisk trivsel", "2024-09-01", 5, "1-10",
         "progression", "nået", 2024.0],
        [None] * 10,  # an empty row is skipped but still counted
        [17, "mand", None, "Psykisk trivsel", "start", "4,5", None, None, None, 2025],
    ]  # fmt: skip
    result = read_measurements(xlsx_bytes(rows), "målinger.xlsx")

    assert result.ok, lines(result)
    one, two, three = result.measurements
    assert one.point == MeasurementPoint.on(date(2024, 3, 1))
    assert two.point == MeasurementPoint.on(date(2024, 9, 1))
    assert (one.value, two.value, three.value) == (3.5, 5.0, 4.5)
    assert two.year == 2024
    assert three.citizen == "17"
    assert three.row == 5


def test_xlsx_errors_carry_spreadsheet_row_numbers() -> None:
    rows: list[list[object]] = [HEADER_DA, row(), [None] * 10, row("B-02", value="høj")]
    result = read_measurements(xlsx_bytes(rows), "m.xlsx")
    assert keyed(result) == [(4, "værdi", "import.error.not_a_number")]


def test_old_xls_and_garbage_are_refused_with_a_reason() -> None:
    xls = read_measurements(b"\xd0\xcf\x11\xe0rest", "m.xls")
    broken = read_measurements(b"PK\x03\x04 not really a zip", "m.xlsx")
    assert keyed(xls) == [(None, None, "import.error.unsupported_type")]
    assert keyed(broken) == [(None, None, "import.error.unreadable")]


# CPR numbers ---------------------------------------------------------------------


@pytest.mark.parametrize("cpr", ["010190-1234", "0101901234", "010190 1234"])
def test_a_cpr_number_in_any_cell_refuses_the_whole_file(cpr: str) -> None:
    rows = [[*HEADER_DA, "note"], [*row("B-01"), "ok"], [*row("B-02"), f"ring til {cpr}"]]

    for accept_valid in (False, True):
        result = read_measurements(csv_bytes(rows), "m.csv", accept_valid=accept_valid)
        assert result.refused is not None
        assert result.measurements == ()
        message = render(result.refused, "da")
        assert "række 3" in message
        assert "pseudonymer" in message
        assert cpr not in message
        assert render(result.summary(), "da") == message


def test_a_cpr_number_as_pseudonym_in_xlsx_is_refused_even_without_leading_zero() -> None:
    rows: list[list[object]] = [HEADER_DA, row(), [101901234, *row()[1:]]]
    result = read_measurements(xlsx_bytes(rows), "m.xlsx", lang="en", accept_valid=True)

    assert result.refused is not None
    assert "Use pseudonyms" in render(result.refused, "en")


def test_dates_and_scores_are_not_mistaken_for_cpr_numbers() -> None:
    rows = [HEADER_DA, row(point="2024-03-01"), row("B-02", point="01-03-2024", value="10")]
    assert read_measurements(csv_bytes(rows), "m.csv").ok


# Template ------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["da", "en"])
def test_templates_import_cleanly(lang: str) -> None:
    header = HEADER_DA if lang == "da" else HEADER_EN
    assert template_rows(lang)[0] == header
    for data, name in ((template_csv(lang), "t.csv"), (template_xlsx(lang), "t.xlsx")):
        result = read_measurements(data, name, lang=lang)
        assert result.ok, lines(result, lang)
        assert len(result.measurements) == len(template_rows(lang)) - 1
        assert {m.citizen for m in result.measurements} == {"B-01", "B-02", "B-03", "B-04"}


def test_danish_template_is_what_danish_excel_writes() -> None:
    data = template_csv("da")
    assert data.startswith(b"\xef\xbb\xbf")
    first_lines = data.decode("utf-8-sig").splitlines()
    assert first_lines[0].startswith("borger;undergruppe;indsats")
    assert ";3,5;" in first_lines[1]


# Measurement points ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Start", START),
        ("startmåling", START),
        ("slut", END),
        ("Et år efter", MeasurementPoint.named("one_year_after")),
        ("one_year_after", MeasurementPoint.named("one_year_after")),
        ("end of stabilisation", MeasurementPoint.named("end_of_stabilisation")),
        ("1. opfølgning", follow_up(1)),
        ("opfoelgning 2", follow_up(2)),
        ("Follow-up 3", follow_up(3)),
        ("follow_up_1", follow_up(1)),
        ("2nd follow-up", follow_up(2)),
        ("2024-03-01", MeasurementPoint.on(date(2024, 3, 1))),
        ("1.3.2024", MeasurementPoint.on(date(2024, 3, 1))),
        ("midtvejs", None),
        ("opfølgning", None),
    ],
)
def test_measurement_points_are_understood(word: str, expected: MeasurementPoint | None) -> None:
    assert parse_point(word) == expected


def test_measurement_points_keep_their_canonical_order() -> None:
    points = [
        MeasurementPoint.on(date(2024, 1, 5)),
        MeasurementPoint.named("one_year_after"),
        follow_up(2),
        END,
        MeasurementPoint.on(date(2023, 12, 1)),
        follow_up(1),
        MeasurementPoint.named("end_of_stabilisation"),
        START,
    ]
    assert [str(p) for p in sorted(points)] == [
        "start",
        "end_of_stabilisation",
        "follow_up_1",
        "follow_up_2",
        "end",
        "one_year_after",
        "2023-12-01",
        "2024-01-05",
    ]


def test_text_params_are_plain_values() -> None:
    """Messages are Text with simple parameters, so any adapter can render them."""
    result = read_measurements(csv_bytes(BAD_ROWS), "m.csv")
    for error in result.errors:
        assert isinstance(error.message, Text)
        assert all(isinstance(v, str | int) for v in error.message.params.values())
