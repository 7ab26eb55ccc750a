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
from .findings import CELLS_LISTED, Finding
from .layouts import csv_sheet, looks_like_plan, split_panel
from .stored import Differences, Stored, largest, stored_years
from .tables import PUBLISHED, SheetTable, Value, read_table_of_year, read_tables
from .validate import same_figures, validate
from .workbook import Sheet, read_sheets

__all__ = ["IngestError", "IngestReport", "SheetReport", "ingest", "read_workbook", "upload_file_name"]

LOADED, REPLACED, SKIPPED, UNCHANGED, NO_TABLE, CODEBOOK = ("loaded", "replaced", "skipped", "no change", "no PAPI table",
                                                        "codebook")


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

    @property
    def fingerprint(self) -> dict:
        return self.table.fingerprint

    def report(self) -> SheetReport:
        """A fresh report line: a write may decide again on a newer file, from the sheet's own findings."""
        table = self.table
        return SheetReport(self.file, table.sheet, LOADED, table.year, table.layout, len(table.provinces),
                           len(table.values), list(table.findings), table.origin)


def read_workbook(path: Path, display_name: str | None = None) -> tuple[str, list[SheetTable], list[SheetReport]]:
    """A workbook's PAPI tables, validated, with a report line for every sheet. Raises IngestError."""
    name = display_name or Path(path).name
    return _digest(path), *_tables(read_sheets(Path(path), name), name)


def _tables(sheets: list[Sheet], name: str) -> tuple[list[SheetTable], list[SheetReport]]:
    """The PAPI tables in the sheets, a panel's years each as its own table; refuses a file that holds none."""
    tables, reports = [], []
    panels = {id(sheet): split_panel(sheet) for sheet in sheets}
    found = {id(sheet): [table] for sheet, table in read_tables([s for s in sheets if not panels[id(s)]], name)}
    for sheet in sheets:
        if panels[id(sheet)]:
            found[id(sheet)] = [read_table_of_year(part, name, year) for year, part in panels[id(sheet)]]
        if not any(found[id(sheet)]):
            reports.append(SheetReport(name, sheet.name, NO_TABLE))
        for table in filter(None, found[id(sheet)]):
            validate(table)
            tables.append(table)
    if not tables:
        raise IngestError(name, "plan_appendix" if looks_like_plan(sheets) else "no_table")
    return tables, reports


def _digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _read_source(path: Path, name: str) -> tuple[str, list[SheetTable], list[SheetReport]]:
    """A workbook; a compilation's CSV file (its codebooks are read with its year files); or a CSV table of
    any other layout."""
    if path.suffix.lower() != ".csv":
        return read_workbook(path, name)
    if is_codebook(path):
        return "", [], [SheetReport(name, path.name, CODEBOOK)]
    table = read_compilation(path, name)
    if table is None:
        try:
            return _digest(path), *_tables([csv_sheet(path, name)], name)
        except IngestError as exc:
            if exc.code == "no_table":
                raise IngestError(name, "not_compilation") from None
            raise
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
                raise IngestError(name, "folder_empty")
            files += [(p, f"{path.name}/{p.name}") for p in inside]
        else:
            files.append((path, name))
    return files


def ingest(paths: Sequence[Path], db_path: Path | None = None, display_names: Sequence[str] | None = None,
           progress: Callable[[float, str], None] | None = None, replace: bool = False) -> IngestReport:
    """Load workbooks into the database in one transaction. Raises IngestError, changing nothing; also when a
    year already stored from a published source would change, unless `replace`. Figures equal to the stored
    ones change nothing (`no change`), and when nothing is loaded the database file is not touched."""
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
        candidates += [_Candidate(name, digest, table) for table in tables]
    if progress:
        progress(len(files) / (len(files) + 1), "database")
    decided: list[_Decision] = []

    def change(con: duckdb.DuckDBPyConnection) -> None:
        # Decided on the file being changed, so that the comparison is with what is stored when it is written.
        decided[:] = _decide(candidates, stored_years(con, {c.table.year for c in candidates}), replace)
        kept = [d for d in decided if d.report.status in (LOADED, REPLACED)]
        if not kept:
            raise _NothingToWrite
        _store(con, kept, [d for d in decided if d.report.status == SKIPPED])

    try:
        store.write(db_path, change)
    except _NothingToWrite:
        pass
    if progress:
        progress(1.0, "done")
    return IngestReport([d.report for d in decided] + other_reports)


class _NothingToWrite(Exception):
    """Every sheet repeats what is stored, or is skipped: the database file stays as it is."""


@dataclass
class _Decision:
    candidate: _Candidate
    report: SheetReport


def _decide(candidates: list[_Candidate], stored: dict[int, Stored], replace: bool) -> list[_Decision]:
    """What becomes of each sheet: loaded, replacing a year, skipped, or no change; refuses (IngestError) a
    change to a published year unless `replace`.

    Of two copies, the earlier year is taken as the original (a copy is pasted forward into a
    new year's sheet); of two sheets for the same year, a published one before a third party's,
    then the one with more figures.
    """
    decisions = {id(c): _Decision(c, c.report()) for c in candidates}
    kept: list[_Candidate] = []
    conflicts: list[tuple[_Candidate, Stored, Differences]] = []
    order = sorted(candidates, key=lambda c: (c.table.year, c.table.origin != PUBLISHED, -len(c.table.values)))
    for candidate in order:
        report, year = decisions[id(candidate)].report, candidate.table.year
        twin = next((k for k in kept if k.table.year == year or same_figures(k.fingerprint, candidate.fingerprint)), None)
        if twin is not None:
            if twin.table.year == year and twin.table.origin == PUBLISHED and candidate.table.origin != PUBLISHED:
                _skip(report, "official_kept", year=year, origin=f"{twin.file}, {twin.table.sheet}")
            else:
                how = "sheet_repeats_sheet" if same_figures(twin.fingerprint, candidate.fingerprint) else \
                    "sheet_fewer_figures" if len(candidate.table.values) < len(twin.table.values) else "sheet_listed_later"
                _skip(report, how, sheet=twin.table.sheet, file=twin.file, year=twin.table.year)
            continue
        stored_twin = next(((other, s) for other, s in stored.items()
                            if other != year and same_figures(s.fingerprint, candidate.fingerprint)), None)
        if stored_twin is not None:
            _skip(report, "sheet_repeats_stored", year=stored_twin[0], origin=stored_twin[1].where)
            continue
        kept.append(candidate)
        before = stored.get(year)
        if before is None:
            continue
        if before.origin == PUBLISHED and candidate.table.origin != PUBLISHED:
            _skip(report, "official_kept", year=year, origin=before.where)
            continue
        differences = Differences.between(year, before.figures, candidate.table.values)
        if not differences.offers_other and not (replace and differences):
            report.status = UNCHANGED  # a file holding part of a stored year, equal to it, changes nothing too
            report.findings.append(Finding("year_unchanged", [], {"year": year, "origin": before.where}))
        elif before.origin == PUBLISHED and differences.loses_published and not replace:
            conflicts.append((candidate, before, differences))
        else:
            report.status = REPLACED
            report.findings.append(Finding("year_replaced", [], {"year": year, "origin": before.where}))
            if before.origin == PUBLISHED and differences.changed + differences.removed:
                report.findings.append(Finding("published_replaced", [item[1] for item in differences.items[:CELLS_LISTED]],
                                               {"year": year, "count": differences.count}))
    if conflicts:
        raise _refusal(conflicts)
    return [decisions[id(c)] for c in candidates]


def _refusal(conflicts: list[tuple[_Candidate, Stored, Differences]]) -> IngestError:
    """One refusal for every published year the files would change: the years, the counts, the largest differences."""
    first = conflicts[0][0]
    found = [d for _, _, d in conflicts]
    shown = largest(found, CELLS_LISTED)
    return IngestError(first.file, "published_figures_differ", sheet=first.table.sheet,
                       cells=[item[1] for item in shown if item[1]],
                       years=", ".join(str(c.table.year) for c, _, _ in conflicts),
                       origin="; ".join(dict.fromkeys(before.where for _, before, _ in conflicts)),
                       count=sum(d.count for d in found), changed=sum(d.changed for d in found),
                       added=sum(d.added for d in found), removed=sum(d.removed for d in found),
                       examples=[list(item) for item in shown])


def _skip(report: SheetReport, code: str, **params) -> None:
    """A skipped sheet's own findings no longer matter: the reason it was skipped does."""
    report.status = SKIPPED
    report.findings = [Finding(code, [], params)]


def _store(con: duckdb.DuckDBPyConnection, kept: list[_Decision], skipped: list[_Decision]) -> None:
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    source_id = store.next_source_id(con)
    sources, codebooks = [], []
    for candidate, report in ((d.candidate, d.report) for d in skipped):  # provenance: what was left out and why
        table = candidate.table
        sources.append((source_id, candidate.file, candidate.sha256, table.sheet, table.year, table.layout, now,
                        SKIPPED, len(table.provinces), 0, _json(report.findings), table.origin))
        source_id += 1
    for candidate, report in ((d.candidate, d.report) for d in kept):
        table, year = candidate.table, candidate.table.year
        con.execute("UPDATE sources SET status = 'replaced' WHERE year = ? AND status = 'loaded'", [year])
        con.execute("DELETE FROM scores WHERE year = ?", [year])
        con.execute("DELETE FROM codebook WHERE year = ?", [year])
        sources.append((source_id, candidate.file, candidate.sha256, table.sheet, year, table.layout, now,
                        LOADED, len(table.provinces), len(table.values), _json(report.findings), table.origin))
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
