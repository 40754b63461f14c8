"""Benchmark: the time of a measurement import against a bare read of the same file.

    python bench/imports.py [--rounds 3] [--sizes 10000,50000,200000] [--keep DIR]

It writes, deterministically (same bytes every run), a CSV (Danish Excel: `;`, decimal
commas, UTF-8 with BOM) and an XLSX (shared strings, numbers as numbers) with 10,000,
50,000 and 200,000 valid data rows in the importer's own columns. Each file is read in
a fresh Python process per round, by

* ours: `charts.read_measurements(data, name, max_rows=...)` with a limit above the
  file's rows (the setting's default is 100,000): find the encoding, delimiter, header
  and sheet; check every cell for CPR numbers; validate every row into a measurement;
* bare: the same bytes read and thrown away row by row, nothing else done: `csv.reader`
  over the decoded text (the CSV), `python_calamine` loading the workbook and iterating
  the sheet's rows (the XLSX). The floor any import of that file pays, in the same run.

Each round runs every case once, bare then ours, so a burst of load on the machine (other
processes) hits one round of every case rather than every round of one; the table shows
the median wall-clock seconds of each, their ratio, µs per data row, the median CPU
seconds of ours and its ratio to bare's (less sensitive to other processes), and the
peak resident memory of ours
(`resource.getrusage` ru_maxrss of its process: the interpreter and what `charts`
imports, matplotlib included, plus the import itself; the bare child loads only
`csv` or `python_calamine`).

Targets: a 50,000-row CSV under 1 s and a 50,000-row XLSX under 3 s (ours), and cost per
row that does not grow with the file: 50,000 rows within 6x the time of 10,000. The exit
code is 0 either way (the figures depend on the machine). Never run by the test suite.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
# Run as `python bench/imports.py`, this folder comes first on the path, and its
# charts.py would hide the `charts` package.
sys.path[0:0] = [str(ROOT)]

from bench.import_memory import HEADER, rows, write_csv  # the same valid rows  # noqa: E402

TARGETS = {"csv": 1.0, "xlsx": 3.0}  # seconds for 50,000 rows
GROWTH = 6.0  # 50,000 rows within this many times the time of 10,000


# The files ---------------------------------------------------------------------------


_OOXML = "application/vnd.openxmlformats"
_SHEET_ML = f"{_OOXML}-officedocument.spreadsheetml"
_PACKAGE = "http://schemas.openxmlformats.org/package/2006"
_RELATION = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_CONTENT_TYPES = (
    f'{_XML}<Types xmlns="{_PACKAGE}/content-types">'
    f'<Default Extension="rels" ContentType="{_OOXML}-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{_SHEET_ML}.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    f'ContentType="{_SHEET_ML}.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    f'ContentType="{_SHEET_ML}.sharedStrings+xml"/>'
    "</Types>"
)
_RELS = (
    f'{_XML}<Relationships xmlns="{_PACKAGE}/relationships">'
    f'<Relationship Id="rId1" Type="{_RELATION}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WORKBOOK = (
    f'{_XML}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    f'xmlns:r="{_RELATION}">'
    '<sheets><sheet name="Målinger" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    f'{_XML}<Relationships xmlns="{_PACKAGE}/relationships">'
    f'<Relationship Id="rId1" Type="{_RELATION}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{_RELATION}/sharedStrings" Target="sharedStrings.xml"/>'
    "</Relationships>"
)
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _column(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def write_xlsx(path: Path, count: int) -> None:
    """A minimal XLSX as Excel writes one: text in the shared-strings table, numbers as
    numbers; fixed zip timestamps, so the bytes are the same every run."""
    strings: dict[str, int] = {}
    sheet = io.StringIO()
    sheet.write(f'{_XML}<worksheet xmlns="{_MAIN}"><sheetData>')
    for number, cells in enumerate([HEADER, *rows(count)], start=1):
        sheet.write(f'<row r="{number}">')
        for at, cell in enumerate(cells):
            ref = f"{_column(at)}{number}"
            if isinstance(cell, str):
                if cell:
                    index = strings.setdefault(cell, len(strings))
                    sheet.write(f'<c r="{ref}" t="s"><v>{index}</v></c>')
            else:
                sheet.write(f'<c r="{ref}"><v>{cell}</v></c>')
        sheet.write("</row>")
    sheet.write("</sheetData></worksheet>")
    shared = "".join(f"<si><t>{escape(s)}</t></si>" for s in strings)
    parts = {
        "[Content_Types].xml": _CONTENT_TYPES,
        "_rels/.rels": _RELS,
        "xl/workbook.xml": _WORKBOOK,
        "xl/_rels/workbook.xml.rels": _WORKBOOK_RELS,
        "xl/sharedStrings.xml": f'{_XML}<sst xmlns="{_MAIN}" count="{len(strings)}" '
        f'uniqueCount="{len(strings)}">{shared}</sst>',
        "xl/worksheets/sheet1.xml": sheet.getvalue(),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            book.writestr(info, text.encode("utf-8"))


# The children --------------------------------------------------------------------------


def peak_mb() -> float:
    """This process's peak resident memory. Linux's `VmHWM` belongs to the program's own
    memory map; `ru_maxrss` carries the parent's peak across fork and exec, so a child of
    a parent that wrote a 200,000-row file reported that file's peak."""
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # kB
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def child_ours(path: Path, limit: int) -> dict[str, object]:
    from charts import read_measurements

    data = path.read_bytes()
    loaded = peak_mb()
    began, cpu = time.perf_counter(), time.process_time()
    result = read_measurements(data, path.name, max_rows=limit)
    took, cpu = time.perf_counter() - began, time.process_time() - cpu
    return {"seconds": took, "cpu": cpu, "peak": peak_mb(), "loaded": loaded,
            "rows": len(result.measurements), "errors": result.error_count,
            "refused": result.refused is not None}  # fmt: skip


def child_bare(path: Path) -> dict[str, object]:
    data = path.read_bytes()
    if path.suffix == ".xlsx":
        from python_calamine import CalamineWorkbook

        loaded = peak_mb()
        began, cpu = time.perf_counter(), time.process_time()
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        count = sum(1 for _ in book.get_sheet_by_index(0).iter_rows())
    else:
        loaded = peak_mb()
        began, cpu = time.perf_counter(), time.process_time()
        text = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig", newline="")
        count = sum(1 for _ in csv.reader(text, delimiter=";"))
    took, cpu = time.perf_counter() - began, time.process_time() - cpu
    return {"seconds": took, "cpu": cpu, "peak": peak_mb(), "loaded": loaded, "rows": count - 1,
            "errors": 0, "refused": False}  # fmt: skip


def run_child(*args: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child", *args],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(f"child {args} failed:\n{done.stderr}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


# The run -------------------------------------------------------------------------------


Case = tuple[str, int]


def summed(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The median seconds (wall and CPU) of the runs, and their highest peak."""
    return {**runs[0], "seconds": statistics.median(r["seconds"] for r in runs),
            "cpu": statistics.median(r["cpu"] for r in runs),
            "peak": max(r["peak"] for r in runs)}  # fmt: skip


def run_rounds(paths: dict[Case, Path], rounds: int, limit: int) -> dict[str, dict[Case, Any]]:
    """Every case once per round, bare then ours (round-robin: a burst of load on the
    machine hits one round of every case); the medians per case."""
    runs: dict[tuple[str, Case], list[dict[str, Any]]] = {}
    for _ in range(rounds):
        for case, path in paths.items():
            runs.setdefault(("bare", case), []).append(run_child("bare", str(path)))
            runs.setdefault(("ours", case), []).append(run_child("ours", str(path), str(limit)))
    return {who: {case: summed(runs[who, case]) for case in paths} for who in ("ours", "bare")}


def print_table(found: dict[str, dict[Case, Any]]) -> None:
    print(f"\n{'case':<14}{'ours s':>8}{'bare s':>8}{'ratio':>7}{'µs/row':>8}"
          f"{'bare µs/row':>12}{'ours cpu s':>12}{'cpu ratio':>10}{'ours MB':>9}"
          f"{'bare MB':>9}  rows imported")  # fmt: skip
    for (kind, size), ours in found["ours"].items():
        bare = found["bare"][kind, size]
        wrong = " (ERRORS)" if ours["errors"] or ours["refused"] else ""
        print(f"{kind + ' ' + format(size, ','):<14}{ours['seconds']:>8.3f}"
              f"{bare['seconds']:>8.3f}{ours['seconds'] / bare['seconds']:>7.1f}"
              f"{ours['seconds'] / size * 1e6:>8.1f}{bare['seconds'] / size * 1e6:>12.2f}"
              f"{ours['cpu']:>12.3f}{ours['cpu'] / bare['cpu']:>10.1f}"
              f"{ours['peak']:>9.1f}{bare['peak']:>9.1f}  {ours['rows']:,}{wrong}")  # fmt: skip


def print_targets(ours: dict[Case, Any]) -> None:
    print()
    for kind, target in TARGETS.items():
        if (kind, 50_000) in ours:
            took, cpu = ours[kind, 50_000]["seconds"], ours[kind, 50_000]["cpu"]
            met = "met" if took < target else "MISSED"
            print(f"target {kind} 50,000 rows under {target:g} s: {took:.3f} s "
                  f"(CPU {cpu:.3f} s), {met}")  # fmt: skip
        if (kind, 10_000) in ours and (kind, 50_000) in ours:
            small, large = ours[kind, 10_000], ours[kind, 50_000]
            wall, cpu = large["seconds"] / small["seconds"], large["cpu"] / small["cpu"]
            met = "met" if wall <= GROWTH else "MISSED"
            print(f"target {kind} 50,000 rows within {GROWTH:g}x the time of 10,000: "
                  f"{wall:.2f}x (CPU {cpu:.2f}x), {met}")  # fmt: skip


def bench(folder: Path, sizes: list[int], rounds: int) -> None:
    limit = max(sizes) + 1
    print(f"Import speed: ours (charts.read_measurements, max_rows={limit:,}) against a "
          f"bare read of the same file; medians of {rounds} rounds, "
          "a fresh process per run")  # fmt: skip
    paths: dict[Case, Path] = {}
    for kind, write in (("csv", write_csv), ("xlsx", write_xlsx)):
        for size in sizes:
            paths[kind, size] = folder / f"maalinger-{size}.{kind}"
            if not paths[kind, size].exists():
                write(paths[kind, size], size)
    found = run_rounds(paths, rounds, limit)
    print_table(found)
    print_targets(found["ours"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--sizes", default="10000,50000,200000")
    parser.add_argument("--keep", type=Path, help="write the files here and keep them")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        role, path, *rest = args.child
        found = child_ours(Path(path), int(rest[0])) if role == "ours" else child_bare(Path(path))
        print(json.dumps(found))
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        bench(args.keep, sizes, args.rounds)
    else:
        with tempfile.TemporaryDirectory() as folder:
            bench(Path(folder), sizes, args.rounds)


if __name__ == "__main__":
    main()
