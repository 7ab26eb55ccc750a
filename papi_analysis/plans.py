"""A plan's table of components and agencies, as a Sở types it, without pandas.

Parsing (CSV or Excel, codes or names, Vietnamese or English headers) and storing a plan's rows
live here, so that an ingest can give a new database the default plan without loading pandas;
`assignments` offers the same tables as DataFrames to the analysis and the pages.
"""
from __future__ import annotations

import contextlib
import csv
import dataclasses
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
from .ingest.errors import IngestError, cell_name
from .ingest.workbook import read_sheets
from .limits import MB, PLAN_FILE_MB, PLAN_ROWS, megabytes
from .provinces import fold
from .sanitise import clean, one_line

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
            sheets = read_sheets(Path(path), name)
        except IngestError as exc:
            raise AssignmentError(str(exc)) from None
        for sheet in sheets:
            if sheet.uncached:  # read as empty, a target, task or lead would vanish without a word
                cells = ", ".join(cell_name(*cell) for cell in sorted(sheet.uncached)[:5])
                raise AssignmentError(f"'{name}', sheet '{sheet.name}': {sheet.uncached_count} formula cell(s) saved "
                                      f"without a result ({cells}); open the file in Excel or LibreOffice, save it "
                                      "and import it again")
        return [(f"{name}, sheet {sheet.name}", sheet.rows) for sheet in sheets]
    try:
        content = Path(path).read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise AssignmentError(f"'{name}': not a UTF-8 CSV file (save it from Excel as 'CSV UTF-8')") from None
    header = content.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=header.count)  # Excel writes ';' in some locales
    try:
        return [(name, list(csv.reader(io.StringIO(content), delimiter=delimiter)))]
    except csv.Error as exc:  # a cell longer than the csv module's field limit: not a table a Sở typed
        raise AssignmentError(f"'{name}': not a readable CSV table ({exc})") from None


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


def _store_plan(con: duckdb.DuckDBPyConnection, plan: str, year: int | None, source: str,
                province: int | None, number: str | None, when: date | None) -> int:
    """The plan's own row, replacing an earlier version of the same name whole (rows, targets, leads)."""
    plan, source = one_line(plan), clean(source)  # the rows are cleaned by store.insert_rows
    existing = con.execute("SELECT plan_id FROM assignment_plans WHERE name = ?", [plan]).fetchall()
    if existing:
        plan_id = existing[0][0]
        _delete(con, plan_id)
    else:
        plan_id = con.execute("SELECT coalesce(max(plan_id), 0) + 1 FROM assignment_plans").fetchall()[0][0]
    con.execute("INSERT INTO assignment_plans (plan_id, name, year, created_at, source, province_code, "
                "document_number, document_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [plan_id, plan, year, datetime.now(timezone.utc).replace(tzinfo=None), source, province,
                 number or None, when])
    return plan_id


def _delete(con: duckdb.DuckDBPyConnection, plan_id: int) -> None:
    for table in ("assignments", "plan_targets", "assignment_plans"):
        con.execute(f"DELETE FROM {table} WHERE plan_id = ?", [plan_id])  # noqa: S608 (our table names)


def add_default_plan(con: duckdb.DuckDBPyConnection) -> None:
    """The project's default drafts, so that every database names the agencies: the 2024 draft, and its 2025
    successor naming only the departments that remain after Nghị định 45/2025/NĐ-CP and the communes instead
    of the districts."""
    rows = read_rows(DEFAULT_PLAN_FILE)
    save_appendix(con, DEFAULT_PLAN, DEFAULT_PLAN_YEAR, assignment_rows(rows), f"data/{DEFAULT_PLAN_FILE.name}")
    save_appendix(con, DEFAULT_PLAN_2025, 2025, assignment_rows([(code, current(lead), _current_all(supporting))
                                                                 for code, lead, supporting in rows]),
                  f"data/{DEFAULT_PLAN_FILE.name}, departments as of 1 July 2025")


def assignment_rows(rows: list[PlanRow]) -> list[AppendixRow]:
    """An assignment table's rows (component, lead, supporting) as a plan's rows without targets."""
    return [AppendixRow(number, code, "", "", "", "", lead, list(supporting), "")
            for number, (code, lead, supporting) in enumerate(rows, start=1)]


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


# Rows of an appendix that are part of the form, not of the plan (folded text): a notes row and what follows it,
# and the signature block that ends the table ("Nơi nhận", "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "(Đã ký)").
_NUMBERING_CELL = re.compile(r"\(?\s*(?:\d{1,2}|[a-z])\s*\)?(?:\s*[-+=x*/:]\s*\(?\s*(?:\d{1,2}|[a-z])\s*\)?)*")
_NOTES = re.compile(r"^(?:\(?\*+\)?|(?:ghi chu|chu thich|luu y|chu y|notes?)\b)")
_FOOTER = re.compile(r"^(?:noi nhan|(?:tm|kt|tl|tuq|q)\s*\.\s*\S|\(?da ky\)?$|(?:pho )?chu tich$|(?:pho )?giam doc$|"
                     r"nguoi lap(?: bieu)?$|\(?ky,? (?:ghi ro )?ho ten)")
_PLAN_NUMBER = re.compile(r"(?:k[eế]\s*ho[aạ]ch|s[oố])\s*(?:s[oố])?\s*:?\s*(\d+\s*/\s*[\w-]*[A-Za-z][\w-]*)", re.IGNORECASE)
_PLAN_DATE = re.compile(r"ng[aà]y\s+(\d{1,2})(?:\s*[/.-]\s*|\s+th[aá]ng\s+)(\d{1,2})(?:\s*[/.-]\s*|\s+n[aă]m\s+)(\d{4})",
                        re.IGNORECASE)
_PLAN_YEAR = re.compile(r"\bn[aă]m\s+(20\d\d)\b|/(20\d\d)\b", re.IGNORECASE)  # "NĂM 2024"; else ".../.../2024"
SKIPPED_KINDS = ("numbering", "section", "notes", "footer")


@dataclass(frozen=True)
class Appendix:
    """An appendix as read: its plan rows, the rows of the form left out (row number, kind), and what its title
    says (the plan's document number and date, the year), offered for the plan's name and fields."""
    where: str
    rows: list[AppendixRow]
    skipped: list[tuple[int, str]]
    titles: list[str]
    number: str | None
    date: date | None
    year: int | None

    @property
    def name(self) -> str | None:
        return f"Kế hoạch {self.number}" if self.number else None


def _text(value) -> str:
    """A cell as the province typed it: whole numbers without '.0', decimals with a comma, dates as dd/mm/yyyy."""
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:g}".replace(".", ",")
    if isinstance(value, (date, datetime)):
        return value.strftime("%d/%m/%Y")
    return str(value).strip()


def _form_row(cells: list[str], header_width: int) -> str | None:
    """What kind of the form's own rows a row is (a kind of SKIPPED_KINDS but 'section'), or None."""
    filled = [fold(c) for c in cells if c]
    if len(filled) >= max(3, header_width // 2) and all(_NUMBERING_CELL.fullmatch(c) for c in filled):
        return "numbering"  # "(1) (2) (3) ... (8)" under the header
    if any(_FOOTER.match(c) for c in filled):
        return "footer"
    if filled and _NOTES.match(filled[0]):
        return "notes"
    return None


def _title_facts(titles: list[str]) -> tuple[str | None, date | None, int | None]:
    """(document number, date, year) from an appendix's title lines: '(Kèm theo Kế hoạch số 123/KH-UBND ngày
    05/6/2024 của UBND tỉnh)', '... NĂM 2024'. A date left blank ('ngày .../.../2024') is no date."""
    joined = "\n".join(titles)
    number = next((re.sub(r"\s+", "", m.group(1)) for m in _PLAN_NUMBER.finditer(joined)), None)
    found = _PLAN_DATE.search(joined)
    when = None
    if found:
        with contextlib.suppress(ValueError):
            when = date(int(found.group(3)), int(found.group(2)), int(found.group(1)))
    found_years = _PLAN_YEAR.findall(joined)
    years = [int(named) for named, _ in found_years if named] or [int(dated) for _, dated in found_years if dated]
    return number, when, years[0] if years else None


def read_appendix(path: Path, display_name: str, year: int | None = None) -> Appendix:
    """A plan's appendix as provinces type it in Excel or CSV: a letterhead, merged title cells, a header row
    (STT, component, last year's result, target, tasks, lead, supporting agencies, deadline), a numbering row
    under it, section rows ("A. CHỈ TIÊU CHUNG"), Roman numerals on dimension rows, notes and a signature block.
    The form's own rows are left out and listed; every other row is kept: a row naming no component is a
    general task. `year` (default: the title's) is the structure the components' names are read in."""
    for where, rows in _tables(path, display_name):
        header_index = next((i for i, row in enumerate(rows[:30])
                             if {"lead", "component"} <= set(_appendix_roles(row))), None)
        if header_index is None:
            continue
        roles = _appendix_roles(rows[header_index])
        titles = [_text(v) for row in rows[:header_index] for v in row if isinstance(v, str) and v.strip()]
        number_, when, titled_year = _title_facts(titles)
        year = year if year is not None else titled_year or date.today().year
        found, skipped, in_notes = [], [], False
        for number, row in enumerate(rows[header_index + 1:], start=header_index + 2):
            cells = [_text(v) for v in row]
            cell = lambda role: cells[roles[role]] if role in roles and roles[role] < len(cells) else ""  # noqa: E731
            if not any(cells):
                continue
            kind = _form_row(cells, len(roles))
            if kind == "footer":  # the signature block ends the table: nothing under it is the plan's
                skipped.append((number, kind))
                break
            code = _component(cell("number"), cell("component"), year)
            in_notes = kind == "notes" or (in_notes and code is None and sum(1 for c in cells if c) == 1)
            details = [cell(role) for role in ("previous", "target", "tasks", "lead", "supporting", "deadline")]
            if kind is None and in_notes:
                kind = "notes"
            elif kind is None and code is None and not any(details):
                kind = "section"  # "A. CHỈ TIÊU CHUNG", a merged heading: no component, nothing asked of anyone
            if kind is not None:
                skipped.append((number, kind))
                continue
            supporting = [a for a in _SPLIT.split(cell("supporting")) if a] if cell("supporting") else []
            found.append(AppendixRow(number, code, cell("component") or cell("number"), cell("previous"),
                                     cell("target"), cell("tasks"), cell("lead"), supporting, cell("deadline")))
        return Appendix(where, found, skipped, titles, number_, when, titled_year)
    raise AssignmentError(f"'{display_name}': no appendix table: looked for a header row naming the component "
                          f"('Chỉ số nội dung / nội dung thành phần') and the lead agency ('Cơ quan chủ trì')")


def template_xlsx(year: int) -> bytes:
    """The appendix as a blank form to fill in, in the layout `read_appendix` reads: letterhead, title, header,
    the column-numbering row, the year's dimensions (Roman numerals) and sub-dimensions by name, a notes row
    and the signature block."""
    import openpyxl
    from openpyxl.styles import Alignment, Border, Font, Side

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Phụ lục"
    sheet["A1"], sheet["E1"], sheet["E2"] = "ỦY BAN NHÂN DÂN TỈNH ...", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", \
        "Độc lập - Tự do - Hạnh phúc"
    sheet.merge_cells("A1:C1"), sheet.merge_cells("E1:H1"), sheet.merge_cells("E2:H2")
    titles = ("PHỤ LỤC", f"CHỈ TIÊU, NHIỆM VỤ, GIẢI PHÁP NÂNG CAO CHỈ SỐ HIỆU QUẢ QUẢN TRỊ VÀ HÀNH CHÍNH CÔNG (PAPI) "
              f"NĂM {year}", f"(Kèm theo Kế hoạch số ....../KH-UBND ngày ..../..../{year} của Ủy ban nhân dân tỉnh)")
    for row, title in enumerate(titles, start=4):
        sheet.cell(row, 1, title).font = Font(bold=row < 6, italic=row == 6)
        sheet.cell(row, 1).alignment = Alignment(horizontal="center", wrap_text=True)
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=8)
    header = ["STT", "Chỉ số nội dung / Nội dung thành phần", f"Kết quả năm {year - 1}", f"Chỉ tiêu năm {year}",
              "Nhiệm vụ, giải pháp", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện"]
    sheet.append([])
    sheet.append(header)
    sheet.append([f"({i})" for i in range(1, len(header) + 1)])
    sheet.append(["", "Chỉ số PAPI tổng hợp"])
    roman = {number: numeral.upper() for numeral, number in _ROMAN.items()}
    for dimension, codes in subdimensions_in(year).items():
        sheet.append([roman[int(dimension[1:])], COMPONENTS[dimension].name_vi])
        sheet.cell(sheet.max_row, 2).font = Font(bold=True)
        for number, code in enumerate(codes, start=1):
            sheet.append([number, COMPONENTS[code].name_vi])
    edge = Side(style="thin")
    for cells in sheet.iter_rows(min_row=8, max_row=sheet.max_row, max_col=len(header)):
        for cell in cells:
            cell.border = Border(left=edge, right=edge, top=edge, bottom=edge)
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    for cell in sheet[8]:
        cell.font = Font(bold=True)
    sheet.append([])
    sheet.append(["Ghi chú: cột (4) ghi chỉ tiêu như \"Đạt từ 1,50 điểm trở lên\", \"Tăng ít nhất 01 bậc\", \"Thoát khỏi "
                  "nhóm thấp nhất\", \"Nằm trong tốp 10\"; một dòng không gắn với nội dung nào là nhiệm vụ chung."])
    sheet.merge_cells(start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=8)
    sheet.append([])
    sheet.append(["Nơi nhận:", None, None, None, None, "TM. ỦY BAN NHÂN DÂN"])
    sheet.append(["- Như trên;", None, None, None, None, "KT. CHỦ TỊCH"])
    sheet.append(["- Lưu: VT.", None, None, None, None, "PHÓ CHỦ TỊCH"])
    for column, width in zip("ABCDEFGH", (6, 42, 16, 26, 40, 24, 30, 16)):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "C10"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


EDITABLE = ("code", "label", "previous", "target", "tasks", "lead", "supporting", "deadline")


def appendix_rows(records: list[dict], year: int) -> list[AppendixRow]:
    """Rows as edited in the dashboard (a code, or a component's name in `label`; `row`, the sheet's row where
    the row was imported) -> AppendixRows. A row that names no component is kept, as an imported one is."""
    rows = []
    for number, record in enumerate(records, start=1):
        value = {key: _text(record.get(key)) for key in EDITABLE}
        if not any(value.values()):
            continue
        code = _code_of(value["code"]) if value["code"] else _component("", value["label"], year)
        if value["code"] and code is None:
            raise AssignmentError(f"row {number}: unknown component code '{value['code']}'")
        row = record.get("row")
        row = int(row) if isinstance(row, (int, float)) and row == row else max([r.row for r in rows] + [0]) + 1
        rows.append(AppendixRow(row, code, value["label"], value["previous"], value["target"], value["tasks"],
                                value["lead"], [a for a in _SPLIT.split(value["supporting"]) if a], value["deadline"]))
    if not rows:
        raise AssignmentError("the plan has no rows")
    if len({row.row for row in rows}) < len(rows):  # rows added between imported ones: numbered in order
        rows = [dataclasses.replace(row, row=number) for number, row in enumerate(rows, start=1)]
    return rows


def without_lead(rows: list[AppendixRow], year: int) -> list[str]:
    """The year's sub-dimensions that no row of the plan gives a lead agency (nor their dimension): the
    dashboard shows them without one while this plan is in force."""
    led = {row.code for row in rows if row.code and row.lead}
    return [code for dimension, codes in subdimensions_in(year).items() if dimension not in led
            for code in codes if code not in led]


def save_appendix(con: duckdb.DuckDBPyConnection, plan: str, year: int | None, rows: list[AppendixRow],
                  source: str, province: int | None = None, number: str | None = None,
                  when: date | None = None, expected: PlanVersion | None = None) -> None:
    """Store a whole plan in an open transaction, replacing an earlier version of the same name: its rows (targets,
    tasks, general tasks, deadlines) and the leads they name, which make it an assignment as well. With
    `expected` (the version an editor showed), a plan saved by someone else meanwhile is refused (StalePlan)."""
    plan, source = one_line(plan), clean(source)  # the rows are cleaned by store.insert_rows
    if not plan:
        raise AssignmentError("the plan needs a name, e.g. 'Kế hoạch 123/KH-UBND'")
    check_plan(con, plan, year, rows, expected)
    plan_id = _store_plan(con, plan, year, source, province, number, when)
    leads = {}
    for row in rows:
        if row.code and row.lead and row.code not in leads:
            leads[row.code] = (plan_id, row.code, row.lead, list(row.supporting))
    store.insert_rows(con, "assignments", ("plan_id", "code", "lead_agency", "supporting_agencies"),
                      list(leads.values()))
    store.insert_rows(con, "plan_targets", ("plan_id", "row_number", "code", "label", "previous_result", "target",
                                            "tasks", "lead_agency", "supporting_agencies", "deadline"),
                      [(plan_id, r.row, r.code, r.label, r.previous, r.target, r.tasks, r.lead, r.supporting, r.deadline)
                       for r in rows])


# A plan is for a survey year (PAPI since 2009; a plan may look two years ahead).
FIRST_PLAN_YEAR = 2009
PLAN_YEARS_AHEAD = 2


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
    if len(rows) > PLAN_ROWS:
        raise AssignmentError(f"the plan '{plan}' has {len(rows):,} rows; the limit is {PLAN_ROWS:,} "
                              f"(an appendix has one row a component or task)")
    check_year(year)
    check_version(con, plan, expected)


def check_version(con: duckdb.DuckDBPyConnection, plan: str, expected: PlanVersion | None) -> None:
    """Refuse a change based on an older version of a plan (StalePlan); with no `expected`, nothing to check."""
    if expected is not None:
        now = version(con, plan)
        if now.saved_at != expected.saved_at:
            raise StalePlan(plan, now)


@dataclass(frozen=True)
class StoredPlan:
    """A stored plan's own fields: what a page lists, and a document cites as its basis."""
    name: str
    year: int | None
    province: int | None
    number: str | None  # the document's number, '123/KH-UBND'
    date: date | None  # the day it was signed
    source: str | None
    targets: int  # rows with a target that name a component

    def document(self, lang: str = "vi") -> str | None:
        """'Kế hoạch số 123/KH-UBND ngày 05/6/2024', or None for a plan without a number."""
        return document_title(self.number, self.date, lang)


def document_title(number: str | None, when: date | None, lang: str = "vi") -> str | None:
    """A plan as a document cites it: 'Kế hoạch số 123/KH-UBND ngày 05/6/2024' (a day below 10 and the months 1
    and 2 with a leading zero, as Nghị định 30/2020/NĐ-CP writes dates); None without a number."""
    if not number:
        return None
    if lang == "en":
        return f"Plan No. {number}" + (f" of {when:%d/%m/%Y}" if when else "")
    if when is None:
        return f"Kế hoạch số {number}"
    month = f"{when.month:02d}" if when.month < 3 else str(when.month)
    return f"Kế hoạch số {number} ngày {when.day:02d}/{month}/{when.year}"


_PLAN_FIELDS = """SELECT p.name, p.year, p.province_code, p.document_number, p.document_date, p.source,
       (SELECT count(*) FROM plan_targets t WHERE t.plan_id = p.plan_id AND t.code IS NOT NULL
        AND coalesce(t.target, '') <> '') AS targets
    FROM assignment_plans p"""


def stored_plans(con: duckdb.DuckDBPyConnection, province: int | None = None) -> list[StoredPlan]:
    """The plans a province may use (its own, and those for no province in particular), latest first."""
    rows = con.execute(f"""{_PLAN_FIELDS}
        WHERE $province IS NULL OR p.province_code IS NULL OR p.province_code = $province
        ORDER BY p.year DESC NULLS LAST, p.province_code IS NULL, p.created_at DESC""",  # noqa: S608
                       {"province": province}).fetchall()
    return [StoredPlan(*row) for row in rows]


def stored_plan(con: duckdb.DuckDBPyConnection, plan: str) -> StoredPlan | None:
    row = con.execute(f"{_PLAN_FIELDS} WHERE p.name = ?", [plan]).fetchone()  # noqa: S608
    return StoredPlan(*row) if row else None


def in_force(con: duckdb.DuckDBPyConnection, province: int | None, year: int | None) -> str | None:
    """The one rule for the plan in force, on every page, command and document: among the province's plans (its
    own first, then those for any province), the latest whose year is not after the year shown, the latest
    imported of a year; where every plan is later, the earliest (its targets are then pending). None: no plan."""
    row = con.execute("""
        SELECT name FROM assignment_plans
        WHERE $province IS NULL OR province_code IS NULL OR province_code = $province
        ORDER BY ($year IS NULL OR year IS NULL OR year <= $year) DESC,
                 CASE WHEN $year IS NULL OR year IS NULL OR year <= $year THEN -coalesce(year, 0) ELSE year END,
                 province_code IS NULL, created_at DESC
        LIMIT 1""", {"province": province, "year": year}).fetchone()
    return row[0] if row else None


def delete_plan(con: duckdb.DuckDBPyConnection, plan: str) -> None:
    plan_id = _plan_id(con, plan)
    _delete(con, plan_id)


def rename_plan(con: duckdb.DuckDBPyConnection, plan: str, new_name: str) -> None:
    new_name = one_line(new_name)
    if not new_name:
        raise AssignmentError("the plan needs a name, e.g. 'Kế hoạch 123/KH-UBND'")
    plan_id = _plan_id(con, plan)
    if new_name != plan and con.execute("SELECT 1 FROM assignment_plans WHERE name = ?", [new_name]).fetchone():
        raise AssignmentError(f"a plan named '{new_name}' is already stored")
    con.execute("UPDATE assignment_plans SET name = ? WHERE plan_id = ?", [new_name, plan_id])


_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")


def next_year_rows(rows: list[AppendixRow]) -> list[AppendixRow]:
    """A plan's rows for the next year: targets, tasks and agencies kept, every year in a deadline moved on one
    ('Quý II/2024' -> 'Quý II/2025', 'Năm học 2024-2025' -> 'Năm học 2025-2026'); last year's results emptied,
    as they are now the year before's."""
    return [dataclasses.replace(row, previous="", deadline=_YEAR.sub(lambda m: str(int(m.group(1)) + 1), row.deadline))
            for row in rows]


def copy_to_next_year(con: duckdb.DuckDBPyConnection, plan: str, new_name: str) -> int:
    """A copy of a plan for the year after its own (see `next_year_rows`), without a document number or date:
    the new plan is not signed yet. Returns the new plan's year."""
    source = stored_plan(con, plan)
    if source is None:
        raise AssignmentError(f"no plan named '{plan}'")
    new_name = one_line(new_name)
    if con.execute("SELECT 1 FROM assignment_plans WHERE name = ?", [new_name]).fetchone():
        raise AssignmentError(f"a plan named '{new_name}' is already stored")
    year = (source.year or date.today().year) + 1
    save_appendix(con, new_name, year, next_year_rows(targets_of(con, plan)), f"copy of '{plan}'", source.province)
    return year


def _plan_id(con: duckdb.DuckDBPyConnection, plan: str) -> int:
    row = con.execute("SELECT plan_id FROM assignment_plans WHERE name = ?", [plan]).fetchone()
    if row is None:
        raise AssignmentError(f"no plan named '{plan}'")
    return row[0]


def targets_of(con: duckdb.DuckDBPyConnection, plan: str) -> list[AppendixRow]:
    """Every row of a plan (targets, general tasks, leads), in the plan's order. A plan stored before plans kept
    their rows gives its leads as rows."""
    rows = con.execute("""
        SELECT t.row_number, t.code, t.label, t.previous_result, t.target, t.tasks, t.lead_agency,
               t.supporting_agencies, t.deadline
        FROM plan_targets t JOIN assignment_plans p USING (plan_id) WHERE p.name = ? ORDER BY t.row_number""",
                       [plan]).fetchall()
    if not rows:
        return assignment_rows(con.execute("""
            SELECT a.code, a.lead_agency, a.supporting_agencies FROM assignments a JOIN assignment_plans p
            USING (plan_id) WHERE p.name = ?""", [plan]).fetchall())
    return [AppendixRow(number, code, label or "", previous or "", target or "", tasks or "", lead or "",
                        list(supporting or []), deadline or "")
            for number, code, label, previous, target, tasks, lead, supporting, deadline in rows]
