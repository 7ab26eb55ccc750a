"""Full ingest of the shared workbook against a bare openpyxl read-only pass over the same cells.

    python -m benchmarks.ingest [WORKBOOK]

Prints both times and their ratio (goal: at most 1.5x). Both run in this process, alternately,
so a busy machine slows both alike; the best of several rounds is compared.
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import openpyxl

from papi_analysis.ingest import ingest

ROUNDS = 5
DEFAULT_WORKBOOK = Path(__file__).resolve().parent.parent.parent / "shared" / "papi" / "published" / "PAPI-2015-2023.xlsx"


def bare_read(path: Path) -> int:
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    cells = sum(1 for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for _ in row)
    book.close()
    return cells


def full_ingest(path: Path, folder: Path, round_number: int) -> None:
    ingest([path], folder / f"bench-{round_number}.duckdb")


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_WORKBOOK
    bare, ours = [], []
    with tempfile.TemporaryDirectory() as folder:
        full_ingest(path, Path(folder), -1)  # warm imports and caches for both
        cells = bare_read(path)
        for round_number in range(ROUNDS):
            start = time.perf_counter()
            bare_read(path)
            bare.append(time.perf_counter() - start)
            start = time.perf_counter()
            full_ingest(path, Path(folder), round_number)
            ours.append(time.perf_counter() - start)
    print(f"workbook: {path.name}, {cells:,} cells")
    print(f"bare openpyxl read-only pass: {min(bare):.3f} s (best of {ROUNDS})")
    print(f"full ingest into DuckDB:      {min(ours):.3f} s (best of {ROUNDS})")
    print(f"ratio ingest / bare read: {min(ours) / min(bare):.2f}x (goal <= 1.5x)")


if __name__ == "__main__":
    main()
