"""Benchmark: peak memory of a measurement import at and above the row limit.

    python bench/import_memory.py [--quick] [--limit 100000] [--keep DIR]

It writes four files of valid Danish measurement rows (the importer's own columns:
borger, undergruppe, indsats, parameter, målepunkt, værdi, skala, måltype,
målopfyldelse, år), a CSV and an XLSX with `--limit` rows (at the limit) and with
twice as many (above it). Each file is read in a fresh Python process, twice:

* ours: the production path, `bot.data_import.read_file(..., max_rows=limit)` (read,
  check, validate; what the CLI and the chat adapters run before storing);
* bare: the same bytes read and thrown away row by row with nothing else loaded, by
  openpyxl in read-only mode (XLSX) or the csv module (CSV); the floor any import
  of that file pays, in the same run.

Each child reports its peak resident memory (`resource.getrusage` ru_maxrss), which
includes the interpreter and the modules it imported (ours imports the flows, pydantic
and matplotlib through `charts`; the bare one only openpyxl or csv), and the time it
took. One more child stores the at-limit CSV with `bot.data_import.import_file` into
a fresh SQLite database (migrated beforehand by the parent): the whole import, with
SQLAlchemy loaded too, for reference (no target).

Targets: at the limit, every peak of ours under 150 MB; above the limit, every file
refused (with `import.error.too_many_rows`). `--quick` uses a limit of 10,000 rows: a
smoke run, whose targets say nothing about the real limit. The exit code is 0 either
way (the figures depend on the machine). Never run by the test suite.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TARGET_PEAK_MB = 150.0
HEADER = ["borger", "undergruppe", "indsats", "parameter", "målepunkt", "værdi", "skala",
          "måltype", "målopfyldelse", "år"]  # fmt: skip
PARAMETERS = ("Psykisk trivsel", "Sociale kompetencer", "Familierelationer", "Skolegang")
POINTS = ("start", "1. opfølgning", "2. opfølgning", "slut", "et år efter")


# The files ---------------------------------------------------------------------------


def rows(count: int) -> Iterator[list[object]]:
    """`count` valid rows: 4 parameters x 5 points per citizen, values on a 1-10 scale."""
    made = 0
    citizen = 0
    while made < count:
        citizen += 1
        for parameter in PARAMETERS:
            for k, point in enumerate(POINTS):
                if made == count:
                    return
                made += 1
                attained = ("nået", "ingen udvikling")[citizen % 2] if point == "slut" else ""
                yield [f"B-{citizen:06d}", ("kvinde", "mand")[citizen % 2], "Familiebehandling",
                       parameter, point, (citizen + k) % 9 + 1.5, "1-10", "progression",
                       attained, 2024]  # fmt: skip


def write_csv(path: Path, count: int) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        writer.writerow(HEADER)
        for row in rows(count):
            row[5] = str(row[5]).replace(".", ",")  # Danish Excel: decimal comma
            writer.writerow(row)


def write_xlsx(path: Path, count: int) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(HEADER)
    for row in rows(count):
        sheet.append(row)
    book.save(path)


# The children --------------------------------------------------------------------------


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def child_ours(path: Path, limit: int) -> dict[str, object]:
    from bot.data_import import read_file

    if path.suffix == ".xlsx":
        import openpyxl  # noqa: F401  (loaded before the import starts, as in the bare child)
    data = path.read_bytes()
    loaded = peak_mb()
    began = time.perf_counter()
    read = read_file(group_id=1, data=data, filename=path.name, actor="bench", lang="en",
                     max_rows=limit)  # fmt: skip
    took = time.perf_counter() - began
    stored = len(read.command.measurements) if read.command else 0
    return {"peak": peak_mb(), "loaded": loaded, "seconds": took, "rows": stored,
            "outcome": read.summary.key}  # fmt: skip


def child_bare(path: Path) -> dict[str, object]:
    data = path.read_bytes()
    if path.suffix == ".xlsx":
        from openpyxl import load_workbook

        loaded = peak_mb()
        began = time.perf_counter()
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        count = sum(1 for _ in book.worksheets[0].iter_rows(values_only=True))
        book.close()
    else:
        loaded = peak_mb()
        began = time.perf_counter()
        text = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig", newline="")
        count = sum(1 for _ in csv.reader(text, delimiter=";"))
    took = time.perf_counter() - began
    return {"peak": peak_mb(), "loaded": loaded, "seconds": took, "rows": count - 1,
            "outcome": "read"}  # fmt: skip


def child_stored(path: Path, limit: int, database: Path) -> dict[str, object]:
    from bot.data_import import import_file
    from bot.dispatch import SystemClock
    from flows import service
    from flows.commands import OPERATOR_ACTOR, CreateGroup
    from flows.model import Level
    from storage.database import make_engine, session_factory
    from storage.unit_of_work import SqlUnitOfWork

    engine = make_engine(f"sqlite:///{database}")  # migrated by the parent
    clock = SystemClock()
    group = CreateGroup(actor="lea", name="Bench", level=Level.OFFER, leader=("lea", "Lea"),
                        participants=(("ali", "Ali"),))  # fmt: skip
    service.run(group, SqlUnitOfWork(session_factory(engine)), clock)
    data = path.read_bytes()
    loaded = peak_mb()
    began = time.perf_counter()
    outcome = import_file(lambda: SqlUnitOfWork(session_factory(engine)), clock, group_id=1,
                          data=data, filename=path.name, actor=OPERATOR_ACTOR, lang="en",
                          max_rows=limit)  # fmt: skip
    took = time.perf_counter() - began
    engine.dispose()
    return {"peak": peak_mb(), "loaded": loaded, "seconds": took, "rows": outcome.stored,
            "outcome": outcome.summary.key}  # fmt: skip


def run_child(*args: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child", *args],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(f"child {args} failed:\n{done.stderr}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


# The run -------------------------------------------------------------------------------


def verdict(ok: bool, yes: str = "met", no: str = "MISSED") -> str:
    return yes if ok else no


def bench(folder: Path, limit: int) -> None:
    print(f"Import memory: limit {limit:,} rows, peak RSS of a fresh process per case")
    files: dict[tuple[str, str], Path] = {}
    for kind, count in (("at", limit), ("above", 2 * limit)):
        for suffix, write in ((".csv", write_csv), (".xlsx", write_xlsx)):
            path = folder / f"maalinger-{count}{suffix}"
            began = time.perf_counter()
            write(path, count)
            files[kind, suffix] = path
            print(f"  wrote {path.name} ({count:,} rows, {path.stat().st_size / 1e6:.1f} MB)"
                  f" in {time.perf_counter() - began:.1f} s")  # fmt: skip
    print(f"\n{'case':<22}{'ours MB':>9}{'bare MB':>9}{'ratio':>7}{'ours s':>8}{'bare s':>8}"
          f"{'  loaded MB (ours/bare)':>24}  outcome")  # fmt: skip
    at_limit: list[float] = []
    refused: list[bool] = []
    for (kind, suffix), path in files.items():
        ours = run_child("ours", str(path), str(limit))
        bare = run_child("bare", str(path))
        name = f"{suffix[1:]} {kind} the limit"
        print(f"{name:<22}{ours['peak']:>9.1f}{bare['peak']:>9.1f}"
              f"{ours['peak'] / bare['peak']:>7.2f}{ours['seconds']:>8.1f}{bare['seconds']:>8.1f}"
              f"{ours['loaded']:>12.1f} / {bare['loaded']:<9.1f}"
              f"  {ours['outcome']} ({ours['rows']:,} rows)")  # fmt: skip
        if kind == "at":
            at_limit.append(ours["peak"])
        else:
            refused.append(ours["outcome"] == "import.error.too_many_rows")
    from storage.database import upgrade

    upgrade(f"sqlite:///{folder / 'bench.db'}")
    stored = run_child("stored", str(files["at", ".csv"]), str(limit), str(folder / "bench.db"))
    print(f"\nStored with import_file into SQLite (csv at the limit, for reference): peak "
          f"{stored['peak']:.1f} MB (loaded {stored['loaded']:.1f} MB), "
          f"{stored['seconds']:.1f} s, {stored['outcome']} ({stored['rows']:,} rows)")  # fmt: skip
    print(
        f"\nat the limit: peak under {TARGET_PEAK_MB:.0f} MB: "
        f"{verdict(max(at_limit) < TARGET_PEAK_MB)} (highest {max(at_limit):.1f} MB)"
    )
    print(f"above the limit: refused: {verdict(all(refused), 'yes', 'no')}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="a 10,000-row limit: a smoke run")
    parser.add_argument("--limit", type=int, default=100_000, help="the row limit to test")
    parser.add_argument("--keep", type=Path, help="write the files here and keep them")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    if args.child:
        role, path, *rest = args.child
        if role == "ours":
            report = child_ours(Path(path), int(rest[0]))
        elif role == "stored":
            report = child_stored(Path(path), int(rest[0]), Path(rest[1]))
        else:
            report = child_bare(Path(path))
        print(json.dumps(report))
        return 0
    limit = 10_000 if args.quick else args.limit
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        bench(args.keep, limit)
    else:
        with tempfile.TemporaryDirectory() as folder:
            bench(Path(folder), limit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
