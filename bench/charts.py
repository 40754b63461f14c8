"""Benchmark: chart rendering, the chart cache and measurement import.

Run as `python bench/charts.py`. For each chart kind it prints our median render
time (draw + PNG + captions) next to a bare matplotlib bar chart of the same
pixel size saved as PNG in the same run (the two alternate, run by run), and the
ratio; then a cache hit, and
the import of a valid 10,000-row Danish CSV next to a bare `csv.reader` pass over
the same bytes. Each target is reported as met or missed; the exit code is 0
either way (timings depend on the machine).

Targets: each kind within 2x of the bare chart and under 250 ms; a cache hit
under 5 ms; the 10,000-row import under 2 s.
"""

from __future__ import annotations

import csv
import io
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from matplotlib.figure import Figure

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
from charts.style import DPI, FIGSIZE

RUNS = 21
TARGET_RATIO = 2.0
TARGET_RENDER_S = 0.250
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


def bare_bar_chart() -> bytes:
    """The baseline: a plain bar chart, Figure API, same pixel size, saved as PNG."""
    fig = Figure(figsize=FIGSIZE, dpi=DPI)
    ax = fig.add_subplot()
    ax.bar(["a", "b", "c", "d"], [4.2, 5.1, 3.8, 6.0])
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


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


def main() -> int:
    data = fictitious_measurements()
    charts = {
        "target_group": target_group(data, "Psykisk trivsel"),
        "goal_attainment": goal_attainment(data),
        "progression": progression(data),
        "progression (citizen)": progression(data, citizen="B-001"),
        "what_works": what_works(data, "Psykisk trivsel"),
        "preparation": preparation_status([("Ali", True), ("Lea", True), ("Dina", False)]),
        "votes": theme_votes([("Frafald", 4), ("Flere samtaler", 6), ("Bedre data", 2)]),
    }
    for chart in charts.values():  # warm up fonts and caches once
        render(chart, "da")
    bare_bar_chart()

    print(f"Chart rendering, median of {RUNS} runs (1000x600 px PNG, Danish)")
    target = f"target (<{TARGET_RATIO:g}x, <{TARGET_RENDER_S * 1000:.0f} ms)"
    print(f"{'kind':<24}{'ours ms':>9}{'bare ms':>9}{'ratio':>7}  {target}")
    for name, chart in charts.items():
        ours, bare = paired_medians(lambda chart=chart: render(chart, "da"), bare_bar_chart)
        ratio = ours / bare
        ok = ratio <= TARGET_RATIO and ours < TARGET_RENDER_S
        print(f"{name:<24}{ours * 1000:>9.1f}{bare * 1000:>9.1f}{ratio:>7.2f}  {verdict(ok)}")

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
