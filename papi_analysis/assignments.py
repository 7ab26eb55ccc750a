"""Which provincial agency leads each component, under a named plan.

A Sở types its plan's appendix as a table: a component (code or name), a lead agency, and
supporting agencies. Several plans can be stored; the latest (by year, then by when it was
imported) applies unless one is chosen.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import duckdb
import openpyxl
import pandas as pd
from openpyxl.styles import Font, PatternFill

from . import store
from .codebook import COMPONENTS, code_order
from .i18n import text
from .sanitise import csv_text, set_cell
from .plans import read_upload as read_plan_upload
from .plans import (DEFAULT_PLAN, DEFAULT_PLAN_YEAR, AssignmentError, PlanRow,  # noqa: F401
                    check_year, parse_rows, plan_name, read_rows, replace_plan)


@dataclass(frozen=True)
class Assignment:
    plan: str
    year: int | None
    rows: pd.DataFrame  # code, lead_agency, supporting_agencies (list)

    def lead(self, code: str) -> str | None:
        """The agency leading a component; a dimension without its own lead is led by its sub-dimensions' leads,
        a sub-dimension without its own by its dimension's, an indicator by its sub-dimension's."""
        direct = self._leads.get(code)
        if direct:
            return direct
        if code.count(".") == 2:
            return self.lead(code.rsplit(".", 1)[0])
        if code.count(".") == 1 and COMPONENTS.get(code):
            return self._leads.get(COMPONENTS[code].parent)
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

def _frame(rows: list[PlanRow]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["code", "lead_agency", "supporting_agencies"])


def parse_table(rows: list[list], source: str) -> pd.DataFrame:
    """Rows as typed by a Sở -> code, lead_agency, supporting_agencies. Raises AssignmentError."""
    return _frame(parse_rows(rows, source))


def read_upload(content: bytes, display_name: str) -> pd.DataFrame:
    """An uploaded assignment file (size-capped)."""
    return read_plan_upload(content, display_name, read_file)


def read_file(path: Path, display_name: str | None = None) -> pd.DataFrame:
    """An assignment table from CSV (UTF-8) or Excel."""
    return _frame(read_rows(path, display_name))


# ---- storing ------------------------------------------------------------------------------------

def save_plan(db_path: Path, plan: str, year: int | None, table: pd.DataFrame, source: str) -> None:
    """Store a plan (replacing an earlier version of the same name) in one transaction."""
    if not plan.strip():
        raise AssignmentError("the plan needs a name, e.g. 'Kế hoạch 123/KH-UBND năm 2024'")
    check_year(year)

    rows = list(zip(table.code, table.lead_agency, table.supporting_agencies))
    store.write(db_path, lambda con: replace_plan(con, plan.strip(), year, rows, source))


def plans(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Stored plans, the one that applies by default first."""
    return con.execute("""
        SELECT p.name AS plan, p.year, p.created_at, p.source, count(a.code) AS components
        FROM assignment_plans p LEFT JOIN assignments a USING (plan_id)
        GROUP BY ALL ORDER BY p.year DESC NULLS LAST, p.created_at DESC""").df()


def load(con: duckdb.DuckDBPyConnection, plan: str | None = None, year: int | None = None) -> Assignment | None:
    """A stored plan by name, or the plan in force in a year (the latest whose year is not after it; the
    earliest where every plan is later), or the latest; None when no plan is stored."""
    available = plans(con)
    if available.empty:
        return None
    if plan is None:
        in_force = available[available.year.isna() | (available.year <= year)] if year is not None else available
        plan = (in_force if not in_force.empty else available.iloc[::-1]).plan.iloc[0]
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


def _headed(assignment: Assignment, lang: str) -> pd.DataFrame:
    """The table with headers in the reader's language; `read_file` takes them back in either."""
    table = export_table(assignment, lang)
    return table.rename(columns={column: text(f"col.{column}", lang) for column in table.columns})


def export_csv(assignment: Assignment, lang: str = "vi") -> bytes:
    """UTF-8 with a byte-order mark, so that Excel shows Vietnamese correctly."""
    return csv_text(_headed(assignment, lang)).encode("utf-8-sig")


def export_xlsx(assignment: Assignment, lang: str = "vi") -> bytes:
    table = _headed(assignment, lang)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Phân công" if lang == "vi" else "Assignment"
    for i, values in enumerate([list(table.columns), *table.itertuples(index=False)], start=1):
        for j, value in enumerate(values, start=1):
            set_cell(sheet.cell(i, j), value)
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F4E79")
    for column, width in zip("ABCD", (8, 55, 32, 60)):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    about = book.create_sheet("Thông tin" if lang == "vi" else "About")
    about.append(["Kế hoạch" if lang == "vi" else "Plan"])
    set_cell(about.cell(1, 2), plan_name(assignment.plan, lang))
    about.append(["Năm" if lang == "vi" else "Year", assignment.year])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
