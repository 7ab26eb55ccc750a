"""The ingest against bare reads of the same workbook, twice:

1. as whole processes, imports included, as a user runs them: `python -m papi_analysis ingest
   WORKBOOK --db NEW.duckdb` against `python -c "<every cell read>"`, with python-calamine (the reader the
   ingest itself uses: what the ingest adds to reading) and with openpyxl in read-only mode (what a Python
   tool reading the workbook would cost; goal: at most 2.0x);
2. inside this process, imports excluded (for reference: where the time goes once Python is running).

    python -m benchmarks.ingest [WORKBOOK]

Each pair runs alternately, so a busy machine slows both alike; the best of several rounds is compared.
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import openpyxl

from papi_analysis.ingest import ingest

ROUNDS = 5
ROOT = Path(__file__).resolve().parent.parent
DEFAULT_WORKBOOK = ROOT.parent / "shared" / "papi" / "published" / "PAPI-2015-2023.xlsx"
BARE_READS = {
    "openpyxl": ("import openpyxl, sys\n"
                 "book = openpyxl.load_workbook(sys.argv[1], read_only=True, data_only=True)\n"
                 "print(sum(1 for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for _ in row))"),
    "python-calamine": ("import python_calamine, sys\n"
                        "book = python_calamine.CalamineWorkbook.from_path(sys.argv[1])\n"
                        "print(sum(len(row) for name in book.sheet_names\n"
                        "          for row in book.get_sheet_by_name(name).to_python(skip_empty_area=False)))"),
}


def bare_read(path: Path) -> int:
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    cells = sum(1 for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for _ in row)
    book.close()
    return cells


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def whole_processes(path: Path, folder: Path) -> tuple[dict[str, float], float]:
    bare: dict[str, list[float]] = {name: [] for name in BARE_READS}
    ours = []
    for round_number in range(ROUNDS + 1):  # the first round warms the disk cache for all
        for name, script in BARE_READS.items():
            bare[name].append(timed([sys.executable, "-c", script, str(path)]))
        ours.append(timed([sys.executable, "-m", "papi_analysis", "ingest", str(path),
                           "--db", str(folder / f"process-{round_number}.duckdb")]))
    return {name: min(times[1:]) for name, times in bare.items()}, min(ours[1:])


def in_process(path: Path, folder: Path) -> tuple[float, float]:
    bare, ours = [], []
    ingest([path], folder / "warm.duckdb")  # warm imports and caches for both
    bare_read(path)
    for round_number in range(ROUNDS):
        start = time.perf_counter()
        bare_read(path)
        bare.append(time.perf_counter() - start)
        start = time.perf_counter()
        ingest([path], folder / f"bench-{round_number}.duckdb")
        ours.append(time.perf_counter() - start)
    return min(bare), min(ours)


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_WORKBOOK
    with tempfile.TemporaryDirectory() as folder:
        process_bare, process_ours = whole_processes(path, Path(folder))
        inner_bare, inner_ours = in_process(path, Path(folder))
    print(f"workbook: {path.name}, {bare_read(path):,} cells; best of {ROUNDS} rounds each")
    print(f"whole process, imports included: `papi_analysis ingest` into a new database {process_ours:.3f} s")
    for name, seconds in process_bare.items():
        goal = " (goal <= 2.0x)" if name == "openpyxl" else " (what the ingest adds to its own reader)"
        print(f"  against a bare {name} read {seconds:.3f} s: {process_ours / seconds:.2f}x{goal}")
    print(f"in this process, imports excluded: openpyxl read {inner_bare:.3f} s, ingest {inner_ours:.3f} s")
    print(f"  ratio ingest / bare read: {inner_ours / inner_bare:.2f}x")


if __name__ == "__main__":
    main()
