"""Which provincial agency leads each component, under a named plan.

A Sở types its plan's appendix as a table: a component (code or name), a lead agency, and
supporting agencies. Several plans can be stored; the one in force (`plans.in_force`) applies
unless one is chosen.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import duckdb
import openpyxl
import pandas as pd
from openpyxl.styles import Font, PatternFill

from . import plans as plans_module
from . import store
from .codebook import COMPONENTS, code_order
from .i18n import text
from .sanitise import csv_text, set_cell
from .plans import read_upload as read_plan_upload
from .plans import (DEFAULT_PLAN, DEFAULT_PLAN_YEAR, AssignmentError, PlanRow, StoredPlan,  # noqa: F401
                    check_year, parse_rows, plan_name, read_rows)


@dataclass(frozen=True)
class Assignment:
    plan: str
    year: int | None
    rows: pd.DataFrame  # code, lead_agency, supporting_agencies (list)
    stored: StoredPlan | None = None  # the plan's own fields: its document number and date, its province

    def document(self, lang: str = "vi") -> str | None:
        """The plan as a document cites it, 'Kế hoạch số 123/KH-UBND ngày 05/6/2024'; None without a number."""
        return self.stored.document(lang) if self.stored else None

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
    """Store an assignment table as a plan (replacing an earlier version of the same name) in one transaction.
    A plan with targets is never replaced by a table of leads alone: its targets and tasks would be lost."""
    if not plan.strip():
        raise AssignmentError("the plan needs a name, e.g. 'Kế hoạch 123/KH-UBND năm 2024'")
    check_year(year)
    rows = plans_module.assignment_rows(list(zip(table.code, table.lead_agency, table.supporting_agencies)))

    def change(con: duckdb.DuckDBPyConnection) -> None:
        existing = plans_module.stored_plan(con, plan.strip())
        if existing is not None and existing.targets:
            raise AssignmentError(f"plan '{plan.strip()}' has {existing.targets} targets, which a table of lead "
                                  f"agencies would delete: import its appendix ('plan import') or choose another name")
        plans_module.save_appendix(con, plan.strip(), year, rows, source,
                                   existing.province if existing else None,
                                   existing.number if existing else None, existing.date if existing else None)
    store.write(db_path, change)


def plans(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Stored plans, latest first."""
    return con.execute("""
        SELECT p.name AS plan, p.year, p.created_at, p.source, count(a.code) AS components
        FROM assignment_plans p LEFT JOIN assignments a USING (plan_id)
        GROUP BY ALL ORDER BY p.year DESC NULLS LAST, p.created_at DESC""").df()


def load(con: duckdb.DuckDBPyConnection, plan: str | None = None, year: int | None = None,
         province: int | None = None) -> Assignment | None:
    """A stored plan by name, or the plan in force for the province in the year (`plans.in_force`); None when no
    plan is stored."""
    plan = plan or plans_module.in_force(con, province, year)
    if plan is None:
        return None
    stored = plans_module.stored_plan(con, plan)
    if stored is None:
        raise AssignmentError(f"no plan named '{plan}'; stored plans: {', '.join(plans(con).plan)}")
    rows = con.execute("""
        SELECT a.code, a.lead_agency, a.supporting_agencies FROM assignments a
        JOIN assignment_plans p USING (plan_id) WHERE p.name = ? ORDER BY a.code""", [plan]).df()
    rows["supporting_agencies"] = rows.supporting_agencies.map(list)
    return Assignment(plan, stored.year, rows, stored)


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
