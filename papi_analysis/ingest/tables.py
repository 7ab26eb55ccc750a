"""Finding a PAPI table in a sheet by its content, and reading it into values.

Two layouts exist. In the older one (2011-2017) each row is a province and each column a
component. In the newer one (2018 on) each row is a component or survey indicator and each
column a province. Either may sit below title rows, beside blank columns, under rows mapping
provinces to the 2025 units, and under any sheet name: we find the province axis first, then
the component labels along the other axis.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from ..codebook import COMPONENTS, TOTAL, component_code_from_label, subdimension_scale, total_scale
from ..provinces import Province, fold, match_province
from .cells import BadCell, Scale, looks_like_scale, parse_scale, read_number
from openpyxl.utils import get_column_letter

from .errors import IngestError, cell_name
from .workbook import Sheet

LONG = "indicator-per-row"
WIDE = "province-per-row"
MIN_PROVINCES = 10
MIN_COMPONENTS = 3
_YEAR = re.compile(r"(?<!\d)(20[0-4]\d)(?!\d)")
# Rows or columns of national figures that sit beside the provinces in some files.
_AGGREGATE_WORDS = ("ca nuoc", "toan quoc", "trung binh", "national", "mean", "average", "median",
                    "trung vi", "cao nhat", "thap nhat", "max", "min", "tong", "total", "vietnam", "viet nam")


class Value(NamedTuple):  # a tuple, not a dataclass: a workbook yields tens of thousands
    province: int
    code: str
    weighting: str  # "unweighted" | "weighted"
    statistic: str  # "score" | "ci_low" | "ci_high" | "se" | "variance" | "observations"
    value: float
    cell: str


@dataclass
class Row:
    """A component or indicator as this sheet publishes it."""
    code: str
    level: str
    parent: str | None
    label_vi: str | None
    label_en: str | None
    scale: Scale | None
    sheet_row: int


@dataclass
class SheetTable:
    sheet: str
    layout: str
    year: int
    values: list[Value] = field(default_factory=list)
    rows: dict[str, Row] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    fingerprint: dict[tuple[int, str], float] = field(default_factory=dict)  # set by validate()

    @property
    def provinces(self) -> set[int]:
        return {v.province for v in self.values if v.statistic == "score"}


@lru_cache(maxsize=8192)
def _province_of(text: str) -> Province | None:
    return match_province(text)


@lru_cache(maxsize=8192)
def _folded(text: str) -> str:
    return fold(text)


def _as_province(value: object) -> Province | None:
    return _province_of(value) if isinstance(value, str) and 1 < len(value) < 60 else None


def _is_aggregate(text: str) -> bool:
    folded = _folded(text)
    return any(word in folded for word in _AGGREGATE_WORDS)


def _is_boilerplate(folded: str) -> bool:
    return any(word in folded for word in ("copyright", "ban quyen", "www.", "ghi chu", "note:"))


def _is_total_label(folded: str) -> bool:
    """'Chỉ số PAPI 2018 (không có trọng số)', 'Unweighted PAPI Score', 'Chỉ số PAPI tổng hợp'."""
    return ("chi so papi" in folded or "papi score" in folded or "papi index" in folded
            or folded.startswith("papi")) and not _is_boilerplate(folded)


def _is_vietnamese(text: str) -> bool:
    return _folded(text) != " ".join(text.lower().split())


def _distinct(cells: dict[int, Province]) -> int:
    return len({p.code for p in cells.values()})


def read_table(sheet: Sheet, file: str) -> SheetTable | None:
    """The PAPI table in a sheet, or None when the sheet holds none."""
    rows = sheet.rows
    by_row: dict[int, dict[int, Province]] = {}
    by_col: dict[int, dict[int, Province]] = {}
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            province = _as_province(value)
            if province is not None:
                by_row.setdefault(i, {})[j] = province
                by_col.setdefault(j, {})[i] = province
    best_row = max(by_row, key=lambda i: (_distinct(by_row[i]), i), default=None)
    best_col = max(by_col, key=lambda j: (_distinct(by_col[j]), -j), default=None)
    row_count = _distinct(by_row[best_row]) if best_row is not None else 0
    col_count = _distinct(by_col[best_col]) if best_col is not None else 0
    if row_count >= MIN_PROVINCES and row_count >= col_count:
        return _LongReader(sheet, file, best_row, by_row[best_row]).read()
    if col_count >= MIN_PROVINCES:
        return _WideReader(sheet, file, best_col, by_col[best_col]).read()
    return None


class _Reader:
    layout = ""

    def __init__(self, sheet: Sheet, file: str):
        self.sheet, self.file = sheet, file
        self.table: SheetTable | None = None

    def error(self, message: str, row: int | None = None, col: int | None = None) -> IngestError:
        cell = cell_name(row, col) if row is not None and col is not None else None
        return IngestError(self.file, message, sheet=self.sheet.name, cell=cell)

    def number(self, raw: object, row: int, col: int, label: str) -> float | None:
        try:
            return read_number(raw)
        except BadCell as exc:
            raise self.error(f"text in a score cell: {exc} (row '{label[:60]}')", row, col) from None

    def year(self, candidates: list[str]) -> int:
        """The first year named by the table's own labels, its title rows, or the sheet name.

        Text naming several years (a file name such as 'PAPI-2015-2023', a copyright line's
        publication year beside the survey year) is passed over.
        """
        for text in candidates + [self.sheet.name]:
            years = set(_YEAR.findall(text))
            if len(years) == 1 and not _is_boilerplate(_folded(text)):
                return int(years.pop())
        raise self.error("cannot tell which year this table holds: no year in its labels, title or sheet name")

    def check_unknown(self, text: object, row: int, col: int) -> None:
        if isinstance(text, str) and text.strip() and _as_province(text) is None and not _is_aggregate(text):
            raise self.error(f"unknown province '{text.strip()}'", row, col)


class _LongReader(_Reader):
    """One component or indicator per row, one province per column."""
    layout = LONG

    def __init__(self, sheet: Sheet, file: str, name_row: int, provinces: dict[int, Province]):
        super().__init__(sheet, file)
        self.name_row = name_row
        self.columns = self._province_columns(provinces)
        self.column_cells = [(j, p.code, get_column_letter(j + 1)) for j, p in sorted(self.columns.items())]
        self.rows_read: dict[tuple[str, str, str], int] = {}

    def _province_columns(self, provinces: dict[int, Province]) -> dict[int, Province]:
        first = min(provinces)
        seen: dict[int, int] = {}
        row = self.sheet.rows[self.name_row]
        for j in range(first, len(row)):
            self.check_unknown(row[j], self.name_row, j)
            if j in provinces:
                code = provinces[j].code
                if code in seen:
                    raise self.error(f"province '{provinces[j].name_vi}' appears twice "
                                     f"(also in {cell_name(self.name_row, seen[code])})", self.name_row, j)
                seen[code] = j
        return provinces

    def read(self) -> SheetTable | None:
        rows = self.sheet.rows
        first_col = min(self.columns)
        scale_col = self._scale_column(first_col)
        label_cols = [j for j in range(first_col) if j != scale_col]
        parsed = []
        for i, row in enumerate(rows):
            if i == self.name_row:
                continue
            labels = [str(row[j]).strip() for j in label_cols if j < len(row) and isinstance(row[j], str) and row[j].strip()]
            if labels:
                parsed.append((i, row, labels))
        codes = [c for _, _, labels in parsed for c in map(component_code_from_label, labels) if c]
        if len(set(codes)) < MIN_COMPONENTS:
            return None
        titles = [str(v) for row in rows[:self.name_row] for v in row if isinstance(v, str)]
        total_labels = [" ".join(labels) for _, _, labels in parsed if _is_total_label(_folded(" ".join(labels)))]
        self.table = SheetTable(self.sheet.name, self.layout, self.year(total_labels + titles))
        self._read_rows(parsed, scale_col)
        return self.table

    def _scale_column(self, first_col: int) -> int | None:
        counts = {j: sum(1 for row in self.sheet.rows if j < len(row) and looks_like_scale(row[j]))
                  for j in range(first_col)}
        best = max(counts, key=counts.get, default=None)
        return best if best is not None and counts[best] >= MIN_COMPONENTS else None

    def _read_rows(self, parsed: list, scale_col: int | None) -> None:
        current: str | None = None  # the component the following rows belong to
        subdimension: str | None = None
        indicator_count = 0
        for i, row, labels in parsed:
            joined = _folded(" ".join(labels))
            if "ma tinh" in joined or "province code" in joined:
                self._check_codes(i, row)
                continue
            scale = parse_scale(row[scale_col]) if scale_col is not None and scale_col < len(row) else None
            code = next(filter(None, map(component_code_from_label, labels)), None)
            statistic = _statistic(joined)
            weighting = _weighting(joined)
            if statistic is not None:
                if statistic == "observations" or ("papi" in joined and not _is_boilerplate(joined)):
                    target = TOTAL
                else:
                    target = _dimension_named(joined) or current
                if target is None:
                    continue
                self._read_values(i, row, labels, target, weighting, statistic)
                continue
            if code is None and _is_total_label(joined):
                code = TOTAL
            if code is not None:
                current = code
                if COMPONENTS[code].level == "subdimension":
                    subdimension, indicator_count = code, 0
                elif code != TOTAL:
                    subdimension = None
                weighting = weighting if code == TOTAL else "unweighted"
                if weighting == "unweighted":  # the weighted total shares the unweighted total's scale
                    self._remember(code, labels, scale, i)
                self._read_values(i, row, labels, code, weighting, "score")
                continue
            if subdimension is None or scale is None:
                continue
            if not any(isinstance(row[j], (int, float)) for j in self.columns if j < len(row)):
                continue
            indicator_count += 1
            indicator = f"{subdimension}.{indicator_count}"
            self._remember(indicator, labels, scale, i, parent=subdimension)
            self._read_values(i, row, labels, indicator, "unweighted", "score")

    def _remember(self, code: str, labels: list[str], scale: Scale | None, i: int, parent: str | None = None) -> None:
        label_vi = next((text for text in labels if _is_vietnamese(text)), None)
        label_en = next((text for text in labels if not _is_vietnamese(text)), None)
        level = COMPONENTS[code].level if code in COMPONENTS else "indicator"
        if code not in self.table.rows or self.table.rows[code].level == "indicator":
            parent = parent if parent is not None else (COMPONENTS[code].parent if code in COMPONENTS else None)
            self.table.rows[code] = Row(code, level, parent, label_vi, label_en, scale, i)

    def _read_values(self, i: int, row: tuple, labels: list[str], code: str, weighting: str, statistic: str) -> None:
        key = (code, weighting, statistic)
        if key in self.rows_read:
            self.table.warnings.append(f"row {i + 1} ('{labels[-1][:50]}') repeats {code} {weighting} {statistic} "
                                       f"already read from row {self.rows_read[key] + 1}; ignored")
            return
        self.rows_read[key] = i
        append, row_number, width = self.table.values.append, str(i + 1), len(row)
        for j, province_code, letter in self.column_cells:
            if j >= width:
                continue
            raw = row[j]
            number = raw if type(raw) is float else self.number(raw, i, j, labels[-1])  # fast path: most cells
            if number is not None and number == number:  # NaN is no data
                append(Value(province_code, code, weighting, statistic, number, letter + row_number))

    def _check_codes(self, i: int, row: tuple) -> None:
        for j, province in self.columns.items():
            raw = row[j] if j < len(row) else None
            try:
                code = read_number(raw)
            except BadCell:
                code = None
            if code is not None and int(code) != province.code:
                raise self.error(f"province code {code:g} does not match the province named in its column "
                                 f"('{province.name_vi}' has code {province.code})", i, j)


def _statistic(folded_label: str) -> str | None:
    if "khoang tin cay" in folded_label or " ci " in f" {folded_label} ":
        if "toi thieu" in folded_label or "low" in folded_label:
            return "ci_low"
        if "toi da" in folded_label or "high" in folded_label:
            return "ci_high"
    if "sai so" in folded_label or "standard error" in folded_label:
        return "se"
    if folded_label.startswith("phuong sai") or folded_label.startswith("variance"):
        return "variance"
    if "so quan sat" in folded_label or folded_label.startswith("observations"):
        return "observations"
    return None


def _weighting(folded_label: str) -> str:
    if "khong co trong so" in folded_label or "unweighted" in folded_label:
        return "unweighted"
    if "co trong so" in folded_label or "weighted" in folded_label:
        return "weighted"
    return "unweighted"


_DIMENSION_IN_TEXT = re.compile(r"(?:noi dung|dimension)\s*([1-8])")


def _dimension_named(folded_label: str) -> str | None:
    match = _DIMENSION_IN_TEXT.search(folded_label)
    return f"D{match.group(1)}" if match else None


class _WideReader(_Reader):
    """One province per row, one component per column."""
    layout = WIDE

    def __init__(self, sheet: Sheet, file: str, name_col: int, provinces: dict[int, Province]):
        super().__init__(sheet, file)
        self.name_col, self.provinces = name_col, provinces

    def read(self) -> SheetTable | None:
        rows = self.sheet.rows
        first_row = min(self.provinces)
        header_row, columns = self._header(first_row)
        if header_row is None:
            return None
        titles = [str(v) for row in rows[:header_row] for v in row if isinstance(v, str)]
        header_text = [str(v) for v in rows[header_row] if isinstance(v, str)]
        year = self.year(titles + [t for t in header_text if _is_total_label(_folded(t))])
        self.table = SheetTable(self.sheet.name, self.layout, year)
        self._remember_columns(header_row, columns, year)
        seen: dict[int, int] = {}
        for i in range(header_row + 1, len(rows)):
            row = rows[i]
            name = row[self.name_col] if self.name_col < len(row) else None
            province = self.provinces.get(i)
            if province is None:
                has_numbers = any(j < len(row) and isinstance(row[j], (int, float)) for j in columns)
                if has_numbers:
                    self.check_unknown(name, i, self.name_col)
                continue
            if province.code in seen:
                raise self.error(f"province '{province.name_vi}' appears twice "
                                 f"(also in row {seen[province.code] + 1})", i, self.name_col)
            seen[province.code] = i
            for j, code in columns.items():
                if j < len(row):
                    number = self.number(row[j], i, j, str(rows[header_row][j]))
                    if number is not None:
                        self.table.values.append(Value(province.code, code, "unweighted", "score", number, cell_name(i, j)))
        return self.table

    def _header(self, first_row: int) -> tuple[int | None, dict[int, str]]:
        for i in range(first_row - 1, -1, -1):
            row = self.sheet.rows[i]
            columns = {}
            for j, value in enumerate(row):
                if j == self.name_col or not isinstance(value, str):
                    continue
                code = component_code_from_label(value)
                if code is None and _is_total_label(_folded(value)) and _statistic(_folded(value)) is None:
                    code = TOTAL
                if code is not None and code not in columns.values():  # a repeated column: the first counts
                    columns[j] = code
            if len({c for c in columns.values() if c != TOTAL}) >= MIN_COMPONENTS:
                return i, columns
        return None, {}

    def _remember_columns(self, header_row: int, columns: dict[int, str], year: int) -> None:
        siblings: dict[str, int] = {}
        for code in columns.values():
            parent = COMPONENTS[code].parent
            if COMPONENTS[code].level == "subdimension":
                siblings[parent] = siblings.get(parent, 0) + 1
        for j, code in columns.items():
            label = str(self.sheet.rows[header_row][j]).strip()
            component = COMPONENTS[code]
            if component.level == "subdimension":
                low, high = subdimension_scale(siblings[component.parent])
            elif component.level == "dimension":
                low, high = 1.0, 10.0
            else:
                low, high = total_scale(year)
            scale = Scale(f"{low:g}-{high:g}", low, high, False)
            vi, en = (label, None) if _is_vietnamese(label) else (None, label)
            self.table.rows[code] = Row(code, component.level, component.parent, vi, en, scale, header_row)


