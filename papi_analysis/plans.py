"""A plan's table of components and agencies, as a Sở types it, without pandas.

Parsing (CSV or Excel, codes or names, Vietnamese or English headers) and storing a plan's rows
live here, so that an ingest can give a new database the default plan without loading pandas;
`assignments` offers the same tables as DataFrames to the analysis and the pages.
"""
from __future__ import annotations

import csv
import io
import re
import tempfile
from collections.abc import Callable
from datetime import date, datetime, timezone
from functools import lru_cache
from pathlib import Path

import duckdb

from . import store
from dataclasses import dataclass

from .codebook import COMPONENTS, TOTAL, component_code_from_label, subdimensions_in
from .vocabulary import code_named
from .ingest.errors import IngestError
from .ingest.workbook import read_sheets
from .limits import MB, PLAN_FILE_MB, megabytes
from .provinces import fold
from .sanitise import clean

DEFAULT_PLAN = "Dự thảo phân công (mặc định)"
AGENCY_NAMES_FILE = Path(__file__).with_name("agency_names.csv")  # the provincial agencies' English names
AGENCY_LINEAGE_FILE = Path(__file__).with_name("agency_lineage.csv")  # what became of each department in 2025
DEFAULT_PLAN_2025 = "Dự thảo phân công 2025 (mặc định)"
DEFAULT_PLAN_FILE = store.DATA_DIR / "assignments.csv"  # the project's default plan, from the draft in ../shared
DEFAULT_PLAN_YEAR = 2024
_HEADERS = {
    "code": ("code", "ma", "ma so", "ma chi so", "ky hieu"),
    "component": ("component", "name", "noi dung", "chi so", "ten", "noi dung thanh phan", "chi so noi dung",
                  "ten chi so", "ten noi dung"),
    "lead": ("lead", "lead agency", "lead_agency", "chu tri", "co quan chu tri", "don vi chu tri"),
    "supporting": ("supporting", "supporting agencies", "supporting_agencies", "phoi hop", "co quan phoi hop",
                   "don vi phoi hop"),
}
_NAMES = {fold(name): code for code, c in COMPONENTS.items() for name in (c.name_vi, c.name_en)}
_SPLIT = re.compile(r"\s*[;\n]\s*")
MAX_ROWS = 500
MAX_UPLOAD_BYTES = PLAN_FILE_MB * MB


class AssignmentError(ValueError):
    """An assignment file was refused; the stored assignment is unchanged."""


PlanRow = tuple  # (code, lead agency, [supporting agencies])


# ---- reading a Sở's table -----------------------------------------------------------------------

def _code_of(text: str) -> str | None:
    text = str(text).strip()
    if not text:
        return None
    if re.fullmatch(r"[dD]?\s*[1-8]", text):
        return "D" + text[-1]
    if re.fullmatch(r"[1-8]\.[1-4]", text):
        return text if text in COMPONENTS else None
    if text.upper() == "TOTAL":
        return "TOTAL"
    return component_code_from_label(text) or _NAMES.get(fold(text.rstrip("*")))


def _column_roles(header: list[str]) -> dict[str, int]:
    roles = {}
    for index, cell in enumerate(header):
        folded = fold(str(cell)).replace("_", " ")
        for role, names in _HEADERS.items():
            if role not in roles and folded in names:
                roles[role] = index
    return roles


def parse_rows(rows: list[list], source: str) -> list[PlanRow]:
    """Rows as typed by a Sở -> (code, lead agency, supporting agencies). Raises AssignmentError."""
    header_index = next((i for i, row in enumerate(rows[:20]) if "lead" in _column_roles(row)), None)
    if header_index is None:
        raise AssignmentError(f"'{source}': no header row with a lead-agency column "
                              f"(e.g. 'code, lead_agency, supporting_agencies' or 'Nội dung, Chủ trì, Phối hợp')")
    roles = _column_roles(rows[header_index])
    if "code" not in roles and "component" not in roles:
        raise AssignmentError(f"'{source}': no column naming the component (a code such as '1.1' or its name)")
    parsed, seen = [], {}
    for number, row in enumerate(rows[header_index + 1:], start=header_index + 2):
        cell = lambda role: str(row[roles[role]]).strip() if role in roles and roles[role] < len(row) and row[roles[role]] is not None else ""  # noqa: E731
        given = cell("code") or cell("component")
        if not given and not cell("lead"):
            continue  # a blank line
        code = _code_of(cell("code")) if cell("code") else None
        code = code or _code_of(cell("component"))
        if code is None:
            raise AssignmentError(f"'{source}', row {number}: unknown component '{given}' "
                                  f"(use a code such as 1.1 or D1, or the component's name)")
        lead = cell("lead")
        if not lead:
            raise AssignmentError(f"'{source}', row {number}: component {code} has no lead agency")
        if code in seen:
            raise AssignmentError(f"'{source}', row {number}: component {code} is assigned twice "
                                  f"(also in row {seen[code]})")
        seen[code] = number
        supporting = [a for a in _SPLIT.split(cell("supporting")) if a] if cell("supporting") else []
        parsed.append((code, lead, supporting))
        if len(parsed) > MAX_ROWS:
            raise AssignmentError(f"'{source}': more than {MAX_ROWS} rows; this is not an assignment table")
    if not parsed:
        raise AssignmentError(f"'{source}': the table has no rows")
    return parsed


def _tables(path: Path, name: str) -> list[tuple[str, list[list]]]:
    """(where, rows) of each table a plan's file holds: every sheet of a workbook, or the one CSV table."""
    if Path(name).suffix.lower() in (".xlsx", ".xlsm"):
        try:
            return [(f"{name}, sheet {sheet.name}", sheet.rows) for sheet in read_sheets(Path(path), name)]
        except IngestError as exc:
            raise AssignmentError(str(exc)) from None
    try:
        content = Path(path).read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise AssignmentError(f"'{name}': not a UTF-8 CSV file (save it from Excel as 'CSV UTF-8')") from None
    header = content.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=header.count)  # Excel writes ';' in some locales
    return [(name, list(csv.reader(io.StringIO(content), delimiter=delimiter)))]


def read_rows(path: Path, display_name: str | None = None) -> list[PlanRow]:
    """An assignment table from CSV (UTF-8) or Excel: the first sheet that holds one."""
    name = display_name or Path(path).name
    errors = []
    for where, rows in _tables(path, name):
        try:
            return parse_rows(rows, where)
        except AssignmentError as exc:
            errors.append(str(exc))
    raise AssignmentError(errors[0] if errors else f"'{name}': the workbook has no sheets")


def read_upload(content: bytes, display_name: str, reader: Callable[[Path, str], object]):
    """An uploaded plan file read by `reader` from a temporary copy, size-capped first; its name tells the format
    and is never used as a path."""
    if len(content) > MAX_UPLOAD_BYTES:
        raise AssignmentError(f"'{display_name}': larger than {megabytes(MAX_UPLOAD_BYTES)}")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / ("upload" + Path(display_name).suffix.lower()[:5])
        path.write_bytes(content)
        return reader(path, display_name)


def replace_plan(con: duckdb.DuckDBPyConnection, plan: str, year: int | None, rows: list[PlanRow], source: str) -> None:
    """Store a plan in an open transaction, replacing an earlier version of the same name."""
    plan, source = clean(plan), clean(source)  # the rows are cleaned by store.insert_rows
    existing = con.execute("SELECT plan_id FROM assignment_plans WHERE name = ?", [plan]).fetchall()
    if existing:
        plan_id = existing[0][0]
        con.execute("DELETE FROM assignments WHERE plan_id = ?", [plan_id])
        con.execute("DELETE FROM plan_targets WHERE plan_id = ?", [plan_id])
        con.execute("DELETE FROM assignment_plans WHERE plan_id = ?", [plan_id])
    else:
        plan_id = con.execute("SELECT coalesce(max(plan_id), 0) + 1 FROM assignment_plans").fetchall()[0][0]
    con.execute("INSERT INTO assignment_plans (plan_id, name, year, created_at, source) VALUES (?, ?, ?, ?, ?)",
                [plan_id, plan, year, datetime.now(timezone.utc).replace(tzinfo=None), source])
    store.insert_rows(con, "assignments", ("plan_id", "code", "lead_agency", "supporting_agencies"),
                      [(plan_id, code, lead, list(supporting)) for code, lead, supporting in rows])


def add_default_plan(con: duckdb.DuckDBPyConnection) -> None:
    """The project's default drafts, so that every database names the agencies: the 2024 draft, and its 2025
    successor naming only the departments that remain after Nghị định 45/2025/NĐ-CP and the communes instead
    of the districts."""
    rows = read_rows(DEFAULT_PLAN_FILE)
    replace_plan(con, DEFAULT_PLAN, DEFAULT_PLAN_YEAR, rows, f"data/{DEFAULT_PLAN_FILE.name}")
    replace_plan(con, DEFAULT_PLAN_2025, 2025, [(code, current(lead), _current_all(supporting))
                                                for code, lead, supporting in rows],
                 f"data/{DEFAULT_PLAN_FILE.name}, departments as of 1 July 2025")


@lru_cache(maxsize=1)
def _english_names() -> dict[str, str]:
    with AGENCY_NAMES_FILE.open(encoding="utf-8", newline="") as handle:
        return {fold(row["vi"]): row["en"] for row in csv.DictReader(handle)}


def agency_name(agency: str, lang: str) -> str:
    """An agency as the reader's language names it; a name the list does not know stays as the plan typed it.
    Several agencies joined by '; ' (a dimension led by its sub-dimensions' leads) are named one by one."""
    if lang != "en" or not isinstance(agency, str):
        return agency
    return "; ".join(_english_names().get(fold(part), part) for part in agency.split("; "))


def plan_name(plan: str, lang: str) -> str:
    return "Draft assignment (default)" if lang == "en" and plan == DEFAULT_PLAN else plan


@lru_cache(maxsize=1)
def _lineage() -> dict[str, str]:
    with AGENCY_LINEAGE_FILE.open(encoding="utf-8", newline="") as handle:
        return {fold(row["agency"]): row["successor"] for row in csv.DictReader(handle)}


def successor(agency: str) -> str | None:
    """The department that took over an agency abolished in 2025, or None for one that remains."""
    return _lineage().get(fold(agency)) if isinstance(agency, str) else None


def current(agency: str) -> str:
    return successor(agency) or agency


def _current_all(agencies: list[str]) -> list[str]:
    return list(dict.fromkeys(current(agency) for agency in agencies))


def agency_label(agency: str, lang: str) -> str:
    """An agency as a reader today needs it: its name in the reader's language, and for a department abolished
    in 2025, its successor: 'Sở Thông tin và Truyền thông (nay là Sở Khoa học và Công nghệ)'."""
    if not isinstance(agency, str):
        return agency
    labels = []
    for part in agency.split("; "):
        after = successor(part)
        name = agency_name(part, lang)
        labels.append(name if after is None else f"{name} ({'now' if lang == 'en' else 'nay là'} {agency_name(after, lang)})")
    return "; ".join(labels)


# ---- a plan's appendix: targets, tasks and agencies per component -----------------------------

_APPENDIX_COLUMNS = (  # role, words in the header cell (folded), first match wins
    ("lead", ("chu tri", "lead")), ("supporting", ("phoi hop", "support")),
    ("deadline", ("thoi gian", "thoi han", "deadline", "timeline")), ("tasks", ("nhiem vu", "giai phap", "task")),
    ("target", ("chi tieu", "target")), ("previous", ("ket qua", "result")),
    ("component", ("noi dung", "chi so", "component", "ten")), ("number", ("stt", "tt", "no")),
)
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8}


@dataclass(frozen=True)
class AppendixRow:
    row: int  # the sheet's row number
    code: str | None  # None: the row names no component (kept, and reported)
    label: str
    previous: str
    target: str
    tasks: str
    lead: str
    supporting: list[str]
    deadline: str


def _appendix_roles(header: list) -> dict[str, int]:
    roles: dict[str, int] = {}
    for index, cell in enumerate(header):
        folded = fold(str(cell or "")).strip(" .")
        for role, words in _APPENDIX_COLUMNS:
            if role not in roles and folded and (folded in words or any(f"{w} " in f"{folded} " for w in words
                                                                         if len(w) > 3)):
                roles[role] = index
                break
    return roles


def _component(number: str, label: str, year: int) -> str | None:
    """The component an appendix row names: its numbering, a Roman numeral on a dimension row, or its name."""
    code = component_code_from_label(label) or code_named(label, year)
    if code is None and _is_total(label):
        code = TOTAL
    roman = _ROMAN.get(fold(number).strip(" ."))
    if code is None and roman:
        code = f"D{roman}"
    return code


def _is_total(label: str) -> bool:
    folded = fold(label)
    return "papi" in folded and ("tong hop" in folded or "total" in folded or folded.startswith("chi so papi"))


def read_appendix(path: Path, display_name: str, year: int) -> tuple[list[AppendixRow], list[str]]:
    """A plan's appendix as provinces type it in Excel or CSV: a letterhead, merged title cells, a header row
    (STT, component, last year's result, target, tasks, lead, supporting agencies, deadline), Roman numerals on
    dimension rows. Every row below the header is kept; also returns the title lines (province, year)."""
    for _, rows in _tables(path, display_name):
        header_index = next((i for i, row in enumerate(rows[:30])
                             if {"lead", "component"} <= set(_appendix_roles(row))), None)
        if header_index is None:
            continue
        roles = _appendix_roles(rows[header_index])
        titles = [str(v) for row in rows[:header_index] for v in row if isinstance(v, str) and v.strip()]
        found = []
        for number, row in enumerate(rows[header_index + 1:], start=header_index + 2):
            cell = lambda role: str(row[roles[role]]).strip() if role in roles and roles[role] < len(row) \
                and row[roles[role]] not in (None, "") else ""  # noqa: E731
            if not any(cell(role) for role in roles if role != "number"):
                continue
            code = _component(cell("number"), cell("component"), year)
            supporting = [a for a in _SPLIT.split(cell("supporting")) if a] if cell("supporting") else []
            found.append(AppendixRow(number, code, cell("component"), cell("previous"), cell("target"), cell("tasks"),
                                     cell("lead"), supporting, cell("deadline")))
        return found, titles
    raise AssignmentError(f"'{display_name}': no appendix table: looked for a header row naming the component "
                          f"('Chỉ số nội dung / nội dung thành phần') and the lead agency ('Cơ quan chủ trì')")


EDITABLE = ("code", "label", "target", "tasks", "lead", "supporting", "deadline")


def appendix_rows(records: list[dict], year: int) -> list[AppendixRow]:
    """Rows as edited in the dashboard (a code, or a component's name in `label`) -> AppendixRows. A row that
    names no component is kept, as an imported one is."""
    rows = []
    for number, record in enumerate(records, start=1):
        value = {key: str(record.get(key) or "").strip() for key in EDITABLE}
        if not any(value.values()):
            continue
        code = _code_of(value["code"]) if value["code"] else _component("", value["label"], year)
        if value["code"] and code is None:
            raise AssignmentError(f"row {number}: unknown component code '{value['code']}'")
        rows.append(AppendixRow(number, code, value["label"], "", value["target"], value["tasks"], value["lead"],
                                [a for a in _SPLIT.split(value["supporting"]) if a], value["deadline"]))
    if not rows:
        raise AssignmentError("the plan has no rows")
    return rows


def without_lead(rows: list[AppendixRow], year: int) -> list[str]:
    """The year's sub-dimensions that no row of the plan gives a lead agency (nor their dimension): the
    dashboard shows them without one while this plan is in force."""
    led = {row.code for row in rows if row.code and row.lead}
    return [code for dimension, codes in subdimensions_in(year).items() if dimension not in led
            for code in codes if code not in led]


def save_appendix(con: duckdb.DuckDBPyConnection, plan: str, year: int, rows: list[AppendixRow], source: str,
                  province: int | None = None, expected: PlanVersion | None = None) -> None:
    """Store a plan with its targets in an open transaction: its leads make it an assignment as well. With
    `expected` (the version an editor showed), a plan saved by someone else meanwhile is refused (StalePlan)."""
    plan = clean(plan)
    check_plan(con, plan, year, rows, expected)
    leads = {}
    for row in rows:
        if row.code and row.lead and row.code not in leads:
            leads[row.code] = (row.code, row.lead, row.supporting)
    replace_plan(con, plan, year, list(leads.values()), source)
    plan_id = con.execute("SELECT plan_id FROM assignment_plans WHERE name = ?", [plan]).fetchall()[0][0]
    con.execute("UPDATE assignment_plans SET province_code = ? WHERE plan_id = ?", [province, plan_id])
    con.execute("DELETE FROM plan_targets WHERE plan_id = ?", [plan_id])
    store.insert_rows(con, "plan_targets", ("plan_id", "row_number", "code", "label", "previous_result", "target",
                                            "tasks", "lead_agency", "supporting_agencies", "deadline"),
                      [(plan_id, r.row, r.code, r.label, r.previous, r.target, r.tasks, r.lead, r.supporting, r.deadline)
                       for r in rows])


# A plan is for a survey year (PAPI since 2009; a plan may look two years ahead), and is a province's appendix:
# a few dozen rows (components and general tasks). The consolidated report reads every row of it.
FIRST_PLAN_YEAR = 2009
PLAN_YEARS_AHEAD = 2
MAX_PLAN_ROWS = 2_000


def plan_years() -> range:
    return range(FIRST_PLAN_YEAR, date.today().year + PLAN_YEARS_AHEAD + 1)


@dataclass(frozen=True)
class PlanVersion:
    """A stored plan as a reader saw it: when it was saved (None: there was no plan of that name)."""
    saved_at: datetime | None
    source: str | None = None
    rows: int = 0


class StalePlan(AssignmentError):
    """A save based on a plan that someone else saved (or deleted) since it was read; nothing was changed."""

    def __init__(self, plan: str, now: PlanVersion):
        self.plan, self.now = plan, now
        when = f"{now.saved_at:%d/%m/%Y %H:%M} UTC" if now.saved_at else None
        super().__init__(f"the plan '{plan}' was " + (f"saved again at {when} from '{now.source}' ({now.rows} rows)"
                                                        if when else "deleted")
                         + " after you opened it; your changes were not saved: open the plan again and redo them")


def version(con: duckdb.DuckDBPyConnection, plan: str) -> PlanVersion:
    found = con.execute("""SELECT p.created_at, p.source, (SELECT count(*) FROM plan_targets t WHERE t.plan_id = p.plan_id)
                           FROM assignment_plans p WHERE p.name = ?""", [plan]).fetchall()
    return PlanVersion(*found[0]) if found else PlanVersion(None)


def check_year(year: int | None) -> None:
    years = plan_years()
    if year is not None and year not in years:
        raise AssignmentError(f"the plan's year {year} is outside the survey's years: {years[0]} to {years[-1]}")


def check_plan(con: duckdb.DuckDBPyConnection, plan: str, year: int | None, rows: list[AppendixRow],
               expected: PlanVersion | None = None) -> None:
    """Refuse, before anything is stored, a plan without rows (a header-only appendix would replace a stored plan's
    rows with nothing), too many rows, a year outside the survey's, or a save based on an older version."""
    if not rows:
        raise AssignmentError(f"the plan '{plan}' has no rows below its header: nothing was saved"
                              + (" (the stored plan of that name is unchanged)" if version(con, plan).saved_at else ""))
    if len(rows) > MAX_PLAN_ROWS:
        raise AssignmentError(f"the plan '{plan}' has {len(rows):,} rows; the limit is {MAX_PLAN_ROWS:,} "
                              f"(an appendix has one row a component or task)")
    check_year(year)
    if expected is not None:
        now = version(con, plan)
        if now.saved_at != expected.saved_at:
            raise StalePlan(plan, now)


def plans_with_targets(con: duckdb.DuckDBPyConnection, province: int | None = None) -> list[tuple[str, int | None]]:
    """(name, year) of the plans with targets that a province may use (its own, or any province's), latest first."""
    return con.execute("""
        SELECT p.name, p.year FROM assignment_plans p
        WHERE EXISTS (SELECT 1 FROM plan_targets t WHERE t.plan_id = p.plan_id)
          AND ($province IS NULL OR p.province_code IS NULL OR p.province_code = $province)
        ORDER BY p.year DESC NULLS LAST, p.created_at DESC""", {"province": province}).fetchall()


def with_targets(con: duckdb.DuckDBPyConnection, year: int | None = None, province: int | None = None) -> str | None:
    """The plan with targets in force in a year for a province (the latest whose year is not after it), or None."""
    return next((name for name, plan_year in plans_with_targets(con, province)
                 if year is None or plan_year is None or plan_year <= year), None)


def targets_of(con: duckdb.DuckDBPyConnection, plan: str) -> list[AppendixRow]:
    rows = con.execute("""
        SELECT t.row_number, t.code, t.label, t.previous_result, t.target, t.tasks, t.lead_agency,
               t.supporting_agencies, t.deadline
        FROM plan_targets t JOIN assignment_plans p USING (plan_id) WHERE p.name = ? ORDER BY t.row_number""",
                       [plan]).fetchall()
    return [AppendixRow(number, code, label or "", previous or "", target or "", tasks or "", lead or "",
                        list(supporting or []), deadline or "")
            for number, code, label, previous, target, tasks, lead, supporting, deadline in rows]
