"""Loading published PAPI workbooks, and third-party compilations, into the database.

Every file is read and checked before the database is touched. One refused file refuses the
whole call, and the database stays exactly as it was. A year's published workbook always wins
over a third-party compilation of the same year.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from .. import plans, store
from ..vocabulary import better
from .compilation import is_codebook, read_compilation
from .errors import IngestError
from .findings import Finding
from .tables import PUBLISHED, SheetTable, Value, read_tables
from .validate import same_figures, validate
from .workbook import read_sheets

__all__ = ["IngestError", "IngestReport", "SheetReport", "ingest", "read_workbook", "upload_file_name"]

LOADED, REPLACED, SKIPPED, NO_TABLE, CODEBOOK = "loaded", "replaced", "skipped", "no PAPI table", "codebook"


@dataclass
class SheetReport:
    file: str
    sheet: str
    status: str
    year: int | None = None
    layout: str | None = None
    provinces: int = 0
    values: int = 0
    findings: list[Finding] = field(default_factory=list)
    origin: str = PUBLISHED


@dataclass
class IngestReport:
    sheets: list[SheetReport]

    @property
    def years_loaded(self) -> list[int]:
        return sorted({s.year for s in self.sheets if s.status in (LOADED, REPLACED)})


@dataclass
class _Candidate:
    file: str
    sha256: str
    table: SheetTable
    report: SheetReport

    @property
    def fingerprint(self) -> dict:
        return self.table.fingerprint


def read_workbook(path: Path, display_name: str | None = None) -> tuple[str, list[SheetTable], list[SheetReport]]:
    """A workbook's PAPI tables, validated, with a report line for every sheet. Raises IngestError."""
    name = display_name or Path(path).name
    sheets = read_sheets(Path(path), name)
    tables, reports = [], []
    for sheet, table in read_tables(sheets, name):
        if table is None:
            reports.append(SheetReport(name, sheet.name, NO_TABLE))
            continue
        validate(table)
        tables.append(table)
    if not tables:
        raise IngestError(name, "no PAPI table found in any sheet: looked for the provinces along a row or a column "
                                "and component labels such as '1.1: Tri thức công dân', 'Dimension 1' or 'Civic Knowledge'")
    return _digest(path), tables, reports


def _digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _read_source(path: Path, name: str) -> tuple[str, list[SheetTable], list[SheetReport]]:
    """A workbook, or a compilation's CSV file (its codebooks are read with its year files)."""
    if path.suffix.lower() != ".csv":
        return read_workbook(path, name)
    if is_codebook(path):
        return "", [], [SheetReport(name, path.name, CODEBOOK)]
    table = read_compilation(path, name)
    if table is None:
        raise IngestError(name, "not a PAPI compilation: a CSV file needs a year as its name (2020.csv), a province "
                                "key per row and sub-dimension columns SC11 ... SC83")
    validate(table)
    return _digest(path), [table], []


def upload_file_name(uploaded_name: str, index: int) -> str:
    """A safe local name for an uploaded file. A compilation's CSV files keep their name when it is one
    the compilation reader needs (`2020.csv`, its codebooks); anything else gets a made-up name."""
    name = Path(uploaded_name).name.lower()
    if is_codebook(Path(name)) or re.fullmatch(r"20[0-4]\d\.csv", name):
        return name
    suffix = ".xlsm" if name.endswith(".xlsm") else ".csv" if name.endswith(".csv") else ".xlsx"
    return f"upload-{index}{suffix}"


def _expand(paths: Sequence[Path], names: Sequence[str]) -> list[tuple[Path, str]]:
    """Files to read: a folder stands for its CSV files and workbooks, named with the folder."""
    files = []
    for path, name in zip(paths, names):
        path = Path(path)
        if path.is_dir():
            inside = sorted(p for p in path.iterdir() if p.suffix.lower() in (".csv", ".xlsx", ".xlsm"))
            if not inside:
                raise IngestError(name, "the folder holds no .csv, .xlsx or .xlsm file")
            files += [(p, f"{path.name}/{p.name}") for p in inside]
        else:
            files.append((path, name))
    return files


def ingest(paths: Sequence[Path], db_path: Path | None = None, display_names: Sequence[str] | None = None,
           progress: Callable[[float, str], None] | None = None) -> IngestReport:
    """Load workbooks into the database in one transaction. Raises IngestError, changing nothing."""
    db_path = Path(db_path) if db_path else store.default_db_path()
    names = list(display_names) if display_names else [Path(p).name for p in paths]
    files = _expand(paths, names)
    candidates: list[_Candidate] = []
    other_reports: list[SheetReport] = []
    for index, (path, name) in enumerate(files):
        if progress:
            progress(index / (len(files) + 1), name)
        digest, tables, reports = _read_source(path, name)
        other_reports += reports
        for table in tables:
            report = SheetReport(name, table.sheet, LOADED, table.year, table.layout,
                                 len(table.provinces), len(table.values), table.findings, table.origin)
            candidates.append(_Candidate(name, digest, table, report))
    stored = _stored_fingerprints(db_path)
    kept = _drop_repeats(candidates, stored)
    if progress:
        progress(len(files) / (len(files) + 1), "database")
    skipped = [c for c in candidates if c not in kept]
    store.write(db_path, lambda con: _store(con, kept, skipped))
    if progress:
        progress(1.0, "done")
    return IngestReport([c.report for c in candidates] + other_reports)


@dataclass
class _Stored:
    where: str  # "file, sheet"
    origin: str
    figures: dict


def _stored_fingerprints(db_path: Path) -> dict[int, _Stored]:
    if not db_path.exists():
        return {}
    con = store.open_readonly(db_path)
    try:
        rows = con.execute("""
            SELECT s.year, s.province_code, s.code, s.value,
                   any_value(src.file_name || ', ' || src.sheet) OVER (PARTITION BY s.year),
                   any_value(src.origin) OVER (PARTITION BY s.year)
            FROM scores s JOIN sources src USING (source_id) JOIN components c USING (code)
            WHERE s.statistic = 'score' AND s.weighting = 'unweighted'
              AND c.level IN ('dimension', 'subdimension')""").fetchall()
    except duckdb.CatalogException:
        return {}
    finally:
        con.close()
    stored: dict[int, _Stored] = {}
    for year, province, code, value, where, origin in rows:
        stored.setdefault(year, _Stored(where, origin, {})).figures[(province, code)] = value
    return stored


def _drop_repeats(candidates: list[_Candidate], stored: dict[int, _Stored]) -> list[_Candidate]:
    """Skip sheets that repeat another sheet's figures, or give a year another sheet here gives better.

    Of two copies, the earlier year is taken as the original (a copy is pasted forward into a
    new year's sheet); of two sheets for the same year, a published one before a third party's,
    then the one with more figures.
    """
    kept: list[_Candidate] = []
    order = sorted(candidates, key=lambda c: (c.table.year, c.table.origin != PUBLISHED, -len(c.table.values)))
    for candidate in order:
        year = candidate.table.year
        twin = next((k for k in kept if k.table.year == year or same_figures(k.fingerprint, candidate.fingerprint)), None)
        if twin is not None:
            if twin.table.year == year and twin.table.origin == PUBLISHED and candidate.table.origin != PUBLISHED:
                _skip(candidate, "official_kept", year=year, origin=f"{twin.file}, {twin.table.sheet}")
            else:
                how = "sheet_repeats_sheet" if same_figures(twin.fingerprint, candidate.fingerprint) else \
                    "sheet_fewer_figures" if len(candidate.table.values) < len(twin.table.values) else "sheet_listed_later"
                _skip(candidate, how, sheet=twin.table.sheet, file=twin.file, year=twin.table.year)
            continue
        stored_twin = next(((other, s) for other, s in stored.items()
                            if other != year and same_figures(s.figures, candidate.fingerprint)), None)
        if stored_twin is not None:
            _skip(candidate, "sheet_repeats_stored", year=stored_twin[0], origin=stored_twin[1].where)
            continue
        if year in stored:
            if stored[year].origin == PUBLISHED and candidate.table.origin != PUBLISHED:
                _skip(candidate, "official_kept", year=year, origin=stored[year].where)
                continue
            candidate.report.status = REPLACED
            candidate.report.findings.append(Finding("year_replaced", [], {"year": year, "origin": stored[year].where}))
        kept.append(candidate)
    return kept


def _skip(candidate: _Candidate, code: str, **params) -> None:
    """A skipped sheet's own findings no longer matter: the reason it was skipped does."""
    candidate.report.status = SKIPPED
    candidate.report.findings = [Finding(code, [], params)]


def _store(con: duckdb.DuckDBPyConnection, kept: list[_Candidate], skipped: list[_Candidate]) -> None:
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    source_id = store.next_source_id(con)
    sources, codebooks = [], []
    for candidate in skipped:  # kept as provenance: the data-quality page says what was left out and why
        table = candidate.table
        sources.append((source_id, candidate.file, candidate.sha256, table.sheet, table.year, table.layout, now,
                        SKIPPED, len(table.provinces), 0, _json(candidate.report.findings), table.origin))
        source_id += 1
    for candidate in kept:
        table, year = candidate.table, candidate.table.year
        con.execute("UPDATE sources SET status = 'replaced' WHERE year = ? AND status = 'loaded'", [year])
        con.execute("DELETE FROM scores WHERE year = ?", [year])
        con.execute("DELETE FROM codebook WHERE year = ?", [year])
        sources.append((source_id, candidate.file, candidate.sha256, table.sheet, year, table.layout, now,
                        LOADED, len(table.provinces), len(table.values), _json(candidate.report.findings), table.origin))
        codebooks += [(year, r.code, r.level, r.parent, r.label_vi, r.label_en, r.scale.text if r.scale else None,
                       r.scale.low if r.scale else None, r.scale.high if r.scale else None,
                       bool(r.scale and r.scale.percent), source_id,
                       better(r.label_vi, r.label_en) if r.level == "indicator" else "higher")
                      for r in table.rows.values()]
        store.insert_rows(con, "scores", ("province_code", *Value._fields[1:]), table.values,
                          {"year": year, "source_id": source_id})
        source_id += 1
    store.insert_rows(con, "sources", ("source_id", "file_name", "sha256", "sheet", "year", "layout", "loaded_at",
                                       "status", "provinces", "n_values", "findings", "origin"), sources)
    store.insert_rows(con, "codebook", ("year", "code", "level", "parent", "label_vi", "label_en", "scale", "scale_min",
                                        "scale_max", "percent", "source_id", "better"), codebooks)
    if store.plan_count(con) == 0:
        plans.add_default_plan(con)


def _json(findings: list[Finding]) -> list[str]:
    return [finding.to_json() for finding in findings]
