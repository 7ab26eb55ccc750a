"""Which provincial agency leads each component, under a named plan.

A Sở types its plan's appendix as a table: a component (code or name), a lead agency, and
supporting agencies. Several plans can be stored; the latest (by year, then by when it was
imported) applies unless one is chosen.
"""
from __future__ import annotations

import csv
import io
import re
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import openpyxl
import pandas as pd
from openpyxl.styles import Font, PatternFill

from . import store
from .codebook import COMPONENTS, code_order, component_code_from_label
from .ingest.workbook import read_sheets
from .ingest.errors import IngestError
from .provinces import fold

DEFAULT_PLAN = "Dự thảo phân công (mặc định)"
DEFAULT_PLAN_FILE = store.DATA_DIR / "assignments.csv"  # the project's default plan, from the draft in ../shared
DEFAULT_PLAN_YEAR = 2024
EXPORT_COLUMNS = ["code", "component", "lead_agency", "supporting_agencies"]
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
MAX_UPLOAD_BYTES = 2_000_000


class AssignmentError(ValueError):
    """An assignment file was refused; the stored assignment is unchanged."""


@dataclass(frozen=True)
class Assignment:
    plan: str
    year: int | None
    rows: pd.DataFrame  # code, lead_agency, supporting_agencies (list)

    def lead(self, code: str) -> str | None:
        """The agency leading a component; a dimension without its own lead is led by its sub-dimensions' leads,
        an indicator by its sub-dimension's."""
        direct = self._leads.get(code)
        if direct:
            return direct
        if code.count(".") == 2:
            return self.lead(code.rsplit(".", 1)[0])
        if code.startswith("D"):
            subs = [self._leads[c] for c in sorted(self._leads) if COMPONENTS.get(c) and COMPONENTS[c].parent == code]
            return "; ".join(dict.fromkeys(subs)) or None
        return None

    def supporting(self, code: str) -> list[str]:
        return self._supporting.get(code, [])

    def agencies(self) -> list[str]:
        return sorted(set(self.rows.lead_agency))

    def codes_led_by(self, agency: str) -> list[str]:
        return self.rows.loc[self.rows.lead_agency == agency, "code"].tolist()

    @property
    def _leads(self) -> dict[str, str]:
        return dict(zip(self.rows.code, self.rows.lead_agency))

    @property
    def _supporting(self) -> dict[str, list[str]]:
        return dict(zip(self.rows.code, self.rows.supporting_agencies))


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


def parse_table(rows: list[list], source: str) -> pd.DataFrame:
    """Rows as typed by a Sở -> code, lead_agency, supporting_agencies. Raises AssignmentError."""
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
        parsed.append({"code": code, "lead_agency": lead, "supporting_agencies": supporting})
        if len(parsed) > MAX_ROWS:
            raise AssignmentError(f"'{source}': more than {MAX_ROWS} rows; this is not an assignment table")
    if not parsed:
        raise AssignmentError(f"'{source}': the table has no rows")
    return pd.DataFrame(parsed)


def read_upload(content: bytes, display_name: str) -> pd.DataFrame:
    """An uploaded assignment file; its name tells the format and is never used as a path."""
    if len(content) > MAX_UPLOAD_BYTES:
        raise AssignmentError(f"'{display_name}': larger than {MAX_UPLOAD_BYTES // 1_000_000} MB")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / ("upload" + Path(display_name).suffix.lower()[:5])
        path.write_bytes(content)
        return read_file(path, display_name)


def read_file(path: Path, display_name: str | None = None) -> pd.DataFrame:
    """An assignment table from CSV (UTF-8) or Excel."""
    name = display_name or Path(path).name
    if Path(name).suffix.lower() in (".xlsx", ".xlsm"):
        try:
            sheets = read_sheets(Path(path), name)
        except IngestError as exc:
            raise AssignmentError(str(exc)) from None
        errors = []
        for sheet in sheets:
            try:
                return parse_table(sheet.rows, f"{name}, sheet {sheet.name}")
            except AssignmentError as exc:
                errors.append(str(exc))
        raise AssignmentError(errors[0] if errors else f"'{name}': the workbook has no sheets")
    try:
        content = Path(path).read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise AssignmentError(f"'{name}': not a UTF-8 CSV file (save it from Excel as 'CSV UTF-8')") from None
    header = content.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=header.count)  # Excel writes ';' in some locales
    return parse_table(list(csv.reader(io.StringIO(content), delimiter=delimiter)), name)


# ---- storing ------------------------------------------------------------------------------------

def save_plan(db_path: Path, plan: str, year: int | None, table: pd.DataFrame, source: str) -> None:
    """Store a plan (replacing an earlier version of the same name) in one transaction."""
    if not plan.strip():
        raise AssignmentError("the plan needs a name, e.g. 'Kế hoạch 123/KH-UBND năm 2024'")

    store.write(db_path, lambda con: _replace_plan(con, plan.strip(), year, table, source))


def _replace_plan(con: duckdb.DuckDBPyConnection, plan: str, year: int | None, table: pd.DataFrame, source: str) -> None:
    existing = con.execute("SELECT plan_id FROM assignment_plans WHERE name = ?", [plan]).fetchall()
    if existing:
        plan_id = existing[0][0]
        con.execute("DELETE FROM assignments WHERE plan_id = ?", [plan_id])
        con.execute("DELETE FROM assignment_plans WHERE plan_id = ?", [plan_id])
    else:
        plan_id = con.execute("SELECT coalesce(max(plan_id), 0) + 1 FROM assignment_plans").fetchall()[0][0]
    con.execute("INSERT INTO assignment_plans VALUES (?, ?, ?, ?, ?)",
                [plan_id, plan, year, datetime.now(timezone.utc).replace(tzinfo=None), source])
    store.insert_frame(con, "assignments", table.assign(plan_id=plan_id))


def add_default_plan_if_none(con: duckdb.DuckDBPyConnection) -> None:
    """Every database names the agencies: one without a plan gets the project's default draft."""
    if con.execute("SELECT count(*) FROM assignment_plans").fetchall()[0][0] == 0:
        _replace_plan(con, DEFAULT_PLAN, DEFAULT_PLAN_YEAR, read_file(DEFAULT_PLAN_FILE),
                      f"data/{DEFAULT_PLAN_FILE.name}")


def plans(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Stored plans, the one that applies by default first."""
    return con.execute("""
        SELECT p.name AS plan, p.year, p.created_at, p.source, count(a.code) AS components
        FROM assignment_plans p LEFT JOIN assignments a USING (plan_id)
        GROUP BY ALL ORDER BY p.year DESC NULLS LAST, p.created_at DESC""").df()


def load(con: duckdb.DuckDBPyConnection, plan: str | None = None) -> Assignment | None:
    """A stored plan by name, or the latest; None when no plan is stored."""
    available = plans(con)
    if available.empty:
        return None
    if plan is None:
        plan = available.plan.iloc[0]
    elif plan not in set(available.plan):
        raise AssignmentError(f"no plan named '{plan}'; stored plans: {', '.join(available.plan)}")
    year = available.loc[available.plan == plan, "year"].iloc[0]
    rows = con.execute("""
        SELECT a.code, a.lead_agency, a.supporting_agencies FROM assignments a
        JOIN assignment_plans p USING (plan_id) WHERE p.name = ? ORDER BY a.code""", [plan]).df()
    rows["supporting_agencies"] = rows.supporting_agencies.map(list)
    return Assignment(plan, None if pd.isna(year) else int(year), rows)


# ---- writing ------------------------------------------------------------------------------------

def export_table(assignment: Assignment, lang: str = "vi") -> pd.DataFrame:
    names = {code: (c.name_en if lang == "en" else c.name_vi) for code, c in COMPONENTS.items()}
    ordered = sorted(assignment.rows.code, key=code_order)
    rows = assignment.rows.set_index("code").loc[ordered].reset_index()
    return pd.DataFrame({
        "code": rows.code, "component": rows.code.map(names), "lead_agency": rows.lead_agency,
        "supporting_agencies": rows.supporting_agencies.map("; ".join)})


def export_csv(assignment: Assignment, lang: str = "vi") -> bytes:
    """UTF-8 with a byte-order mark, so that Excel shows Vietnamese correctly."""
    return export_table(assignment, lang).to_csv(index=False, lineterminator="\n").encode("utf-8-sig")


def export_xlsx(assignment: Assignment, lang: str = "vi") -> bytes:
    table = export_table(assignment, lang)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Phân công" if lang == "vi" else "Assignment"
    sheet.append(EXPORT_COLUMNS)
    for row in table.itertuples(index=False):
        sheet.append(list(row))
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F4E79")
    for column, width in zip("ABCD", (8, 55, 32, 60)):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    about = book.create_sheet("Thông tin" if lang == "vi" else "About")
    about.append(["Kế hoạch" if lang == "vi" else "Plan", assignment.plan])
    about.append(["Năm" if lang == "vi" else "Year", assignment.year])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
