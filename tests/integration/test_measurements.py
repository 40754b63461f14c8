"""Measurements stored and drawn: the import replaces a group's data set, and chart
requests from the flows become the right figures, read from the database."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.charting import ChartMaker
from bot.data_import import import_file
from bot.demo_data import demo_measurements_csv
from charts import read_measurements
from flows import service
from flows.commands import CreateGroup, StartMeeting
from flows.model import Level
from flows.outputs import ChartKind, RequestChart, ShowChart, ToChannel, ToUser
from tests.fakes import FixedClock
from tests.integration.conftest import Database

pytestmark = pytest.mark.storage

PNG = b"\x89PNG\r\n\x1a\n"


def _group(db: Database, clock: FixedClock) -> int:
    cmd = CreateGroup(
        actor="lea",
        name="Team Nord",
        level=Level.OFFER,
        leader=("lea", "Lea"),
        participants=(("ali", "Ali"), ("bo", "Bo")),
    )
    service.run(cmd, db.uow(), clock)
    return 1


def test_an_import_replaces_the_groups_data_set_and_reads_back_equal(db):
    clock = FixedClock()
    group_id = _group(db, clock)
    data = demo_measurements_csv(2026)
    expected = read_measurements(data, "demo.csv").measurements
    first = import_file(db.uow, clock, group_id=group_id, data=data, filename="demo.csv",
                        actor="lea", lang="en")  # fmt: skip
    assert (first.stored, first.replaced, first.ok) == (len(expected), 0, True)
    again = import_file(db.uow, clock, group_id=group_id, data=data, filename="demo.csv",
                        actor="lea", lang="en")  # fmt: skip
    assert again.replaced == len(expected)
    with db.uow() as uow:
        assert uow.measurements.for_group(group_id) == list(expected)
        stored = uow.measurements.data_set(group_id)
        assert stored is not None and stored.row_count == len(expected)


def test_a_file_with_errors_keeps_the_data_set_that_was_there(db):
    clock = FixedClock()
    group_id = _group(db, clock)
    import_file(db.uow, clock, group_id=group_id, data=demo_measurements_csv(2026),
                filename="demo.csv", actor="lea", lang="en")  # fmt: skip
    bad = "borger;parameter;målepunkt;værdi;år\nB-1;Trivsel;start;abc;2025\n".encode()
    outcome = import_file(db.uow, clock, group_id=group_id, data=bad, filename="bad.csv",
                          actor="lea", lang="en")  # fmt: skip
    assert outcome.stored == 0 and outcome.problems
    with db.uow() as uow:
        assert len(uow.measurements.for_group(group_id)) == 912


def _maker(db: Database) -> ChartMaker:
    return ChartMaker(db.uow, lang="en")


def test_the_data_charts_are_every_figure_type_the_data_allows(db):
    clock = FixedClock()
    group_id = _group(db, clock)
    maker = _maker(db)
    ask = RequestChart(ToUser("ali"), 1, ChartKind.DATA)
    assert maker.draw(ask) == []  # no data yet: nothing to draw, nothing to fail
    import_file(db.uow, clock, group_id=group_id, data=demo_measurements_csv(2026),
                filename="demo.csv", actor="lea", lang="en")  # fmt: skip
    shown = maker.draw(ask)
    # Figures 5, 8 and 9 per parameter (the demo has four), 6 and 7 once each.
    assert [c.kind for c in shown] == [*["target_group"] * 4, "goal_attainment", "progression",
                                       *["what_works"] * 8]  # fmt: skip
    for chart in shown:
        assert isinstance(chart, ShowChart) and chart.to == ToUser("ali")
        assert chart.png.startswith(PNG) and chart.alt_text and chart.caption
    titles = ["Target-group analysis", "Goal attainment", "Progression over time",
              "What works for whom"]  # fmt: skip
    assert [c.title for c in shown[3:7]] == titles


def test_signs_of_progress_are_plotted_for_the_parameters_they_name(db):
    clock = FixedClock()
    group_id = _group(db, clock)
    import_file(db.uow, clock, group_id=group_id, data=demo_measurements_csv(2026),
                filename="demo.csv", actor="lea", lang="en")  # fmt: skip
    since = datetime(2026, 1, 1, tzinfo=UTC)
    signs = ("Familierelationer ved 1. opfølgning", "Fewer missed visits")
    ask = RequestChart(ToChannel(group_id), 1, ChartKind.SIGNS, {"signs": signs, "since": since})
    (chart,) = _maker(db).draw(ask)
    assert chart.kind == "progression"
    assert "Familierelationer" in chart.alt_text
    assert "Psykisk trivsel" not in chart.alt_text
    unknown = RequestChart(ToChannel(1), 1, ChartKind.SIGNS, {"signs": ("x",), "since": since})
    assert _maker(db).draw(unknown) == []


def test_preparation_and_votes_are_drawn_from_the_meeting(db):
    clock = FixedClock()
    _group(db, clock)
    service.run(StartMeeting("lea", 1), db.uow(), clock)
    maker = _maker(db)
    (prep,) = maker.draw(RequestChart(ToChannel(1), 1, ChartKind.PREPARATION))
    assert prep.kind == "preparation" and "0 of 2" in prep.alt_text + prep.caption
    assert maker.draw(RequestChart(ToChannel(1), 1, ChartKind.VOTES)) == []  # no themes yet
    assert maker.draw(RequestChart(ToChannel(1), 99, ChartKind.VOTES)) == []  # no such meeting


def test_an_imported_direction_is_kept_and_the_caption_says_better_or_worse(db):
    """`retning`: "lavere er bedre" for a parameter no built-in rule knows, stored and read
    back, so the since-last chart says a fall is better (it would only say "faldt")."""
    clock = FixedClock()
    group_id = _group(db, clock)
    lines = ["borger;parameter;målepunkt;værdi;skala;år;retning"]
    for i in range(6):
        lines += [f"B-{i};Konflikter;start;8;0-10;2026;lavere er bedre",
                  f"B-{i};Konflikter;slut;3;0-10;2026;lavere er bedre"]  # fmt: skip
    data = ("\n".join(lines) + "\n").encode()
    outcome = import_file(db.uow, clock, group_id=group_id, data=data, filename="k.csv",
                          actor="lea", lang="da")  # fmt: skip
    assert outcome.ok
    with db.uow() as uow:
        assert {m.direction for m in uow.measurements.for_group(group_id)} == {"lower"}
    since = datetime(2026, 1, 1, tzinfo=UTC)
    ask = RequestChart(ToChannel(group_id), 1, ChartKind.SIGNS,
                       {"signs": ("Færre konflikter",), "since": since})  # fmt: skip
    (chart,) = ChartMaker(db.uow, lang="da").draw(ask)
    assert "bedre" in chart.caption, chart.caption


def test_a_goal_attainment_row_without_a_value_is_stored_and_read_back(db):
    clock = FixedClock()
    group_id = _group(db, clock)
    lines = ["borger;parameter;målepunkt;værdi;måltype;målopfyldelse;år"]
    lines += [f"B-{i};Trivsel;slut;;progression;nået;2026" for i in range(5)]
    data = ("\n".join(lines) + "\n").encode()
    outcome = import_file(db.uow, clock, group_id=group_id, data=data, filename="m.csv",
                          actor="lea", lang="da")  # fmt: skip
    assert outcome.ok and outcome.stored == 5
    with db.uow() as uow:
        stored = uow.measurements.for_group(group_id)
    assert stored == list(read_measurements(data, "m.csv").measurements)
    assert {m.value for m in stored} == {None}
