"""Benchmark: chart rendering, the chart cache and measurement import.

Run as `python bench/charts.py`. For each chart kind it prints our median render
time (draw + PNG + alt text and caption) next to a bare matplotlib chart of the
same size saved as PNG in the same run (the two alternate, run by run), and the
ratio; then a cache hit, and the import of a valid 10,000-row Danish CSV next to a
bare `csv.reader` pass over the same bytes. Each target is reported as met or
missed; the exit code is 0 either way (timings depend on the machine).

Every kind is timed twice: with short names, and with the long Danish names real
files have (labels wrapped and hyphenated, figures growing taller).

The bare chart (bench/bare_chart.py) is built from an inventory of our own figure,
so that it does the same drawing work the plain way: the same pixel size, as many
bars (`ax.bar`, one call) and lines (`ax.plot`, as many points), the same tick
labels (`set_xticks`/`set_yticks`), and every other text of ours with its string,
size, weight and rotation (`fig.text`, so that the glyphs to render are the same);
legend swatches count as bars. It is saved with the same PNG settings as ours
(`charts.render.PNG_COMPRESS_LEVEL`), so the ratio measures what our layout,
styling and captions cost, not zlib. What it leaves out is what makes our chart
ours: measuring and wrapping the labels, placing them, the alt text and caption.

Targets: each kind within 1.5x of its bare chart; a cache hit under 5 ms; the
10,000-row import under 2 s.
"""

from __future__ import annotations

import csv
import io
import random
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bare_chart import bare_chart, inventory
from charts import (
    END,
    ONE_YEAR_AFTER,
    START,
    ChartCache,
    GoalAttainment,
    GoalType,
    Measurement,
    Scale,
    follow_up,
    goal_attainment,
    preparation_status,
    progression,
    read_measurements,
    render,
    target_group,
    theme_votes,
    what_works,
)
from charts.render import KINDS, ChartData, kind_of

RUNS = 21
TARGET_RATIO = 1.5
TARGET_HIT_S = 0.005
TARGET_IMPORT_S = 2.0
IMPORT_ROWS = 10_000

POINTS = (START, follow_up(1), follow_up(2), END, ONE_YEAR_AFTER)
PARAMETERS = ("Psykisk trivsel", "Sociale kompetencer", "Familierelationer", "Fritid og venskaber")


def fictitious_measurements(citizens: int = 60, seed: int = 7) -> list[Measurement]:
    rng = random.Random(seed)
    rows = []
    for c in range(citizens):
        subgroup = ("kvinde", "mand")[c % 2]
        intervention = ("Familiebehandling", "Netværksgruppe")[c % 3 == 0]
        goal = GoalType.STABILISATION if c % 4 == 0 else GoalType.PROGRESSION
        for parameter in PARAMETERS:
            level = rng.uniform(2, 6)
            for k, point in enumerate(POINTS):
                if c % 7 == 0 and k >= 3:
                    continue  # drop-outs
                attainment = None
                if point == END:
                    options = list(GoalAttainment)
                    if goal is GoalType.STABILISATION:
                        options = [GoalAttainment.REACHED, GoalAttainment.DETERIORATION]
                    attainment = rng.choice(options)
                value = round(min(10.0, level + k * rng.uniform(-0.3, 0.9)), 1)
                rows.append(
                    Measurement(
                        f"B-{c:03d}",
                        parameter,
                        point,
                        value,
                        2023 + c % 2,
                        subgroup,
                        intervention,
                        Scale(1, 10),
                        goal,
                        attainment,
                    )
                )
    return rows


def median_seconds(action: Callable[[], object], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def paired_medians(
    ours: Callable[[], object], bare: Callable[[], object], runs: int = RUNS
) -> tuple[float, float]:
    """Medians of `ours` and `bare`, run alternately so both see the same machine load."""
    mine, theirs = [], []
    for _ in range(runs):
        for action, times in ((ours, mine), (bare, theirs)):
            start = time.perf_counter()
            action()
            times.append(time.perf_counter() - start)
    return statistics.median(mine), statistics.median(theirs)


def import_csv(rows: int = IMPORT_ROWS) -> bytes:
    """A valid Danish-Excel CSV: semicolons, decimal commas, UTF-8 with BOM."""
    lines = ["borger;undergruppe;indsats;parameter;målepunkt;værdi;skala;måltype;målopfyldelse;år"]
    words = ("start", "1. opfølgning", "2. opfølgning", "slut", "et år efter")
    for i in range(rows):
        citizen, rest = divmod(i, len(words) * len(PARAMETERS))
        parameter, point = divmod(rest, len(words))
        attained = "nået" if point == 3 else ""
        value = f"{(i % 90) / 10 + 1:.1f}".replace(".", ",")
        lines.append(
            f"B-{citizen:04d};kvinde;Familiebehandling;{PARAMETERS[parameter]};{words[point]};"
            f"{value};1-10;progression;{attained};2024"
        )
    return ("\r\n".join(lines) + "\r\n").encode("utf-8-sig")


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


#: Long Danish names, as municipalities' own files have them (wrapped, hyphenated).
LONG_NAMES = {
    "Psykisk trivsel": "Psykisk trivsel og mestring af hverdagen",
    "Sociale kompetencer": "Sociale kompetencer og relationer til andre",
    "Familierelationer": "Familierelationer og samvær med børnene",
    "Fritid og venskaber": "Fritid, venskaber og deltagelse i fællesskaber",
    "kvinde": "Kvinder over 65 år med handicap",
    "mand": "Mænd med misbrug og psykisk sårbarhed",
    "Familiebehandling": "Familiebehandling med netværksinddragelse",
    "Netværksgruppe": "Multisystemisk terapi (MST) i hjemmet",
}
LONG_THEME = "Hvordan følger vi bedre op på borgere, der stopper i tilbuddet uden en {}. samtale?"


def long(name: str | None) -> str | None:
    return LONG_NAMES.get(name, name) if name else name


def with_long_names(rows: list[Measurement]) -> list[Measurement]:
    return [
        replace(
            m,
            parameter=LONG_NAMES.get(m.parameter, m.parameter),
            subgroup=long(m.subgroup),
            intervention=long(m.intervention),
        )
        for m in rows
    ]


def bench_charts() -> dict[str, ChartData]:
    data = fictitious_measurements()
    long = with_long_names(data)
    wellbeing = LONG_NAMES["Psykisk trivsel"]
    names = [f"{first} {last}" for first in ("Anne-Marie", "Mohammed Ali", "Karen Margrethe")
             for last in ("Søndergaard Kristensen", "Al-Hassan Jørgensen", "Bøgelund")]  # fmt: skip
    return {
        "target_group": target_group(data, "Psykisk trivsel"),
        "goal_attainment": goal_attainment(data),
        "progression": progression(data),
        "progression (citizen)": progression(data, citizen="B-001"),
        "what_works": what_works(data, "Psykisk trivsel"),
        "preparation": preparation_status([("Ali", True), ("Lea", True), ("Dina", False)]),
        "votes": theme_votes([("Frafald", 4), ("Flere samtaler", 6), ("Bedre data", 2)]),
        "target_group (long)": target_group(long, wellbeing),
        "goal_attainment (long)": goal_attainment(long),
        "progression (long)": progression(long),
        "what_works (long)": what_works(long, wellbeing, points=POINTS),
        "preparation (long)": preparation_status((n, k % 3 > 0) for k, n in enumerate(names)),
        "votes (long)": theme_votes((LONG_THEME.format(k), k % 4) for k in range(1, 9)),
    }


def main() -> int:
    charts = bench_charts()
    stocks = {}
    for name, chart in charts.items():  # warm up fonts and caches once
        render(chart, "da")
        stocks[name] = inventory(KINDS[kind_of(chart)].draw(chart, "da"))
        bare_chart(stocks[name])

    print(f"Chart rendering, median of {RUNS} runs (PNG 1000 px wide, Danish)")
    target = f"target (<{TARGET_RATIO:g}x the bare chart)"
    print(f"{'kind':<24}{'px':>10}{'ours ms':>9}{'bare ms':>9}{'ratio':>7}  {target}")
    for name, chart in charts.items():
        stock = stocks[name]
        ours, bare = paired_medians(
            lambda chart=chart: render(chart, "da"), lambda stock=stock: bare_chart(stock)
        )
        ratio = ours / bare
        size = f"{stock.size[0] * stock.dpi:.0f}x{stock.size[1] * stock.dpi:.0f}"
        print(
            f"{name:<24}{size:>10}{ours * 1000:>9.1f}{bare * 1000:>9.1f}{ratio:>7.2f}  "
            f"{verdict(ratio <= TARGET_RATIO)}"
        )

    cache = ChartCache()
    cached = charts["goal_attainment"]
    cache.get(cached, "da")
    hit = median_seconds(lambda: cache.get(cached, "da"), runs=200)
    print(
        f"\nCache hit (goal_attainment): {hit * 1000:.3f} ms  "
        f"target <{TARGET_HIT_S * 1000:.0f} ms: {verdict(hit < TARGET_HIT_S)}"
    )

    raw = import_csv()
    result = read_measurements(raw, "maalinger.csv")
    assert result.ok and len(result.measurements) == IMPORT_ROWS, result.error_lines(3)
    ours = median_seconds(lambda: read_measurements(raw, "maalinger.csv"), runs=3)
    bare = median_seconds(
        lambda: list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";")), runs=3
    )
    print(
        f"Import of {IMPORT_ROWS:,} CSV rows: {ours * 1000:.0f} ms (bare csv.reader "
        f"{bare * 1000:.1f} ms, ratio {ours / bare:.0f}x)  target <2 s: "
        f"{verdict(ours < TARGET_IMPORT_S)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
