"""How much of a file the import takes: at most `max_rows` data rows (refused whole past
that, without reading on), and only the first errors kept of a file full of them."""

from __future__ import annotations

import time

import pytest

from bot.data_import import import_file, read_file
from charts import MAX_ROWS, read_measurements
from charts import rows as rows_module
from charts.importing import MAX_ERRORS_KEPT
from charts.tabular import TooManyRows, read_sheet
from config.settings import Settings
from flows.errors import ConcurrentChange
from flows.measurements import Measurement
from flows.outputs import Text
from flows.text.render import render
from tests.fakes import InMemoryMeasurements, InMemoryUnitOfWork
from tests.transcript import Room
from tests.unit.charts.helpers import csv_bytes, xlsx_bytes
from tests.unit.charts.test_importing import HEADER_DA, row

CPR = "010190-1234"


def rows(count: int, first: int = 1) -> list[list[str]]:
    """`count` valid data rows, one citizen each."""
    return [row(f"B-{n:06d}") for n in range(first, first + count)]


def as_xlsx(table: list[list[str]]) -> bytes:
    return xlsx_bytes([list(cells) for cells in table])


FORMATS = [pytest.param(csv_bytes, "m.csv", id="csv"), pytest.param(as_xlsx, "m.xlsx", id="xlsx")]


@pytest.mark.parametrize(("encode", "name"), FORMATS)
def test_a_file_over_the_limit_is_refused_whole_in_the_readers_language(encode, name) -> None:
    data = encode([HEADER_DA, *rows(4)])
    for accept_valid in (False, True):
        result = read_measurements(data, name, max_rows=3, accept_valid=accept_valid)
        assert result.measurements == () and not result.ok
        assert result.refused is not None and result.refused.key == "import.error.too_many_rows"
        assert result.summary() == result.refused and result.error_lines() == ()
    assert "more than 3 rows of data" in render(result.refused, "en")
    at_default = Text("import.error.too_many_rows", {"limit": 100_000})
    assert render(at_default, "en") == (
        "The file is refused and nothing was imported: it has more than 100,000 rows of "
        "data. Keep only the rows the group uses (e.g. one year or one intervention) and "
        "upload it again."
    )
    assert render(at_default, "da") == (
        "Filen er afvist, og intet er importeret: den har mere end 100.000 rækker med data. "
        "Behold kun de rækker, gruppen bruger (fx ét år eller én indsats), og upload den igen."
    )


@pytest.mark.parametrize(("encode", "name"), FORMATS)
def test_a_file_at_the_limit_is_imported_and_empty_rows_do_not_count(encode, name) -> None:
    table = [HEADER_DA, [""] * 10, *rows(2), [""] * 10, *rows(1, first=3), [""] * 10]
    result = read_measurements(encode(table), name, max_rows=3)
    assert result.ok and len(result.measurements) == 3
    assert [m.row for m in result.measurements] == [3, 4, 6]  # spreadsheet rows, gaps kept


@pytest.mark.parametrize(("encode", "name"), FORMATS)
def test_nothing_past_the_limit_is_read(encode, name) -> None:
    """A CPR number two rows past the limit would refuse the file for that, if read."""
    table = [HEADER_DA, *rows(3), row("B-999999"), row(CPR)]
    assert read_measurements(encode(table), name).refused.key == "import.refused.cpr"
    refused = read_measurements(encode(table), name, max_rows=3).refused
    assert refused is not None and refused.key == "import.error.too_many_rows"


def test_an_xlsx_is_read_as_its_rows_are_asked_for_and_a_csv_is_counted_first() -> None:
    table = [HEADER_DA, *rows(4)]
    sheet = read_sheet(as_xlsx(table), "m.xlsx", max_rows=3)
    assert sheet.header == tuple(HEADER_DA)
    assert [next(sheet.rows)[0] for _ in range(3)] == [2, 3, 4]
    with pytest.raises(TooManyRows):
        next(sheet.rows)
    with pytest.raises(TooManyRows):  # before any row is handed out
        read_sheet(csv_bytes(table), "m.csv", max_rows=3)
    whole = read_sheet(csv_bytes(table), "m.csv", max_rows=4)
    assert [number for number, _ in whole.rows] == [2, 3, 4, 5]
    assert list(whole.rows) == []  # an iterator: read once, never kept


def test_the_default_limit_is_the_settings_and_refuses_100_001_rows_quickly() -> None:
    assert Settings.model_fields["import_max_rows"].default == MAX_ROWS == 100_000
    line = "B-{:06d};kvinde;Familiebehandling;Psykisk trivsel;start;3,5;1-10;progression;;2024"
    body = "\r\n".join(line.format(n) for n in range(MAX_ROWS + 1))
    data = (";".join(HEADER_DA) + "\r\n" + body + "\r\n").encode("utf-8-sig")
    began = time.perf_counter()
    result = read_measurements(data, "stor.csv")
    took = time.perf_counter() - began
    assert result.refused is not None and result.refused.params == {"limit": 100_000}
    assert took < 3, f"refusing a 100,001-row CSV took {took:.1f} s"


def test_read_file_and_import_file_take_the_limit(room: Room) -> None:
    data = csv_bytes([HEADER_DA, *rows(3)])
    common = {"group_id": room.group_id, "data": data, "filename": "m.csv", "lang": "en"}
    read = read_file(actor="lea", max_rows=2, **common)
    assert read.command is None and read.summary.key == "import.error.too_many_rows"
    assert read.problems == ()

    def uow() -> InMemoryUnitOfWork:
        return InMemoryUnitOfWork(room.store)

    refused = import_file(uow, room.clock, actor="lea", max_rows=2, **common)
    assert (refused.stored, refused.summary.params) == (0, {"limit": 2})
    assert import_file(uow, room.clock, actor="lea", max_rows=3, **common).stored == 3


class _AlwaysOvertaken(InMemoryMeasurements):
    def replace(self, group_id: int, measurements: tuple[Measurement, ...] | list[Measurement],
                **about: object) -> int:  # fmt: skip
        raise ConcurrentChange(group_id)


class _BusyUnitOfWork(InMemoryUnitOfWork):
    """Another import for the group commits first, every time."""

    def __enter__(self):  # type: ignore[no-untyped-def]
        super().__enter__()
        self.measurements = _AlwaysOvertaken(self._measurements)
        return self


def test_an_import_that_keeps_losing_to_others_says_one_is_under_way(room: Room) -> None:
    data = csv_bytes([HEADER_DA, *rows(3)])
    outcome = import_file(lambda: _BusyUnitOfWork(room.store), room.clock, group_id=room.group_id,
                          data=data, filename="m.csv", actor="lea", lang="en")  # fmt: skip
    assert (outcome.stored, outcome.refused, outcome.problems) == (0, False, ())
    assert render(outcome.summary, "en") == (
        "An import for this group is under way. Try again in a moment."
    )
    assert render(outcome.summary, "da") == (
        "En anden import for gruppen er i gang. Prøv igen om et øjeblik."
    )


def test_a_file_full_of_errors_keeps_the_first_and_counts_the_rest() -> None:
    bad = [row(f"B-{n:05d}", value="x", year="y") for n in range(MAX_ERRORS_KEPT)]  # 2 each
    result = read_measurements(csv_bytes([HEADER_DA, *bad]), "m.csv", lang="en")
    assert len(result.errors) == MAX_ERRORS_KEPT
    assert result.error_count == 2 * MAX_ERRORS_KEPT
    assert result.summary().params == {"errors": 2 * MAX_ERRORS_KEPT}
    shown = result.error_lines()
    assert len(shown) == 21 and shown[-1].params == {"count": 2 * MAX_ERRORS_KEPT - 20}
    every = result.error_lines(limit=None)
    assert every[-1].params == {"count": MAX_ERRORS_KEPT}


def test_equal_cells_give_one_shared_value() -> None:
    """What keeps a 100,000-row import small: one label, scale and point for all rows."""
    first, second = read_measurements(csv_bytes([HEADER_DA, *rows(2)]), "m.csv").measurements
    assert first.parameter is second.parameter
    assert first.scale is second.scale and first.point is second.point
    assert all(cached.cache_info().currsize == 0 for cached in rows_module._CACHES)  # forgotten


def test_reading_as_a_stream_keeps_every_encoding() -> None:
    """The CSV is decoded as it is read; its encoding is still decided by the whole file."""
    table = [HEADER_DA, *rows(2)]
    utf16 = csv_bytes(table, delimiter="\t", encoding="utf-16")  # Excel's "Unicode text"
    assert read_measurements(utf16, "m.txt").ok
    late = [HEADER_DA, *rows(1500), row("B-æøå")]  # the one cp1252 byte is past 64 KB
    data = csv_bytes(late, encoding="cp1252")
    assert len(data) > 1 << 16
    result = read_measurements(data, "m.csv")
    assert result.ok and result.measurements[-1].citizen == "B-æøå"
    huge_cell = csv_bytes([HEADER_DA, *rows(2), row("x" * 200_000)])  # past csv's field limit
    assert read_measurements(huge_cell, "m.csv").errors[0].message.key == "import.error.unreadable"
