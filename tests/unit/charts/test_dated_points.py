"""Dated measurement points aligned per citizen: days since their own first measurement.

Before, a file where every citizen is measured on their own dates gave a progression
with one x position per calendar date (a mean over whoever happened to be measured that
day) and no what-works chart at all (only the named start, end and one year after were
compared). Now each citizen's first date is their start and later dates fall in periods
after it (`charts.aligned`), each citizen counted once per period with their latest value.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from matplotlib.figure import Figure

from bot.charting import data_charts, sign_charts
from charts import END, MIN_COUNT, ONE_YEAR_AFTER, START, render
from charts.aligned import PERIODS, Period, label, phrase
from charts.render import ChartData, draw_progression, draw_what_works
from charts.series import ComparisonData, ProgressionData, TargetGroupData, progression, what_works
from flows.measurements import Measurement, MeasurementPoint
from tests.unit.charts.disclosure_solver import hidden_small, violations
from tests.unit.charts.helpers import axes, m, tick_labels

TRIVSEL = "Psykisk trivsel"
FIRST_MONTHS, LATER_MONTHS = Period(31, 91), Period(92, 182)
ARMS = ("Familiebehandling", "Netværksgruppe")
# Per citizen B-01 ... B-10: the value at the start, in 1-3 months and in 3-6 months.
# B-01 ... B-05 are in family treatment (means 4, 6, 7), B-06 ... B-10 in the network
# group (means 3, 4, 5); all ten: 3.5, 5.0, 6.0.
VALUES = {
    1: (3, 5, 6),
    2: (3, 5, 6),
    3: (4, 6, 7),
    4: (4, 6, 7),
    5: (6, 8, 9),
    6: (2, 3, 4),
    7: (2, 3, 4),
    8: (3, 4, 5),
    9: (3, 4, 5),
    10: (5, 6, 7),
}


def on(day: date) -> MeasurementPoint:
    return MeasurementPoint.on(day)


def dated_rows() -> list[Measurement]:
    """Ten citizens, each measured on their own dates (B-01 from 2025-01-10, B-02 from
    2025-01-27 ...): a start, one date 40-85 days later and one 100-172 days later.
    B-01 was also measured on day 95 (1.0): an earlier value in the same period."""
    rows = []
    for i, values in VALUES.items():
        start = date(2025, 1, 10) + timedelta(days=17 * (i - 1))
        own = {
            "intervention": ARMS[0] if i <= 5 else ARMS[1],
            "subgroup": "kvinde" if i % 2 else "mand",
        }
        for offset, value in zip((0, 40 + 5 * i, 100 + 8 * i), values, strict=True):
            rows.append(m(f"B-{i:02d}", value, point=on(start + timedelta(offset)), **own))
        if i == 1:
            rows.append(m("B-01", 1.0, point=on(start + timedelta(95)), **own))
    return rows


def means(cells) -> list[tuple[float | None, int]]:
    return [(None if c.mean is None else round(c.mean, 2), c.n) for c in cells]


def ydata(fig: Figure, gid: str) -> list[float]:
    (line,) = [line for line in axes(fig).lines if line.get_gid() == gid]
    return [round(y, 2) for y in line.get_ydata()]


# The aligned periods ---------------------------------------------------------------------


def test_progression_is_over_the_start_and_the_periods_after_it() -> None:
    data = progression(dated_rows())
    assert data.points == (START, FIRST_MONTHS, LATER_MONTHS)
    (line,) = data.lines
    assert means(line.cells) == [(3.5, 10), (5.0, 10), (6.0, 10)]
    assert not data.population_changes

    fig = draw_progression(data, "da")
    assert ydata(fig, TRIVSEL) == [3.5, 5.0, 6.0]
    assert tick_labels(axes(fig).get_xticklabels()) == [
        "Start\nn=10",
        "1–3 mdr.\nn=10",
        "3–6 mdr.\nn=10",
    ]
    english = tick_labels(axes(draw_progression(data, "en")).get_xticklabels())
    assert english == ["Start\nn=10", "1–3 mo.\nn=10", "3–6 mo.\nn=10"]


def test_what_works_compares_the_arms_over_the_periods() -> None:
    data = what_works(dated_rows(), TRIVSEL)
    assert data.points == (START, FIRST_MONTHS, LATER_MONTHS)
    assert data.arms == ARMS
    assert [means(row) for row in data.cells] == [
        [(4.0, 5), (6.0, 5), (7.0, 5)],
        [(3.0, 5), (4.0, 5), (5.0, 5)],
    ]
    fig = draw_what_works(data, "da")
    assert ydata(fig, ARMS[0]) == [4.0, 6.0, 7.0]
    assert ydata(fig, ARMS[1]) == [3.0, 4.0, 5.0]
    assert tick_labels(axes(fig).get_xticklabels())[1] == "1–3 mdr.\nn=5"


def test_a_dated_file_gets_every_figure_as_the_bot_sends_them() -> None:
    charts = data_charts(dated_rows(), MIN_COUNT)
    (target,) = [c for c in charts if isinstance(c, TargetGroupData)]
    assert {s: means(row) for s, row in zip(target.subgroups, target.cells, strict=True)} == {
        "kvinde": [(3.6, 5)],
        "mand": [(3.4, 5)],
    }
    (line,) = [c for c in charts if isinstance(c, ProgressionData)]
    assert means(line.lines[0].cells) == [(3.5, 10), (5.0, 10), (6.0, 10)]
    compared = {c.by: c for c in charts if isinstance(c, ComparisonData)}
    assert set(compared) == {"intervention", "subgroup"}
    by_subgroup = compared["subgroup"]
    assert by_subgroup.points == (START, FIRST_MONTHS, LATER_MONTHS)
    # kvinde: B-01, 03, 05, 07, 09; mand: B-02, 04, 06, 08, 10
    assert [means(row) for row in by_subgroup.cells] == [
        [(3.6, 5), (5.2, 5), (6.2, 5)],
        [(3.4, 5), (4.8, 5), (5.8, 5)],
    ]
    drawn = draw_what_works(by_subgroup, "da")
    assert ydata(drawn, "kvinde") == [3.6, 5.2, 6.2]


def test_a_citizen_with_two_values_in_a_period_counts_once_with_the_latest() -> None:
    start = date(2025, 3, 1)
    rows = [m(f"K-{i}", 5.0, point=on(start)) for i in range(1, 6)]
    rows += [m(f"K-{i}", 6.0, point=on(start + timedelta(40))) for i in range(1, 6)]
    rows.append(m("K-1", 10.0, point=on(start + timedelta(35))))  # earlier: not counted
    rows.append(m("K-2", 1.0, point=on(start + timedelta(85))))  # later: counted
    data = progression(rows)
    assert means(data.lines[0].cells) == [(5.0, 5), (5.0, 5)]  # (6*4 + 1) / 5
    # Two values on the same (latest) day are that citizen's mean, still counted once.
    same_day = [*rows, m("K-2", 3.0, point=on(start + timedelta(85)), intervention="Andet")]
    assert means(progression(same_day).lines[0].cells) == [(5.0, 5), (5.2, 5)]


def test_the_periods_follow_the_spread_of_the_data() -> None:
    """Empty periods are left out; long courses reach the yearly periods."""
    start = date(2022, 1, 1)
    offsets = (0, 10, 400, 800, 1200)
    rows = [
        m(f"L-{i}", float(k + 2), point=on(start + timedelta(days=d + i)))
        for i in range(5)
        for k, d in enumerate(offsets)
    ]
    data = progression(rows)
    assert [label(p, "da") for p in data.points] == [
        "Start",
        "Første måned",
        "1–2 år",
        "2–3 år",
        "Over 3 år",
    ]
    assert [label(p, "en") for p in data.points][2:] == ["1–2 yrs", "2–3 yrs", "Over 3 yrs"]
    assert means(data.lines[0].cells) == [(2.0, 5), (3.0, 5), (4.0, 5), (5.0, 5), (6.0, 5)]
    # Every day after the start falls in exactly one period.
    for day in range(1, 2000):
        assert sum(p.holds(day) for p in PERIODS) == 1


def test_one_citizens_own_course_keeps_its_dates() -> None:
    data = progression(dated_rows(), citizen="B-02")
    assert all(isinstance(p, MeasurementPoint) and p.day for p in data.points)
    assert len(data.points) == 3


# Mixed files ------------------------------------------------------------------------------


def test_a_mixed_file_shares_the_start_then_named_points_then_periods() -> None:
    """Named courses at their named points, dated courses from their first date; both
    start at "Start". A citizen with a named point in the parameter is a named course:
    their dated rows are not placed."""
    named = [m(f"N-{i}", 4.0, point=START) for i in range(1, 6)]
    named += [m(f"N-{i}", 6.0, point=END) for i in range(1, 6)]
    day = date(2025, 5, 1)
    dated = [m(f"D-{i}", 2.0, point=on(day + timedelta(i))) for i in range(1, 6)]
    dated += [m(f"D-{i}", 8.0, point=on(day + timedelta(60 + i))) for i in range(1, 6)]
    stray = m("N-1", 10.0, point=on(day))  # N-1 is a named course
    data = progression([*named, *dated, stray])
    assert data.points == (START, END, FIRST_MONTHS)
    assert means(data.lines[0].cells) == [(3.0, 10), (6.0, 5), (8.0, 5)]
    assert data.population_changes  # not the same citizens at every position
    compared = what_works([*named, *dated], TRIVSEL, by="subgroup")
    assert compared.points == (START, END, ONE_YEAR_AFTER, FIRST_MONTHS)


# Captions and alt texts ----------------------------------------------------------------


def test_captions_and_alt_texts_name_the_periods() -> None:
    data = progression(dated_rows())
    danish = render(data, "da")
    assert "3–6 mdr.: 6,0 (n=10)" in danish.alt_text
    assert "fra 3,5 (Start) til 6,0 (3–6 mdr. efter start)" in danish.caption
    assert "tiden siden deres egen første måling" in danish.caption
    english = render(data, "en")
    assert "3–6 mo.: 6.0 (n=10)" in english.alt_text
    assert "from 3.5 (Start) to 6.0 (3–6 mo. after the start)" in english.caption
    compared = render(what_works(dated_rows(), TRIVSEL), "da")
    assert "Familiebehandling 1–3 mdr.: 6,0 (n=5)" in compared.alt_text
    said = "For Familiebehandling steg gennemsnittet fra 4,0 (Start) til 7,0 (3–6 mdr. efter start)"
    assert said in compared.caption
    assert phrase(START, "da") == "Start"


def test_named_charts_say_nothing_about_periods() -> None:
    rows = [m(f"N-{i}", 4.0, point=p) for i in range(1, 6) for p in (START, END)]
    caption = render(progression(rows), "da").caption
    assert "første måling" not in caption
    assert "For Psykisk trivsel var gennemsnittet 4,0 både ved Start og Slut." in caption


# Row order ------------------------------------------------------------------------------


def content(bundle: list[ChartData]) -> set[tuple[object, ...]]:
    """Every cell as (chart, row, column, mean, n, hidden), whatever order rows come in
    (sub-groups are listed in the file's order)."""
    found: set[tuple[object, ...]] = set()
    for data in bundle:
        if isinstance(data, TargetGroupData):
            rows, columns, cells = data.subgroups, data.years, data.cells
        elif isinstance(data, ProgressionData):
            rows, columns = tuple(ln.parameter for ln in data.lines), data.points
            cells = tuple(ln.cells for ln in data.lines)
        elif isinstance(data, ComparisonData):
            rows, columns, cells = data.arms, data.points, data.cells
        kind = (type(data).__name__, getattr(data, "by", ""))
        for row, own in zip(rows, cells, strict=True):
            for column, c in zip(columns, own, strict=True):
                found.add((kind, row, column, c.mean, c.n, c.suppressed))
    return found


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_row_order_does_not_matter(seed: int) -> None:
    for rows in (dated_rows(), alone_in_andet_dated()):
        shuffled = list(rows)
        random.Random(seed).shuffle(shuffled)
        assert content(data_charts(shuffled, MIN_COUNT)) == content(data_charts(rows, MIN_COUNT))
        line = progression(rows)
        assert progression(shuffled) == line  # one parameter: even the order is the same
        assert render(progression(shuffled), "da").caption == render(line, "da").caption


# Differencing --------------------------------------------------------------------------


def aligned_truth(rows: list[Measurement], bundle: list[ChartData]) -> list[Measurement]:
    """The rows of a file of dated courses as the attacker places them, from the periods
    the charts publish: a course's first day at START, each later day in the published
    period holding it, only the latest day of each (a day in no published period is in no
    cell). Worked out here, not with `charts.aligned`, for `disclosure_solver`."""
    periods = {p for data in bundle for p in getattr(data, "points", ()) if isinstance(p, Period)}
    truth = []
    for citizen, parameter in {(r.citizen, r.parameter) for r in rows}:
        own = [r for r in rows if (r.citizen, r.parameter) == (citizen, parameter)]
        first = min(r.point.day for r in own)
        at = []
        for r in own:
            days = (r.point.day - first).days
            holding = [p for p in periods if p.first <= days and (p.last is None or days <= p.last)]
            if days == 0 or holding:
                at.append((START if days == 0 else holding[0], r))
        for position, r in at:
            if r.point.day == max(s.point.day for q, s in at if q == position):
                truth.append(replace(r, point=position))
    return truth


def alone_in_andet_dated() -> list[Measurement]:
    """One citizen alone in sub-group "Andet" (start 1.0, 10.0 in 3-6 months), and one
    alone in the second year (B-07), next to twenty measured on their own dates."""
    rnd = random.Random(13)
    day = date(2024, 9, 1)
    rows = [
        m("A-1", 1.0, point=on(day), subgroup="Andet"),
        m("A-1", 10.0, point=on(day + timedelta(120)), subgroup="Andet"),
    ]
    for i in range(20):
        subgroup = "kvinde" if i % 2 else "mand"
        start = day + timedelta(days=rnd.randint(0, 120))
        offsets = [0, rnd.randint(31, 91), rnd.randint(92, 182)] + ([500] if i == 7 else [])
        for offset in offsets:
            value = round(rnd.uniform(3, 8), 1)
            point = on(start + timedelta(offset))
            rows.append(m(f"B-{i:02d}", value, point=point, subgroup=subgroup))
    return rows


def women_of_four_dated() -> list[Measurement]:
    """Women (4) hidden in the target group; progression shows all 24, what works the men."""
    rows = []
    for i in range(24):
        woman = i < 4
        own = {"subgroup": "kvinde" if woman else "mand"}
        start = date(2025, 1, 1) + timedelta(days=3 * i)
        later = on(start + timedelta(60))
        rows.append(m(f"B-{i:02d}", 9.0 if woman else 5.0, point=on(start), **own))
        rows.append(m(f"B-{i:02d}", 9.0 if woman else 6.0, point=later, **own))
    return rows


def generated_dated(seed: int) -> list[Measurement]:
    """Seeded: sub-groups of random size (one of 1 or 4 in some), two interventions, each
    citizen on their own dates with drop-outs, values at the scale's ends for some."""
    rnd = random.Random(seed)
    sizes = {"kvinde": rnd.randint(5, 12), "mand": 4 if seed % 3 == 0 else rnd.randint(3, 12)}
    if seed % 2 == 0:
        sizes["Andet"] = 1
    rows = []
    number = 0
    for subgroup, size in sizes.items():
        for _ in range(size):
            number += 1
            start = date(2024, 1, 1) + timedelta(days=rnd.randint(0, 200))
            own = {"subgroup": subgroup, "intervention": rnd.choice(ARMS)}
            extreme = rnd.random() < 0.25
            offset = 0
            for _ in range(rnd.randint(1, 5)):
                value = rnd.choice((1.0, 10.0)) if extreme else round(rnd.uniform(2, 8), 1)
                point = on(start + timedelta(offset))
                rows.append(m(f"B-{number:03d}", value, point=point, **own))
                offset += rnd.randint(20, 150)
    return rows


CASES = {"alone_in_andet_dated": alone_in_andet_dated, "women_of_four_dated": women_of_four_dated}


@pytest.mark.parametrize("case", CASES)
def test_a_dated_bundle_gives_no_one_away(case: str) -> None:
    rows = CASES[case]()
    bundle = data_charts(rows, MIN_COUNT)
    assert any(isinstance(c, ComparisonData) for c in bundle)  # what works is drawn
    truth = aligned_truth(rows, bundle)
    assert violations(bundle, truth, MIN_COUNT) == []
    assert hidden_small(bundle, truth, MIN_COUNT) > 0  # the small cells are there, hidden
    for data in bundle:
        chart = render(data, "da")
        assert "n=1)" not in chart.alt_text and "n=4)" not in chart.alt_text


def test_the_lone_citizens_are_hidden_where_they_would_show() -> None:
    bundle = data_charts(alone_in_andet_dated(), MIN_COUNT)
    (line,) = [c for c in bundle if isinstance(c, ProgressionData)]
    second_year = line.points.index(Period(366, 730))
    assert line.lines[0].cells[second_year].suppressed  # B-07 alone in the second year
    (target,) = [c for c in bundle if isinstance(c, TargetGroupData)]
    andet = target.subgroups.index("Andet")
    assert all(c.mean is None for c in target.cells[andet])


@pytest.mark.parametrize("seed", range(12))
def test_generated_dated_bundles_give_nothing_away(seed: int) -> None:
    """As the bot sends them: a step's or a preparation DM's charts, and "since last"."""
    rows = generated_dated(seed)
    signs = (f"{TRIVSEL} ved slut",)
    for bundle in (
        data_charts(rows, MIN_COUNT),
        sign_charts(rows, signs, datetime(2023, 1, 1), MIN_COUNT),
    ):
        assert violations(bundle, aligned_truth(rows, bundle), MIN_COUNT) == []
