"""Shared fixtures: the real published workbook and the third-party compilation from ../shared,
ingested once per run, as the bundled dataset is."""
from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import openpyxl
import pytest

from papi_analysis.ingest import ingest
from papi_analysis.provinces import match_province

# Faults shown by Streamlit, as a developer wants them, where readers get a sentence (app.py).
os.environ.setdefault("PAPI_DEBUG", "1")
ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "papi"
WORKBOOK = SHARED / "published" / "PAPI-2015-2023.xlsx"
COMPILATION = SHARED / "third-party" / "ml-mcdm"
VIETNAMDATA = SHARED / "third-party" / "vietnamdata"  # 2011-2016, the bundled source of 2011-2014


def require_haproxy() -> None:
    """Skip where HAProxy is not installed (CI fails instead: it installs it)."""
    from dashboard.server import HAPROXY
    if HAPROXY is None:
        if os.environ.get("CI"):
            pytest.fail("HAProxy is missing: .ci/run installs Debian's haproxy package")
        pytest.skip("HAProxy is not installed (apt-get install haproxy)")


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


@pytest.fixture(scope="session")
def bundled_sources(tmp_path_factory, workbook) -> Path:
    """A database ingested from every source of the bundled dataset in data/ (2011-2024)."""
    db = tmp_path_factory.mktemp("bundled-sources") / "papi.duckdb"
    ingest([workbook, COMPILATION, VIETNAMDATA], db)
    return db


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


def build_2025_workbook(path: Path, blank_unit: str = "Cao Bằng") -> Path:
    """A 2025 table in the official one-indicator-per-row layout naming the 34 units, with their 2025 codes
    in its `Mã tỉnh` row: the real 2023 sheet, each unit's column filled with the 2023 figures of the
    province whose capital it kept (a stand-in: no 2025 results are published here), one unit left blank."""
    from papi_analysis.units import UNITS
    source = openpyxl.load_workbook(WORKBOOK, read_only=True)["2023"]
    rows = [list(row) for row in source.iter_rows(values_only=True)]
    by_name = {}
    for j, name in enumerate(rows[1]):
        province = match_province(name) if isinstance(name, str) and j >= 3 else None
        if province:
            by_name[province.code] = j
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Bảng tổng hợp 2025"
    sheet.append(["Chỉ số PAPI năm 2025 theo 34 tỉnh, thành phố (từ 1/7/2025)"])
    for i, row in enumerate(rows):
        out = list(row[:3])
        for unit in UNITS:
            if i == 0:
                out.append(unit.official_code)
            elif i == 1:
                out.append(("Tỉnh " if unit.name_vi != "TP. Hồ Chí Minh" else "") + unit.name_vi)
            elif unit.name_vi == blank_unit:
                out.append(None)
            else:
                out.append(row[by_name[unit.members[0]]])
        sheet.append(out)
    book.save(path)
    return path
