"""Messy files as people really send them: near-miss and synonym headers, unused columns,
title rows, Excel's `sep=;` line, the data on another sheet, summary rows, and every
encoding Danish Excel writes. Nothing is dropped without the uploader being told."""

from __future__ import annotations

import csv
import io

import pytest

from bot.data_import import import_file, read_file
from charts import read_measurements
from charts.import_csv import encoding_of
from charts.importing import ImportResult, UnusedColumn
from flows.measurements import GoalType
from flows.outputs import Text
from flows.text.render import render
from tests.fakes import InMemoryUnitOfWork
from tests.transcript import Room
from tests.unit.charts.test_importing import HEADER_DA, row

Cell = object


def csv_file(
    rows: list[list[str]],
    *,
    delimiter: str = ";",
    encoding: str = "utf-8-sig",
    first_line: str | None = None,
) -> bytes:
    """A CSV as a spreadsheet writes it (quoted where needed), optionally after one line."""
    buffer = io.StringIO(newline="")
    if first_line is not None:
        buffer.write(first_line + "\r\n")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


def workbook(sheets: dict[str, list[list[Cell]]], *, at: str = "A1") -> bytes:
    """An XLSX with the named sheets in order; every sheet's table starts at cell `at`."""
    from openpyxl import Workbook
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    letter, first_row = coordinate_from_string(at)
    first_column = column_index_from_string(letter)
    book = Workbook()
    book.remove(book.active)
    for name, table in sheets.items():
        sheet = book.create_sheet(name)
        for r, cells in enumerate(table):
            for c, value in enumerate(cells):
                if value is not None:
                    sheet.cell(first_row + r, first_column + c, value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def shown(texts: tuple[Text, ...], lang: str = "da") -> list[str]:
    return [render(t, lang) for t in texts]


def keyed(result: ImportResult) -> list[tuple[int | None, str | None, str]]:
    return [(e.row, e.column, e.message.key) for e in result.errors]


def with_header(header: list[str], *rows_: list[str]) -> list[list[str]]:
    return [header, *rows_]


# 1. Unused columns, with "did you mean" ---------------------------------------------


def test_every_unused_column_is_listed_and_near_misses_get_a_suggestion() -> None:
    table = [[*HEADER_DA, "maalepunkt2", "Kommentar", "Borgr"], [*row(), "x", "god dag", "y"]]
    result = read_measurements(csv_file(table), "m.csv")

    assert result.ok
    assert result.unused_columns == (
        UnusedColumn("maalepunkt2", "measurement_point"),
        UnusedColumn("Kommentar", None),
        UnusedColumn("Borgr", "citizen"),
    )
    assert result.ignored_columns == ("maalepunkt2", "Kommentar", "Borgr")
    assert shown(result.notes) == [
        "Kolonnen »maalepunkt2« er ikke brugt. Mente du »målepunkt«?",
        "Kolonnen »Borgr« er ikke brugt. Mente du »borger«?",
        "Kolonnen »Kommentar« er ikke brugt.",
    ]
    assert shown(result.notes, "en")[0] == (
        "The column “maalepunkt2” is not used. Did you mean “measurement_point”?"
    )


def test_a_near_miss_for_a_missing_column_says_which_column_it_may_be() -> None:
    header = ["borger", "parameter", "maalepunkt2", "værdi", "år", "Note 1", "Note 2"]
    table = [header, ["B-01", "Psykisk trivsel", "start", "3,5", "2024", "", ""]]
    result = read_measurements(csv_file(table), "m.csv")

    assert keyed(result) == [(None, "målepunkt", "import.error.missing_column")]
    assert shown(result.notes) == [
        "Kolonnen »maalepunkt2« er ikke brugt. Mente du »målepunkt«?",
        "Kolonnerne »Note 1«, »Note 2« er ikke brugt.",
    ]


def test_the_chat_and_the_command_line_show_the_unused_columns_after_the_errors() -> None:
    table = [[*HEADER_DA, "Kommentar"], [*row(), "god dag"], [*row("B-02", value="x"), ""]]
    read = read_file(group_id=1, data=csv_file(table), filename="m.csv", actor="lea", lang="da")
    assert shown(read.problems) == [
        "Række 3, kolonnen »værdi«: »x« er ikke et tal. Skriv fx 3,5.",
        "Kolonnen »Kommentar« er ikke brugt.",
    ]
    assert read.notes == read.problems[1:]


def test_columns_with_data_but_no_header_are_told() -> None:
    table = [[*HEADER_DA, "", "Note"], [*row(), "glemt", "x", "y"]]
    result = read_measurements(csv_file(table), "m.csv")
    assert result.ok
    assert shown(result.notes) == [
        "Kolonnen »Note« er ikke brugt.",
        "Kolonne K og M har data, men ingen overskrift, så de er ikke brugt.",
    ]


def test_a_cpr_column_is_never_taken_for_the_citizen_nor_suggested() -> None:
    header = ["CPR-nr", *HEADER_DA[1:]]
    result = read_measurements(csv_file([header, ["xxxxxx-xxxx", *row()[1:]]]), "m.csv")
    assert keyed(result) == [(None, "borger", "import.error.missing_column")]
    assert result.unused_columns == (UnusedColumn("CPR-nr", None),)


# 2. Synonyms and the handbook's words -------------------------------------------------


@pytest.mark.parametrize(
    ("canonical", "header"),
    [
        ("borger", "Borger-ID"),
        ("borger", "sagsnummer"),
        ("borger", "Pseudonym"),
        ("borger", "borgernummer"),
        ("målepunkt", "Tidspunkt"),
        ("målepunkt", "måling"),
        ("målepunkt", "målpunkt"),
        ("værdi", "vaerdi "),
        ("værdi", "Score"),
        ("værdi", "resultat"),
        ("parameter", "parametre"),
        ("parameter", "område"),
        ("indsats", "Tilbud"),
        ("måltype", "mål type"),
        ("målopfyldelse", "grad af målopfyldelse"),
        ("år", "Årstal"),
    ],
)
def test_synonyms_and_the_handbooks_words_name_the_columns(canonical: str, header: str) -> None:
    names = [header if h == canonical else h for h in HEADER_DA]
    result = read_measurements(csv_file([names, row()]), "m.csv")
    assert result.ok, shown(tuple(e.line() for e in result.errors))
    assert result.unused_columns == ()


@pytest.mark.parametrize("header", ["køn", "Alder", "aldersgruppe", "målgruppe"])
def test_a_subgroup_named_by_what_it_groups_keeps_that_name(header: str) -> None:
    names = [header if h == "undergruppe" else h for h in HEADER_DA]
    result = read_measurements(csv_file([names, row()]), "m.csv")
    assert result.ok
    assert result.measurements[0].subgroup == "kvinde"
    assert result.subgroup_label == header
    assert shown(result.notes) == [f"Kolonnen »{header}« er læst som undergruppe."]


def test_the_handbooks_goal_and_attainment_words_are_understood() -> None:
    table = [
        HEADER_DA,
        row("B-01", point="slut", goal="fastholdelsesmål", attainment="nået"),
        row("B-02", point="slut", goal="progressionsmål", attainment="forværring"),
        row("B-03", point="opstartsmåling"),
    ]
    result = read_measurements(csv_file(table), "m.csv")
    assert result.ok, shown(tuple(e.line() for e in result.errors))
    assert [m.goal_type for m in result.measurements[:2]] == [
        GoalType.STABILISATION,
        GoalType.PROGRESSION,
    ]


# 3. Title rows, `sep=;`, the header's row and sheet -----------------------------------


def test_title_rows_above_the_header_are_skipped_and_told_and_rows_keep_their_numbers() -> None:
    table = [
        ["Målinger for Team Nord 2024", "", ""],
        [],
        HEADER_DA,
        row("B-01"),
        row("B-02", value="x"),
    ]
    result = read_measurements(csv_file(table), "m.csv", accept_valid=True)

    assert keyed(result) == [(5, "værdi", "import.error.not_a_number")]
    assert [m.row for m in result.measurements] == [4]
    assert result.header_row == 3
    assert shown(result.notes) == [
        "Overskrifterne står i række 3; række 1 over dem er ikke læst som målinger."
    ]


def test_the_row_limit_counts_only_rows_below_the_header() -> None:
    table = [["Målinger"], ["Team Nord"], HEADER_DA, row("B-01"), row("B-02")]
    assert read_measurements(csv_file(table), "m.csv", max_rows=2).ok


def test_excels_sep_line_sets_the_delimiter_and_is_not_a_row() -> None:
    """Excel reads `sep=,` itself and shows the header in row 1: numbers follow Excel."""
    table = [HEADER_DA, row("B-01", value="3.5"), row("B-02", value="x")]
    data = csv_file(table, delimiter=",", first_line="sep=,")
    result = read_measurements(data, "m.csv")

    assert keyed(result) == [(3, "værdi", "import.error.not_a_number")]
    assert result.notes == ()


def test_the_header_is_found_among_the_first_rows_by_its_columns() -> None:
    table = [["Borger", "Kommentar"], ["Skema", "udfyldt af Lea"], HEADER_DA, row()]
    result = read_measurements(csv_file(table), "m.csv")
    assert result.ok and result.header_row == 3


def test_the_sheet_holding_the_header_is_used_and_named() -> None:
    data = workbook(
        {
            "Forside": [["Målinger for Team Nord"], ["Udfyldt af Lea"]],
            "Data": [HEADER_DA, row("B-01"), row("B-02", value="høj")],
            "Noter": [["husk at rette B-02"]],
        }
    )
    result = read_measurements(data, "m.xlsx")

    assert keyed(result) == [(3, "værdi", "import.error.not_a_number")]
    assert result.sheet == "Data"
    assert shown(result.notes) == [
        "Målingerne er læst fra arket »Data«; arkene »Forside«, »Noter« er ikke læst."
    ]


def test_a_workbook_without_the_header_names_the_sheets_it_looked_at() -> None:
    data = workbook({"Forside": [["Målinger"]], "Ark2": [["borger", "note"], ["B-01", "x"]]})
    result = read_measurements(data, "m.xlsx", lang="en")

    assert result.measurements == ()
    first = result.errors[0]
    assert first.message.key == "import.error.no_header_in_sheets"
    assert render(first.line(), "en") == (
        "None of the sheets (“Forside”, “Ark2”) has a header row with the columns citizen, "
        "parameter, measurement_point, value and year in its first 20 rows."
    )


def test_an_xlsx_table_below_a_title_and_right_of_column_a_keeps_its_row_numbers() -> None:
    table: list[list[Cell]] = [
        ["Målinger 2024"],
        [],
        HEADER_DA,
        row("B-01"),
        row("B-02", value="x"),
    ]
    result = read_measurements(workbook({"Ark1": table}, at="C2"), "m.xlsx")
    assert keyed(result) == [(6, "værdi", "import.error.not_a_number")]
    assert result.header_row == 4


# 4. Summary rows ------------------------------------------------------------------------


@pytest.mark.parametrize("word", ["I alt", "Total", "Gennemsnit", "Sum", "Average", "Middel"])
def test_a_summary_row_is_an_error_naming_the_row_and_never_a_citizen(word: str) -> None:
    table = [HEADER_DA, row("B-01"), row("B-02"), row(word, value="3,5")]
    for data, name in ((csv_file(table), "m.csv"), (workbook({"Ark1": table}), "m.xlsx")):
        result = read_measurements(data, name, accept_valid=True)
        assert keyed(result) == [(4, "borger", "import.error.summary_row")]
        assert [m.citizen for m in result.measurements] == ["B-01", "B-02"]
        assert render(result.errors[0].line(), "da") == (
            f"Række 4, kolonnen »borger«: »{word}« ligner en sumrække (fx i alt eller "
            "gennemsnit), ikke en borger, så rækken er ikke importeret."
        )


def test_pseudonyms_that_merely_start_like_a_summary_word_are_citizens() -> None:
    table = [HEADER_DA, row("Sum-01"), row("Total 7"), row("Middelfart-2")]
    assert read_measurements(csv_file(table), "m.csv").ok


# 5. Encodings ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252", "latin-1"]
)
def test_every_encoding_danish_excel_writes_reads_aeoeaa_right(encoding: str) -> None:
    table = [HEADER_DA, row("B-Ærø-1", point="2. opfølgning"), row("B-Å2", point="slut")]
    result = read_measurements(csv_file(table, encoding=encoding), "m.csv")
    assert result.ok, shown(tuple(e.line() for e in result.errors))
    assert [m.citizen for m in result.measurements] == ["B-Ærø-1", "B-Å2"]


@pytest.mark.parametrize(
    ("encoding", "found"),
    [("utf-8-sig", "utf-8-sig"), ("utf-8", "utf-8-sig"), ("utf-16-le", "utf_16_le"),
     ("cp1252", "cp1252")],
)  # fmt: skip
def test_the_encoding_is_what_charset_normalizer_finds(encoding: str, found: str) -> None:
    data = "borger;værdi\r\nB-Ø1;3,5\r\n".encode(encoding)
    assert encoding_of(data) == found


# What is not read is still checked and told -------------------------------------------


def test_a_cpr_number_in_a_title_row_refuses_the_file() -> None:
    table = [["Målinger for 010190-1234"], HEADER_DA, row()]
    result = read_measurements(csv_file(table), "m.csv", accept_valid=True)
    assert result.refused is not None and result.refused.key == "import.refused.cpr"
    assert result.refused.params["rows"] == ("1",)


def test_an_import_that_tells_notes_is_still_ok_and_lists_them(room: Room) -> None:
    data = csv_file([[*HEADER_DA, "Kommentar"], row()])
    outcome = import_file(lambda: InMemoryUnitOfWork(room.store), room.clock,
                          group_id=room.group_id, data=data, filename="m.csv", actor="lea",
                          lang="da")  # fmt: skip
    assert outcome.stored == 1 and outcome.ok
    assert shown(outcome.problems) == ["Kolonnen »Kommentar« er ikke brugt."]
    assert outcome.notes == outcome.problems


def test_the_import_texts_exist_in_both_languages() -> None:
    from flows.text import imports_da, imports_en

    assert set(imports_da.CATALOGUE) == set(imports_en.CATALOGUE)
    assert all(key.startswith("import.") for key in imports_da.CATALOGUE)
