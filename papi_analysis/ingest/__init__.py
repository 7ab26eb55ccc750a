"""Loading published PAPI workbooks into the database.

Every file is read and checked before the database is touched. One refused file refuses the
whole call, and the database stays exactly as it was.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pandas as pd

from .. import store
from .errors import IngestError
from .tables import SheetTable, Value, read_table
from .validate import same_figures, validate
from .workbook import read_sheets

__all__ = ["IngestError", "IngestReport", "SheetReport", "ingest", "read_workbook"]

LOADED, REPLACED, SKIPPED, NO_TABLE = "loaded", "replaced", "skipped", "no PAPI table"


@dataclass
class SheetReport:
    file: str
    sheet: str
    status: str
    year: int | None = None
    layout: str | None = None
    provinces: int = 0
    values: int = 0
    warnings: list[str] = field(default_factory=list)


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
    for sheet in sheets:
        table = read_table(sheet, name)
        if table is None:
            reports.append(SheetReport(name, sheet.name, NO_TABLE))
            continue
        validate(table)
        tables.append(table)
    if not tables:
        raise IngestError(name, "no PAPI table found in any sheet: looked for the provinces along a row or a column "
                                "and component labels such as '1.1: Tri thức công dân' or 'Dimension 1'")
    digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    return digest, tables, reports


def ingest(paths: Sequence[Path], db_path: Path | None = None, display_names: Sequence[str] | None = None,
           progress: Callable[[float, str], None] | None = None) -> IngestReport:
    """Load workbooks into the database in one transaction. Raises IngestError, changing nothing."""
    db_path = Path(db_path) if db_path else store.default_db_path()
    names = list(display_names) if display_names else [Path(p).name for p in paths]
    candidates: list[_Candidate] = []
    other_reports: list[SheetReport] = []
    for index, (path, name) in enumerate(zip(paths, names)):
        if progress:
            progress(index / (len(paths) + 1), name)
        digest, tables, reports = read_workbook(Path(path), name)
        other_reports += reports
        for table in tables:
            report = SheetReport(name, table.sheet, LOADED, table.year, table.layout,
                                 len(table.provinces), len(table.values), table.warnings)
            candidates.append(_Candidate(name, digest, table, report))
    stored = _stored_fingerprints(db_path)
    kept = _drop_repeats(candidates, stored)
    if progress:
        progress(len(paths) / (len(paths) + 1), "database")
    skipped = [c for c in candidates if c not in kept]
    store.write(db_path, lambda con: _store(con, kept, skipped))
    if progress:
        progress(1.0, "done")
    return IngestReport([c.report for c in candidates] + other_reports)


def _stored_fingerprints(db_path: Path) -> dict[int, tuple[str, dict]]:
    if not db_path.exists():
        return {}
    con = store.open_readonly(db_path)
    try:
        rows = con.execute("""
            SELECT s.year, s.province_code, s.code, s.value, any_value(src.file_name || ', sheet ' || src.sheet)
                OVER (PARTITION BY s.year)
            FROM scores s JOIN sources src USING (source_id) JOIN components c USING (code)
            WHERE s.statistic = 'score' AND s.weighting = 'unweighted'
              AND c.level IN ('dimension', 'subdimension')""").fetchall()
    except duckdb.CatalogException:
        return {}
    finally:
        con.close()
    stored: dict[int, tuple[str, dict]] = {}
    for year, province, code, value, origin in rows:
        stored.setdefault(year, (origin, {}))[1][(province, code)] = value
    return stored


def _drop_repeats(candidates: list[_Candidate], stored: dict[int, tuple[str, dict]]) -> list[_Candidate]:
    """Skip sheets that repeat another sheet's figures, or give a year another sheet here gives better.

    Of two copies, the earlier year is taken as the original (a copy is pasted forward into a
    new year's sheet); of two sheets for the same year, the one with more figures.
    """
    kept: list[_Candidate] = []
    order = sorted(candidates, key=lambda c: (c.table.year, -len(c.table.values)))
    for candidate in order:
        twin = next((k for k in kept if k.table.year == candidate.table.year
                     or same_figures(k.fingerprint, candidate.fingerprint)), None)
        if twin is not None:
            how = "repeats the figures of" if same_figures(twin.fingerprint, candidate.fingerprint) else \
                "gives the same year as, with fewer figures than,"
            _skip(candidate, f"skipped: {how} sheet '{twin.table.sheet}' of '{twin.file}' ({twin.table.year})")
            continue
        stored_twin = next(((year, origin) for year, (origin, figures) in stored.items()
                            if year != candidate.table.year and same_figures(figures, candidate.fingerprint)), None)
        if stored_twin is not None:
            _skip(candidate, f"skipped: repeats the figures of {stored_twin[0]} already in the database ({stored_twin[1]})")
            continue
        if candidate.table.year in stored:
            candidate.report.status = REPLACED
            candidate.report.warnings.append(
                f"{candidate.table.year} was already loaded (from {stored[candidate.table.year][0]}); replaced whole")
        kept.append(candidate)
    return kept


def _skip(candidate: _Candidate, reason: str) -> None:
    """A skipped sheet's own findings no longer matter: the reason it was skipped does."""
    candidate.report.status = SKIPPED
    candidate.report.warnings = [reason]


def _store(con: duckdb.DuckDBPyConnection, kept: list[_Candidate], skipped: list[_Candidate]) -> None:
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    source_id = store.next_source_id(con)
    sources, codebooks, scores = [], [], []
    for candidate in skipped:  # kept as provenance: the data-quality page says what was left out and why
        table = candidate.table
        sources.append((source_id, candidate.file, candidate.sha256, table.sheet, table.year, table.layout, now,
                        SKIPPED, len(table.provinces), 0, candidate.report.warnings))
        source_id += 1
    for candidate in kept:
        table, year = candidate.table, candidate.table.year
        con.execute("UPDATE sources SET status = 'replaced' WHERE year = ? AND status = 'loaded'", [year])
        con.execute("DELETE FROM scores WHERE year = ?", [year])
        con.execute("DELETE FROM codebook WHERE year = ?", [year])
        sources.append((source_id, candidate.file, candidate.sha256, table.sheet, year, table.layout, now,
                        LOADED, len(table.provinces), len(table.values), table.warnings))
        codebooks += [(year, r.code, r.level, r.parent, r.label_vi, r.label_en, r.scale.text if r.scale else None,
                       r.scale.low if r.scale else None, r.scale.high if r.scale else None,
                       bool(r.scale and r.scale.percent), source_id) for r in table.rows.values()]
        columns = dict(zip(Value._fields, zip(*table.values))) if table.values else {f: () for f in Value._fields}
        frame = pd.DataFrame(columns)
        frame.insert(0, "year", year)
        frame["source_id"] = source_id
        scores.append(frame)
        source_id += 1
    store.insert_frame(con, "sources", pd.DataFrame(sources, columns=[
        "source_id", "file_name", "sha256", "sheet", "year", "layout", "loaded_at", "status", "provinces",
        "n_values", "warnings"]))
    if kept:
        store.insert_frame(con, "codebook", pd.DataFrame(codebooks, columns=[
            "year", "code", "level", "parent", "label_vi", "label_en", "scale", "scale_min", "scale_max", "percent",
            "source_id"]))
        store.insert_frame(con, "scores", pd.concat(scores).rename(columns={"province": "province_code"}))
