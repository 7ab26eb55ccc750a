"""Shared fixtures: the real published workbook and the third-party compilation from ../shared,
ingested once per run, as the bundled dataset is."""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import openpyxl
import pytest

from papi_analysis.ingest import ingest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "papi"
WORKBOOK = SHARED / "published" / "PAPI-2015-2023.xlsx"
COMPILATION = SHARED / "third-party" / "ml-mcdm"


def file_digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.fixture(scope="session")
def workbook() -> Path:
    if not WORKBOOK.exists():
        pytest.fail(f"the shared workbook is missing at {WORKBOOK}; CI clones the project beside ../shared")
    return WORKBOOK


@pytest.fixture(scope="session")
def ingested(tmp_path_factory, workbook):
    """(database path, ingest report) for the real workbook and the compilation (2020, 2021, 2024)."""
    db = tmp_path_factory.mktemp("db") / "papi.duckdb"
    report = ingest([workbook, COMPILATION], db)
    return db, report


@pytest.fixture
def ingested_copy(ingested, tmp_path) -> Path:
    """A private copy of the ingested database that a test may change."""
    copy = tmp_path / "papi.duckdb"
    shutil.copyfile(ingested[0], copy)
    return copy


@pytest.fixture(scope="session")
def sheet_files(tmp_path_factory, workbook) -> dict[str, Path]:
    """Single-sheet copies of the real workbook ('2017', '2019', '2022'), for mutation tests."""
    folder = tmp_path_factory.mktemp("sheets")
    files = {}
    for keep in ("2017", "2019", "2022"):
        book = openpyxl.load_workbook(workbook)
        for name in book.sheetnames:
            if name != keep:
                del book[name]
        files[keep] = folder / f"papi-{keep}.xlsx"
        book.save(files[keep])
    return files


def mutate(source: Path, target: Path, sheet: str, changes: dict[str, object]) -> Path:
    """A copy of `source` with cells of `sheet` set to new values (None clears a cell)."""
    book = openpyxl.load_workbook(source)
    for cell, value in changes.items():
        book[sheet][cell] = value
    book.save(target)
    return target


@pytest.fixture(scope="session")
def panel(ingested):
    import duckdb

    from papi_analysis.analysis import Panel
    con = duckdb.connect(str(ingested[0]), read_only=True)
    try:
        return Panel.load(con)
    finally:
        con.close()
