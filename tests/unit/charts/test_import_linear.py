"""What keeps an import linear and fast: a CPR check that runs the full (slow) check once
per distinct cell that could hold a CPR number, with exactly the verdicts of
`looks_like_cpr`; XLSX read by calamine, not openpyxl."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from charts.import_cpr import CprCheck
from flows.validation import looks_like_cpr
from tests.unit.charts.helpers import csv_bytes
from tests.unit.charts.test_importing import HEADER_DA, row

ROOT = Path(__file__).resolve().parents[3]

TRICKY = [
    "B-01", "3,5", "1-10", "2024", "Psykisk trivsel", "2. opfølgning", "", "010190-1234",
    "0101901234", "010190 1234", "01.01.90-1234", "ring 010190-1234 i dag", "319999-1234",
    "12340101901234", "1234 0101901234", "０１０１９０－１２３４", "01\u200b0190-1234",
    "⒑⒒⒓⒔⒕", "010190\u20131234", "B-000001", "123456789", "0101901234x",
]  # fmt: skip
NUMBERS = [101901234, 101901234.0, 2024, 2024.0, 3.5, 1010901234, 99_999_999, -101901234, True]


@pytest.mark.parametrize("cell", TRICKY)
def test_the_fast_check_agrees_with_looks_like_cpr_on_text(cell: str) -> None:
    assert CprCheck().row((cell,)) == looks_like_cpr(cell)


@pytest.mark.parametrize("cell", NUMBERS)
def test_numbers_are_checked_as_the_ten_or_twelve_digits_they_may_have_been(cell) -> None:
    whole = isinstance(cell, int | float) and not isinstance(cell, bool) and cell == int(cell)
    texts = (str(int(cell)).zfill(10), str(int(cell)).zfill(12)) if whole else ()
    assert CprCheck().row((cell,)) == any(looks_like_cpr(t) for t in texts)


def test_a_row_is_refused_for_one_cell_and_never_for_digits_split_over_cells() -> None:
    check = CprCheck()
    assert check.row(("B-01", "kvinde", "ring 010190-1234", "2024"))
    assert check.row(("B-01", "Psykisk trivsel", "opfølgning", 3.5, "010190-1234"))
    assert not check.row(("010190", "1234"))
    assert not check.row(("01 01 90", "-1234", "0101", "901234"))
    assert not check.row(("010190\x01", "\x01", "1234"))


def test_repeated_cells_are_checked_in_full_once_and_short_plain_ones_never() -> None:
    check = CprCheck()
    rows = [tuple(row(f"B-{n:05d}", point="2. opfølgning")) for n in range(1000)]
    assert not any(check.row(cells) for cells in rows)
    # Only "2. opfølgning" (not ASCII) needs the full check, and only once; the other
    # cells are plain ASCII with fewer than ten digits.
    assert check.full_checks == 1


def test_an_xlsx_is_read_without_openpyxl() -> None:
    code = (
        "import sys\n"
        "from tests.unit.charts.helpers import xlsx_bytes\n"
        f"data = xlsx_bytes([{HEADER_DA!r}, {row()!r}])\n"
        "for name in [n for n in sys.modules if n.startswith('openpyxl')]:\n"
        "    del sys.modules[name]\n"
        "from charts.tabular import read_sheet\n"
        "sheet = read_sheet(data, 'm.xlsx')\n"
        "assert [n for n, _ in sheet.rows] == [2]\n"
        "assert not [n for n in sys.modules if n.startswith('openpyxl')], 'openpyxl read it'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_a_csv_is_still_read_as_a_stream_of_rows() -> None:
    from charts.tabular import read_sheet

    sheet = read_sheet(csv_bytes([HEADER_DA, row(), row("B-02")]), "m.csv")
    assert sheet.header == tuple(HEADER_DA)
    assert [n for n, _ in sheet.rows] == [2, 3]
