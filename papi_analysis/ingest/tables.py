"""Finding a PAPI table in a sheet by its content, and reading it into values.

Two layouts exist. In the older one (2011-2017) each row is a province and each column a
component. In the newer one (2018 on) each row is a component or survey indicator and each
column a province. Either may sit below title rows, beside blank columns, under rows mapping
provinces to the 2025 units, and under any sheet name: we find the province axis first, then
the component labels along the other axis, by their numbering or by their name in that year's
vocabulary (`papi_analysis/vocabulary.csv`).

Nothing is dropped without a word: every number in the table is loaded, or named in a finding.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from ..codebook import COMPONENTS, TOTAL, component_code_from_label, subdimension_scale, subdimensions_in, total_scale
from ..provinces import Province, fold
from ..units import PROVINCES_63, UNIT_OF_PROVINCE, UNITS_34, Unit, official_code, unit_set_for
from ..vocabulary import code_named, codes_named_in_any_year, year_names
from .cells import BadCell, Scale, looks_like_scale, parse_scale, read_number
from .errors import IngestError, cell_name, column_letter
from .findings import Finding
from .workbook import Sheet

LONG = "indicator-per-row"
WIDE = "province-per-row"
PUBLISHED, THIRD_PARTY = "published", "third_party"
MIN_PROVINCES = 10
MIN_COMPONENTS = 3
NATIONAL_ID = 999  # the id some files give the national row
_YEAR = re.compile(r"(?<!\d)(20[0-4]\d)(?!\d)")
# Rows or columns of national figures that sit beside the provinces in some files.
_SUMMARY_WORDS = ("ca nuoc", "toan quoc", "trung binh", "national", "mean", "average", "median",
                  "trung vi", "cao nhat", "thap nhat", "highest", "lowest", "maximum", "minimum", "tong", "total",
                  "vietnam", "viet nam")
_SUMMARY_EXACT = ("max", "min")
_CODE_HEADERS = ("ma tinh", "province code", "province id", "ma", "id", "code")
_MAPPING_WORDS = ("moi", "new", "sau sap nhap", "2025")


class Value(NamedTuple):  # a tuple, not a dataclass: a workbook yields tens of thousands
    province: int
    code: str
    weighting: str  # "unweighted" | "weighted"
    statistic: str  # "score" | "ci_low" | "ci_high" | "se" | "variance" | "observations"
    value: float
    cell: str | None
    derived: bool = False  # computed by the ingest (a sum), not published


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
    origin: str = PUBLISHED
    values: list[Value] = field(default_factory=list)
    rows: dict[str, Row] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    fingerprint: dict[tuple[int, str], float] = field(default_factory=dict)  # set by validate()

    @property
    def provinces(self) -> set[int]:
        return {v.province for v in self.values if v.statistic == "score"}

    def note(self, kind: str, cells: list[str] | None = None, **params) -> None:
        self.findings.append(Finding(kind, list(cells or []), params))


@lru_cache(maxsize=8192)
def _province_of(text: str) -> Province | Unit | None:
    """A province of the 63 or a unit of the 34 that a cell names; which of the two a table means is
    decided once its year is known (`_Reader.resolve`)."""
    return PROVINCES_63.match(text) or UNITS_34.match(text)


@lru_cache(maxsize=8192)
def _folded(text: str) -> str:
    return fold(text)


def _as_province(value: object) -> Province | Unit | None:
    return _province_of(value) if isinstance(value, str) and 1 < len(value) < 60 else None


def is_summary(text: object) -> bool:
    """'Cả nước', 'Điểm cao nhất', 'National mean', 'Max': a statistic over provinces, not a province."""
    if not isinstance(text, str):
        return False
    folded = _folded(text)
    return folded in _SUMMARY_EXACT or any(word in folded for word in _SUMMARY_WORDS)


def _is_boilerplate(folded: str) -> bool:
    return any(word in folded for word in ("copyright", "ban quyen", "www.", "ghi chu", "note:"))


def _is_total_label(folded: str) -> bool:
    """'Chỉ số PAPI 2018 (không có trọng số)', 'Unweighted PAPI Score', 'Un-weighted PAPI'."""
    return ("chi so papi" in folded or "papi score" in folded or "papi index" in folded
            or folded.startswith("papi") or folded.endswith(" papi")) and not _is_boilerplate(folded)


def _is_vietnamese(text: str) -> bool:
    return _folded(text) != " ".join(text.lower().split())


def _distinct(cells: dict[int, Province | Unit]) -> int:
    return len({p.code for p in cells.values()})


def _is_number(value: object) -> bool:
    return type(value) in (float, int)


def _known_code(label: str) -> bool:
    return component_code_from_label(label) is not None or bool(codes_named_in_any_year(label))


def _short(label: str) -> str:
    return " ".join(label.split())[:60]


def read_table(sheet: Sheet, file: str) -> SheetTable | None:
    """The PAPI table in a sheet, or None when the sheet holds none."""
    rows = sheet.rows
    by_row: dict[int, dict[int, Province | Unit]] = {}
    by_col: dict[int, dict[int, Province | Unit]] = {}
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

    def resolve(self, names: dict[int, str], year: int, along_row: bool) -> dict[int, Province | Unit]:
        """The year's provinces (to 2024) or units (from 2025) that the axis cells name; any other name refuses."""
        units = unit_set_for(year)
        resolved = {}
        for index, name in names.items():
            unit = units.match(name)
            row, col = (self.axis, index) if along_row else (index, self.axis)
            if unit is None:
                former = PROVINCES_63.match(name)
                if former is not None and units is UNITS_34:
                    raise self.error(f"'{str(name).strip()}' is a province of before 1 July 2025 (now part of "
                                     f"{UNIT_OF_PROVINCE[former.code].name_vi}), but the table is of {year}, "
                                     f"which names the 34 provinces of 2025", row, col)
                self.refuse_unknown(name, row, col)
            resolved[index] = unit
        return resolved

    def refuse_unknown(self, text: object, row: int, col: int) -> None:
        raise self.error(f"unknown province '{str(text).strip()[:60]}': not one of the 63 provinces under any "
                         f"spelling, nor a summary such as 'Cả nước'; correct the name and load again", row, col)

    def component_of(self, labels: list[str], year: int, where: str) -> str | None:
        """The component a row's (or column's) labels name: numbering first, then the year's names.

        A label numbered as one component but named as another in that year's structure keeps its
        numbering, with a finding (compilations paste one year's labels over another's figures)."""
        numbered = next(filter(None, map(component_code_from_label, labels)), None)
        if numbered is None:
            named = {code_named(label, year) for label in labels} - {None}
            return named.pop() if len(named) == 1 else None
        for label in labels:
            if component_code_from_label(label) is None and not codes_named_in_any_year(label):
                continue
            named = code_named(label, year)
            if named != numbered and codes_named_in_any_year(label):
                lang = "vi" if _is_vietnamese(label) else "en"
                expected = year_names(numbered, year, lang) or year_names(numbered, year, "en")
                self.table.note("label_other_structure", [where], code=numbered, year=year, label=_short(label),
                                expected=expected[0] if expected else "–")
                break
        return numbered


class _LongReader(_Reader):
    """One component or indicator per row, one province per column."""
    layout = LONG

    def __init__(self, sheet: Sheet, file: str, name_row: int, provinces: dict[int, Province | Unit]):
        super().__init__(sheet, file)
        self.name_row = self.axis = name_row
        self.columns = provinces  # resolved to the year's provinces or units once the year is known
        self.rows_read: dict[tuple[str, str, str], int] = {}

    def read(self) -> SheetTable | None:
        rows = self.sheet.rows
        first_col = min(self.columns)
        scale_col = self._scale_column(first_col)
        data_cols_left = self._data_columns_left_of(first_col, scale_col)
        label_cols = [j for j in range(first_col) if j != scale_col and j not in data_cols_left]
        parsed = []
        for i, row in enumerate(rows):
            if i == self.name_row:
                continue
            labels = [str(row[j]).strip() for j in label_cols if j < len(row) and isinstance(row[j], str) and row[j].strip()]
            figures = sum(1 for j in self.columns if j < len(row) and _is_number(row[j]))
            if labels or figures:
                parsed.append((i, row, labels, figures))
        known = {label for _, _, labels, figures in parsed if figures for label in labels if _known_code(label)}
        if len(known) < MIN_COMPONENTS:
            return None
        titles = [str(v) for row in rows[:self.name_row] for v in row if isinstance(v, str)]
        total_labels = [" ".join(labels) for _, _, labels, figures in parsed
                        if figures and _is_total_label(_folded(" ".join(labels)))]
        self.table = SheetTable(self.sheet.name, self.layout, self.year(total_labels + titles))
        header = rows[self.name_row]
        self.columns = self.resolve({j: header[j] for j in self.columns}, self.table.year, along_row=True)
        self.column_cells = [(j, p.code, column_letter(j)) for j, p in sorted(self.columns.items())]
        self._check_province_header(first_col, data_cols_left)
        self._read_rows(parsed, scale_col)
        self._note_provinces_without_figures()
        return self.table

    def _scale_column(self, first_col: int) -> int | None:
        counts = {j: sum(1 for row in self.sheet.rows if j < len(row) and looks_like_scale(row[j]))
                  for j in range(first_col)}
        best = max(counts, key=counts.get, default=None)
        return best if best is not None and counts[best] >= MIN_COMPONENTS else None

    def _data_columns_left_of(self, first_col: int, scale_col: int | None) -> set[int]:
        """Columns before the first province that hold figures, not labels: a province whose name
        is not recognised, or a summary column, sitting first."""
        found = set()
        for j in range(first_col):
            if j == scale_col:
                continue
            numbers = sum(1 for row in self.sheet.rows if j < len(row) and _is_number(row[j]))
            texts = sum(1 for row in self.sheet.rows if j < len(row) and isinstance(row[j], str) and row[j].strip())
            if numbers >= MIN_COMPONENTS and numbers > texts:
                found.add(j)
        return found

    def _check_province_header(self, first_col: int, data_cols_left: set[int]) -> None:
        """Every column with figures is a province, a summary (a finding), or refuses the file."""
        header = self.sheet.rows[self.name_row]
        seen: dict[int, int] = {}
        width = max(len(row) for row in self.sheet.rows)
        for j in sorted(data_cols_left | set(range(first_col, width))):
            if j in self.columns:
                code = self.columns[j].code
                if code in seen:
                    raise self.error(f"province '{self.columns[j].name_vi}' appears twice "
                                     f"(also in {cell_name(self.name_row, seen[code])})", self.name_row, j)
                seen[code] = j
                continue
            name = header[j] if j < len(header) else None
            figures = [i for i, row in enumerate(self.sheet.rows)
                       if i != self.name_row and j < len(row) and _is_number(row[j]) and not self._is_code_row(row)]
            if isinstance(name, str) and name.strip() and not is_summary(name):
                self.refuse_unknown(name, self.name_row, j)
            if not figures:
                continue
            letter = column_letter(j)
            cells = [f"{letter}{figures[0] + 1}:{letter}{figures[-1] + 1}"]
            if isinstance(name, str) and name.strip():
                self.table.note("summary_not_loaded", cells, label=_short(name), where_kind="column", where=letter,
                                count=len(figures))
            else:
                self.table.note("unlabelled_column", cells, column=letter, count=len(figures))

    def _is_code_row(self, row: list) -> bool:
        return any(isinstance(v, str) and _is_code_header(_folded(v)) for v in row[:min(self.columns)])

    def _read_rows(self, parsed: list, scale_col: int | None) -> None:
        year = self.table.year
        structure = subdimensions_in(year)
        current: str | None = None  # the component the following statistic rows belong to
        dimension: str | None = None
        subdimension: str | None = None
        indicator_count = 0
        for i, row, labels, figures in parsed:
            joined = _folded(" ".join(labels))
            if _is_code_header(joined):
                if not any(word in joined for word in _MAPPING_WORDS):  # a 2025 mapping row holds the new codes
                    self._check_codes(i, row)
                continue
            scale = parse_scale(row[scale_col]) if scale_col is not None and scale_col < len(row) else None
            where = f"{i + 1}"
            if not figures:  # a heading or title never claims a component; a dimension heading gives context
                code = self.component_of(labels, year, where) if labels else None
                if code is not None and COMPONENTS[code].level == "dimension":
                    dimension, subdimension, current = code, None, None
                continue
            statistic = _statistic(joined)
            weighting = _weighting(joined)
            if statistic is not None:
                if statistic == "observations" or ("papi" in joined and not _is_boilerplate(joined)):
                    target = TOTAL
                else:
                    target = _dimension_named(joined) or current
                if target is None:
                    self.table.note("statistic_without_component", [f"A{i + 1}"], row=i + 1,
                                    label=_short(" ".join(labels)), count=figures)
                    continue
                self._read_values(i, row, labels, target, weighting, statistic)
                continue
            code = self.component_of(labels, year, f"A{where}") if labels else None
            if code is None and labels and _is_total_label(joined):
                code = TOTAL
            if code is None and dimension is not None:
                code = self._by_position(dimension, structure, scale, i, labels)
            if code is not None:
                current = code
                level = COMPONENTS[code].level
                if level == "subdimension":
                    dimension, subdimension, indicator_count = COMPONENTS[code].parent, code, 0
                elif level == "dimension":
                    dimension, subdimension = code, None
                weighting = weighting if code == TOTAL else "unweighted"
                if weighting == "unweighted":  # the weighted total shares the unweighted total's scale
                    self._remember(code, labels, scale, i)
                self._read_values(i, row, labels, code, weighting, "score")
                continue
            if subdimension is None or not labels:
                self.table.note("unrecognised_row", [f"A{i + 1}"], row=i + 1, label=_short(" ".join(labels)) or "–",
                                count=figures)
                continue
            indicator_count += 1
            indicator = f"{subdimension}.{indicator_count}"
            self._remember(indicator, labels, scale, i, parent=subdimension)
            self._read_values(i, row, labels, indicator, "unweighted", "score")

    def _by_position(self, dimension: str, structure: dict, scale: Scale | None, i: int, labels: list[str]) -> str | None:
        """An unnumbered row whose name is not in the vocabulary, on its dimension's sub-dimension scale,
        is that dimension's next sub-dimension."""
        parts = structure.get(dimension, ())
        if not parts or scale is None or scale.low is None or scale.high is None:
            return None
        low, high = subdimension_scale(len(parts))
        if abs(scale.low - low) > 0.01 or abs(scale.high - high) > 0.05:
            return None
        claimed = [code for code in parts if (code, "unweighted", "score") in self.rows_read]
        if len(claimed) >= len(parts):
            return None
        code = parts[len(claimed)]
        self.table.note("recognised_by_position", [f"A{i + 1}"], row=i + 1, label=_short(" ".join(labels)), code=code)
        return code

    def _remember(self, code: str, labels: list[str], scale: Scale | None, i: int, parent: str | None = None) -> None:
        label_vi = next((text for text in labels if _is_vietnamese(text)), None)
        label_en = next((text for text in labels if not _is_vietnamese(text)), None)
        level = COMPONENTS[code].level if code in COMPONENTS else "indicator"
        if code not in self.table.rows or self.table.rows[code].level == "indicator":
            parent = parent if parent is not None else (COMPONENTS[code].parent if code in COMPONENTS else None)
            self.table.rows[code] = Row(code, level, parent, label_vi, label_en, scale, i)

    def _read_values(self, i: int, row: list, labels: list[str], code: str, weighting: str, statistic: str) -> None:
        key = (code, weighting, statistic)
        if key in self.rows_read:
            count = sum(1 for j in self.columns if j < len(row) and _is_number(row[j]))
            self.table.note("repeated_row", [f"A{i + 1}"], row=i + 1, label=_short(labels[-1] if labels else ""),
                            code=f"{code} {weighting} {statistic}", first_row=self.rows_read[key] + 1, count=count)
            return
        self.rows_read[key] = i
        append, row_number, width = self.table.values.append, str(i + 1), len(row)
        label = labels[-1] if labels else code
        for j, province_code, letter in self.column_cells:
            if j >= width:
                continue
            raw = row[j]
            number = raw if type(raw) is float else self.number(raw, i, j, label)  # fast path: most cells
            if number is not None and number == number:  # NaN is no data
                append(Value(province_code, code, weighting, statistic, number, letter + row_number))

    def _check_codes(self, i: int, row: list) -> None:
        for j, province in self.columns.items():
            raw = row[j] if j < len(row) else None
            try:
                code = read_number(raw)
            except BadCell:
                code = None
            if code is not None and int(code) != official_code(province):
                raise self.error(f"province code {code:g} does not match the province named in its column "
                                 f"('{province.name_vi}' has code {official_code(province)} in {self.table.year})",
                                 i, j)

    def _note_provinces_without_figures(self) -> None:
        with_figures = self.table.provinces
        empty = [p.code for p in self.columns.values() if p.code not in with_figures]
        if empty:
            header = self.name_row
            self.table.note("province_without_figures",
                            [cell_name(header, j) for j, p in self.columns.items() if p.code in empty],
                            provinces=empty)


def _is_code_header(folded_label: str) -> bool:
    return "ma tinh" in folded_label or "province code" in folded_label


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


_UNWEIGHTED = re.compile(r"khong co trong so|un-?\s?weighted")


def _weighting(folded_label: str) -> str:
    if _UNWEIGHTED.search(folded_label):
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

    def __init__(self, sheet: Sheet, file: str, name_col: int, provinces: dict[int, Province | Unit]):
        super().__init__(sheet, file)
        self.name_col = self.axis = name_col
        self.provinces = provinces  # resolved to the year's provinces or units once the year is known

    def read(self) -> SheetTable | None:
        rows = self.sheet.rows
        first_row = min(self.provinces)
        header_row = self._header_row(first_row)
        if header_row is None:
            return None
        titles = [str(v) for row in rows[:header_row] for v in row if isinstance(v, str)]
        header_text = [str(v) for v in rows[header_row] if isinstance(v, str)]
        year = self.year(titles + [t for t in header_text if _is_total_label(_folded(t))])
        self.table = SheetTable(self.sheet.name, self.layout, year)
        self.provinces = self.resolve({i: rows[i][self.name_col] for i in self.provinces}, year, along_row=False)
        columns, code_col, ignored = self._columns(header_row, year)
        self._remember_columns(header_row, columns, year)
        seen: dict[int, int] = {}
        unread: dict[int, list[int]] = {j: [] for j in ignored}
        for i in range(header_row + 1, len(rows)):
            row = rows[i]
            figures = [j for j in columns if j < len(row) and _is_number(row[j])]
            province = self.provinces.get(i)
            if province is None:
                if figures:
                    self._not_a_province(i, row, code_col, len(figures))
                continue
            if province.code in seen:
                raise self.error(f"province '{province.name_vi}' appears twice "
                                 f"(also in row {seen[province.code] + 1})", i, self.name_col)
            seen[province.code] = i
            self._check_code(i, row, code_col, province)
            for j, (code, weighting) in columns.items():
                if j < len(row):
                    number = self.number(row[j], i, j, str(rows[header_row][j]))
                    if number is not None:
                        self.table.values.append(Value(province.code, code, weighting, "score", number, cell_name(i, j)))
            for j in unread:
                if j < len(row) and _is_number(row[j]):
                    unread[j].append(i)
        for j, found in unread.items():
            if found:
                letter = column_letter(j)
                self.table.note(ignored[j][0], [f"{letter}{found[0] + 1}:{letter}{found[-1] + 1}"], column=letter,
                                label=ignored[j][1], count=len(found))
        with_figures = self.table.provinces
        empty = [p.code for p in self.provinces.values() if p.code not in with_figures]
        if empty:
            self.table.note("province_without_figures", [cell_name(i, self.name_col) for i, p in self.provinces.items()
                                                         if p.code in empty], provinces=empty)
        return self.table

    def _header_row(self, first_row: int) -> int | None:
        """The nearest row above the provinces that names at least three components (any year's names)."""
        for i in range(first_row - 1, -1, -1):
            labels = [v for j, v in enumerate(self.sheet.rows[i]) if j != self.name_col and isinstance(v, str)]
            if sum(1 for label in labels if _known_code(label)) >= MIN_COMPONENTS:
                return i
        return None

    def _columns(self, header_row: int, year: int) -> tuple[dict[int, tuple[str, str]], int | None, dict]:
        """Score columns as (code, weighting); the province-code column; columns that are not read and why."""
        columns: dict[int, tuple[str, str]] = {}
        ignored: dict[int, tuple[str, str]] = {}
        code_col = None
        for j, value in enumerate(self.sheet.rows[header_row]):
            if j == self.name_col:
                continue
            label = value.strip() if isinstance(value, str) else ""
            folded = _folded(label)
            if label and (folded in _CODE_HEADERS or _is_code_header(folded)):
                code_col = j
                continue
            code = self.component_of([label], year, cell_name(header_row, j)) if label else None
            weighting = _weighting(folded)
            if code is None and label and _is_total_label(folded) and _statistic(folded) is None:
                code = TOTAL
            if code is not None and code != TOTAL:
                weighting = "unweighted"
            if code is not None and (code, weighting) not in columns.values():
                columns[j] = (code, weighting)
            elif code is not None:
                ignored[j] = ("repeated_column", _short(label))
            else:
                ignored[j] = ("unrecognised_column" if label else "unlabelled_column", _short(label) or "–")
        return columns, code_col, ignored

    def _not_a_province(self, i: int, row: list, code_col: int | None, figures: int) -> None:
        name = row[self.name_col] if self.name_col < len(row) else None
        ident = read_number(row[code_col]) if code_col is not None and code_col < len(row) and _is_number(row[code_col]) else None
        if is_summary(name) or ident == NATIONAL_ID:
            self.table.note("summary_not_loaded", [f"{cell_name(i, self.name_col)}"], where_kind="row", where=str(i + 1),
                            label=_short(str(name or ident)), count=figures)
        elif isinstance(name, str) and name.strip():
            self.refuse_unknown(name, i, self.name_col)
        else:
            self.table.note("unrecognised_row", [cell_name(i, self.name_col)], row=i + 1, label="–", count=figures)

    def _check_code(self, i: int, row: list, code_col: int | None, province: Province | Unit) -> None:
        if code_col is None or code_col >= len(row) or not _is_number(row[code_col]):
            return
        if int(row[code_col]) != official_code(province):
            raise self.error(f"province code {row[code_col]:g} does not match the province named in its row "
                             f"('{province.name_vi}' has code {official_code(province)})", i, code_col)

    def _remember_columns(self, header_row: int, columns: dict[int, tuple[str, str]], year: int) -> None:
        siblings: dict[str, int] = {}
        for code, _ in columns.values():
            if COMPONENTS[code].level == "subdimension":
                siblings[COMPONENTS[code].parent] = siblings.get(COMPONENTS[code].parent, 0) + 1
        for j, (code, weighting) in columns.items():
            if weighting != "unweighted":
                continue
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
