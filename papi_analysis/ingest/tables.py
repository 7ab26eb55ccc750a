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

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from ..codebook import (COMPONENTS, DIMENSION_CODES, TOTAL, component_code_from_label, level_of, new_component_code,
                        parent_of, subdimension_scale,
                        subdimensions_in, total_scale)
from ..provinces import Province, fold
from ..units import PROVINCES_63, UNIT_OF_PROVINCE, UNITS_34, Unit, official_code, unit_set_for
from ..vocabulary import code_named, codes_named_in_any_year, year_names
from .cells import BadCell, Scale, looks_like_scale, parse_scale, read_number
from .errors import IngestError, cell_name, column_letter
from .findings import Finding
from .layouts import label_column
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
_CODE_HEADERS = ("ma tinh", "province code", "province id", "ma", "id", "code", "tinhid", "matinh", "province_id")
# A data set's variable names (`tentinh_vie`, `province_name`): a table made by a third party, not printed
# by the publishers, who name their columns in words.
_VARIABLE_NAME = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)+")
# Figures of two tables for one year agree to a copy's rounding, or the tables are of different years.
_SAME_FIGURE = 0.006
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


@dataclass(frozen=True)
class YearEvidence:
    """A year a sheet names: in the table's own total label, a title above it, or its sheet name."""
    year: int
    kind: str  # "label" | "title" | "sheet"
    cell: str  # the cell, or the sheet name
    text: str


def _evidence(texts: list[tuple[str, str]], kind: str) -> list[YearEvidence]:
    """The texts naming one year; text naming several (a file name such as 'PAPI-2015-2023', a copyright
    line's publication year beside the survey year) is passed over."""
    found = []
    for text, cell in texts:
        years = set(_YEAR.findall(text))
        if len(years) == 1 and not _is_boilerplate(_folded(text)):
            found.append(YearEvidence(int(years.pop()), kind, cell, _short(text)))
    return found


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


def _infinite(raw: object) -> bool:
    """A number that is none (inf, NaN written as such), refused apart from text."""
    try:
        return not math.isfinite(float(raw))
    except (TypeError, ValueError):
        return False


def _short(label: str) -> str:
    return " ".join(label.split())[:60]


def locate_table(sheet: Sheet, file: str) -> _Reader | None:
    """A reader for the PAPI table in a sheet, its year evidence gathered, or None when the sheet holds none."""
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
    reader: _Reader | None = None
    if row_count >= MIN_PROVINCES and row_count >= col_count:
        reader = _LongReader(sheet, file, best_row, by_row[best_row])
    elif col_count >= MIN_PROVINCES:
        reader = _WideReader(sheet, file, best_col, by_col[best_col])
    return reader if reader is not None and reader.prepare() else None


def read_table(sheet: Sheet, file: str) -> SheetTable | None:
    """The PAPI table in a sheet on its own, or None when the sheet holds none."""
    reader = locate_table(sheet, file)
    return _noted(sheet, reader.read(*reader.choose_year())) if reader is not None else None


def read_table_of_year(sheet: Sheet, file: str, year: int) -> SheetTable | None:
    """A panel's table for one year, which its year column gives: no other evidence is sought."""
    reader = locate_table(sheet, file)
    return _noted(sheet, reader.read(year, [])) if reader is not None else None


def read_tables(sheets: list[Sheet], file: str) -> list[tuple[Sheet, SheetTable | None]]:
    """Every sheet's PAPI table, each under the year its own evidence gives.

    A year named alike on every sheet of a workbook whose sheets hold different figures for the same
    provinces and components (a compiler's header pasted on every sheet) is not the year of any one of
    them: each such sheet is read again under the year its other evidence names, with a finding, and is
    refused when nothing else names one."""
    readers = [(sheet, locate_table(sheet, file)) for sheet in sheets]
    found = [reader for _, reader in readers if reader is not None]
    tables = {id(reader): reader.read(*reader.choose_year()) for reader in found}
    common = set.intersection(*({(e.kind, e.year) for e in r.evidence if e.kind != "sheet"} for r in found)) \
        if len(found) > 1 else set()
    if common and _any_conflict([tables[id(r)] for r in found]):
        for reader in found:
            if (reader.year_from.kind, reader.year_from.year) in common:
                tables[id(reader)] = reader.read(*reader.choose_year(common))
    return [(sheet, _noted(sheet, tables[id(reader)]) if reader is not None else None) for sheet, reader in readers]


UNCACHED_NAMED = 20  # formula cells without a value named in the finding; the rest counted


def _noted(sheet: Sheet, table: SheetTable | None) -> SheetTable | None:
    """The table, with its sheet's formula cells saved without a result (read as empty) said so: never
    silently no data."""
    if table is not None and sheet.uncached_count:
        cells = sorted(sheet.uncached)
        table.note("formula_without_value", [cell_name(i, j) for i, j in cells[:UNCACHED_NAMED]],
                   count=sheet.uncached_count, first=cell_name(*cells[0]) if cells else "")
    return table


def _dimension_figures(table: SheetTable) -> dict[tuple[int, str], float]:
    return {(v.province, v.code): v.value for v in table.values
            if v.code in DIMENSION_CODES and v.statistic == "score" and v.weighting == "unweighted"}


def _any_conflict(tables: list[SheetTable]) -> bool:
    """Whether two tables under one year give different dimension scores for the same provinces."""
    by_year: dict[int, list[dict]] = {}
    for table in tables:
        by_year.setdefault(table.year, []).append(_dimension_figures(table))
    for figures in by_year.values():
        for index, a in enumerate(figures):
            for b in figures[index + 1:]:
                common = a.keys() & b.keys()
                if len(common) >= MIN_PROVINCES and any(abs(a[key] - b[key]) > _SAME_FIGURE for key in common):
                    return True
    return False


class _Reader:
    layout = ""

    def __init__(self, sheet: Sheet, file: str):
        self.sheet, self.file = sheet, file
        self.table: SheetTable | None = None
        self.evidence: list[YearEvidence] = []
        self.year_from: YearEvidence | None = None

    def error(self, code: str, row: int | None = None, col: int | None = None, **params) -> IngestError:
        cell = cell_name(row, col) if row is not None and col is not None else None
        return IngestError(self.file, code, sheet=self.sheet.name, cell=cell, **params)

    def number(self, raw: object, row: int, col: int, label: str) -> float | None:
        if raw == "" and (row, col) in self.sheet.uncached:
            raise self.error("formula_without_result", row, col)
        try:
            return read_number(raw)
        except BadCell:
            raise self.error("not_finite" if _infinite(raw) else "text_in_score", row, col, value=str(raw)[:40],
                             label=label[:60]) from None

    def prepare(self) -> bool:
        """Find the table's parts and its year evidence (`self.evidence`, most specific first); False when
        the sheet holds no PAPI table after all."""
        raise NotImplementedError

    def read(self, year: int, year_findings: list[Finding]) -> SheetTable:
        raise NotImplementedError

    def choose_year(self, not_specific: frozenset | set = frozenset()) -> tuple[int, list[Finding]]:
        """The year of the table: its own total label before a title above it, a title before the sheet
        name; evidence in `not_specific` (kind, year) only when nothing else names a year. Evidence that
        names another year than the one chosen is said in a finding naming its cells."""
        usable = [e for e in self.evidence if (e.kind, e.year) not in not_specific]
        if not usable:
            if self.evidence:
                named = self.evidence[0]
                raise self.error("year_on_every_sheet", year=named.year, where=named.cell, label=named.text[:60])
            raise self.error("no_year")
        chosen = self.year_from = usable[0]
        rival = next((e for e in usable if e.kind == chosen.kind == "label" and e.year != chosen.year), None)
        if rival is not None:  # the table's own labels contradict each other: nothing decides
            raise self.error(f"cannot tell which year this table holds: its labels name {chosen.year} "
                             f"({chosen.cell} '{chosen.text}') and {rival.year} ({rival.cell} '{rival.text}'); "
                             f"correct the label of the wrong year and load again")
        findings = [Finding("year_not_specific", [e.cell], {"label": e.text, "named": e.year, "year": chosen.year,
                                                           "source": chosen.text, "source_kind": chosen.kind})
                    for e in self.evidence if (e.kind, e.year) in not_specific and e.year != chosen.year]
        others = [e for e in usable if e.year != chosen.year]
        if others:
            findings.append(Finding("year_evidence_disagrees", [chosen.cell] + [e.cell for e in others],
                                    {"year": chosen.year, "source": chosen.text, "source_kind": chosen.kind,
                                     "others": "; ".join(f"'{e.text}' ({e.cell}): {e.year}" for e in others)}))
        return chosen.year, findings

    def _new_table(self, year: int, year_findings: list[Finding]) -> SheetTable:
        table = SheetTable(self.sheet.name, self.layout, year)
        table.findings.extend(year_findings)
        return table

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
                    raise self.error("former_province", row, col, name=str(name).strip()[:60],
                                     unit=UNIT_OF_PROVINCE[former.code].name_vi, year=year)
                self.refuse_unknown(name, row, col)
            resolved[index] = unit
        return resolved

    def refuse_unknown(self, text: object, row: int, col: int) -> None:
        raise self.error("unknown_province", row, col, name=str(text).strip()[:60])

    def component_of(self, labels: list[str], year: int, where: str) -> str | None:
        """The component a row's (or column's) labels name: numbering first, then the year's names.

        A label numbered as one component but named as another in that year's structure keeps its
        numbering, with a finding (compilations paste one year's labels over another's figures)."""
        numbered = next(filter(None, map(component_code_from_label, labels)), None)
        if numbered is None:
            named = {code_named(label, year) for label in labels} - {None}
            if len(named) == 1:
                return named.pop()
            return self.new_component(labels, year, where)
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


    def new_component(self, labels: list[str], year: int, where: str) -> str | None:
        """A numbered component the codebook does not know: the year's own, loaded with its published label,
        scale and parent, said so ('new in' the year), never compared with other years."""
        code = next(filter(None, map(new_component_code, labels)), None)
        if code is not None and self.table is not None:
            self.table.note("new_component", [where], code=code, year=year, label=_short(labels[-1]))
        return code


class _LongReader(_Reader):
    """One component or indicator per row, one province per column."""
    layout = LONG

    def __init__(self, sheet: Sheet, file: str, name_row: int, provinces: dict[int, Province | Unit]):
        super().__init__(sheet, file)
        self.name_row = self.axis = name_row
        self.columns = provinces  # resolved to the year's provinces or units once the year is known
        self.rows_read: dict[tuple[str, str, str], int] = {}

    def prepare(self) -> bool:
        rows = self.sheet.rows
        first_col = min(self.columns)
        scale_col = self.scale_col = self._scale_column(first_col)
        data_cols_left = self.data_cols_left = self._data_columns_left_of(first_col, scale_col)
        label_cols = [j for j in range(first_col) if j != scale_col and j not in data_cols_left]
        parsed = self.parsed = []
        for i, row in enumerate(rows):
            if i == self.name_row:
                continue
            labels = [str(row[j]).strip() for j in label_cols if j < len(row) and isinstance(row[j], str) and row[j].strip()]
            figures = sum(1 for j in self.columns if j < len(row) and _is_number(row[j]))
            if labels or figures:
                parsed.append((i, row, labels, figures))
        known = {label for _, _, labels, figures in parsed if figures for label in labels if _known_code(label)}
        if len(known) < MIN_COMPONENTS:
            return False
        label_cell = column_letter(label_cols[0]) if label_cols else "A"
        titles = [(str(v), cell_name(i, j)) for i, row in enumerate(rows[:self.name_row])
                  for j, v in enumerate(row) if isinstance(v, str)]
        total_labels = [(" ".join(labels), f"{label_cell}{i + 1}") for i, _, labels, figures in parsed
                        if figures and _is_total_label(_folded(" ".join(labels)))]
        self.evidence = _evidence(total_labels, "label") + _evidence(titles, "title") + \
            _evidence([(self.sheet.name, self.sheet.name)], "sheet")
        return True

    def read(self, year: int, year_findings: list[Finding]) -> SheetTable:
        self.table = self._new_table(year, year_findings)
        self.rows_read = {}
        header = self.sheet.rows[self.name_row]
        self.columns = self.resolve({j: header[j] for j in self.columns}, year, along_row=True)
        self.column_cells = [(j, p.code, column_letter(j)) for j, p in sorted(self.columns.items())]
        self._check_province_header(min(self.columns), self.data_cols_left)
        self._read_rows(self.parsed, self.scale_col)
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
                    raise self.error("province_twice", self.name_row, j, name=self.columns[j].name_vi,
                                     other=cell_name(self.name_row, seen[code]))
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
                if code is not None and level_of(code) == "dimension":
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
                level = level_of(code)
                if level == "subdimension":
                    dimension, subdimension, indicator_count = parent_of(code), code, 0
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
        level = level_of(code)
        if code not in self.table.rows or self.table.rows[code].level == "indicator":
            parent = parent if parent is not None else parent_of(code)
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
            # fast path: most cells (a finite float; inf - inf and nan - nan are nan)
            number = raw if type(raw) is float and raw - raw == 0.0 else self.number(raw, i, j, label)
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
                raise self.error("code_mismatch", i, j, given=f"{code:g}", where="column", name=province.name_vi,
                                 expected=official_code(province))

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

    def prepare(self) -> bool:
        rows = self.sheet.rows
        self.header_rows = self._header_rows(min(self.provinces))
        if not self.header_rows:
            return False
        width = max(len(rows[i]) for i in self.header_rows)
        self.headers = {j: self._labels(j) for j in range(width)}
        titles = [(str(v), cell_name(i, j)) for i, row in enumerate(rows[:self.header_rows[0]])
                  for j, v in enumerate(row) if isinstance(v, str)]
        totals = [label for j, labels in self.headers.items() if j != self.name_col
                  and any(_is_total_label(_folded(text)) and _statistic(_folded(text)) is None for text, _ in labels)
                  for label in labels]
        self.evidence = _evidence(totals, "label") + _evidence(titles, "title") + \
            _evidence([(self.sheet.name, self.sheet.name)], "sheet")
        variables: dict[str, str] = {}  # each name once, at its first cell
        for labels in self.headers.values():
            for text, cell in labels:
                if _VARIABLE_NAME.fullmatch(text):
                    variables.setdefault(text, cell)
        self.variables = list(variables.items())
        return True

    def _labels(self, j: int) -> list[tuple[str, str]]:
        """A column's header texts and their cells, top to bottom (an English and a Vietnamese row, say)."""
        found = []
        for i in self.header_rows:
            row = self.sheet.rows[i]
            if j < len(row) and isinstance(row[j], str) and row[j].strip():
                found.append((row[j].strip(), cell_name(i, j)))
        return found

    def read(self, year: int, year_findings: list[Finding]) -> SheetTable:
        rows = self.sheet.rows
        self.table = self._new_table(year, year_findings)
        if self.variables:
            self.table.origin = THIRD_PARTY
            self.table.note("third_party_dataset", [cell for _, cell in self.variables[:4]],
                            labels=", ".join(f"'{text}'" for text, _ in self.variables[:4]))
        self.provinces = self.resolve({i: rows[i][self.name_col] for i in self.provinces}, year, along_row=False)
        columns, code_col, ignored = self._columns(year)
        self._remember_columns(columns, year)
        seen: dict[int, int] = {}
        unread: dict[int, list[int]] = {j: [] for j in ignored}
        for i in range(self.header_rows[-1] + 1, len(rows)):
            row = rows[i]
            figures = [j for j in columns if j < len(row) and _is_number(row[j])]
            province = self.provinces.get(i)
            if province is None:
                if figures:
                    self._not_a_province(i, row, code_col, len(figures))
                continue
            if province.code in seen:
                raise self.error("province_twice", i, self.name_col, name=province.name_vi,
                                 other=seen[province.code] + 1)
            seen[province.code] = i
            self._check_code(i, row, code_col, province)
            for j, (code, weighting) in columns.items():
                if j < len(row):
                    number = self.number(row[j], i, j, " / ".join(text for text, _ in self.headers[j]))
                    if number is not None:
                        self.table.values.append(Value(province.code, code, weighting, "score", number, cell_name(i, j)))
            for j in unread:
                if j < len(row) and (_is_number(row[j]) or (ignored[j][0] == "label_column" and row[j] != "")):
                    unread[j].append(i)
        for j, found in unread.items():
            if found:
                letter = column_letter(j)
                self.table.note(ignored[j][0], [f"{letter}{found[0] + 1}:{letter}{found[-1] + 1}"], column=letter,
                                label=ignored[j][1], count=len(found), **ignored[j][2])
        with_figures = self.table.provinces
        empty = [p.code for p in self.provinces.values() if p.code not in with_figures]
        if empty:
            self.table.note("province_without_figures", [cell_name(i, self.name_col) for i, p in self.provinces.items()
                                                         if p.code in empty], provinces=empty)
        return self.table

    def _names_components(self, i: int) -> bool:
        labels = [v for j, v in enumerate(self.sheet.rows[i]) if j != self.name_col and isinstance(v, str)]
        return sum(1 for label in labels if _known_code(label)) >= MIN_COMPONENTS

    def _header_rows(self, first_row: int) -> list[int]:
        """The nearest row above the provinces that names at least three components (any year's names), with
        the rows right above it that do too (a compilation's English row above its Vietnamese one)."""
        for i in range(first_row - 1, -1, -1):
            if self._names_components(i):
                top = i
                while top > 0 and self._names_components(top - 1):
                    top -= 1
                return list(range(top, i + 1))
        return []

    def _columns(self, year: int) -> tuple[dict[int, tuple[str, str]], int | None, dict]:
        """Score columns as (code, weighting); the province-code column; columns that are not read and why."""
        named: dict[int, str | None] = {}
        labelled: dict[int, str] = {}
        code_col = None
        for j, labels in self.headers.items():
            if j == self.name_col:
                continue
            texts = [text for text, _ in labels]
            folded = [_folded(text) for text in texts]
            if any(f in _CODE_HEADERS or _is_code_header(f) for f in folded):
                code_col = j
                continue
            holds = next(filter(None, map(label_column, texts)), None)
            if holds is not None:  # a rank, group, region, count, id or statistic: never a score
                labelled[j] = holds
                continue
            code = self.component_of(texts, year, labels[0][1]) if texts else None
            if code is None and any(_is_total_label(f) and _statistic(f) is None for f in folded):
                code = TOTAL
            named[j] = code
        self.placed = self._place_in_structure_order(named, year)
        columns: dict[int, tuple[str, str]] = {}
        ignored: dict[int, tuple[str, str, dict]] = {}
        for j, code in named.items():
            label = _short(" / ".join(text for text, _ in self.headers[j]))
            weighting = _weighting(_folded(label)) if code == TOTAL else "unweighted"
            if code is not None and (code, weighting) not in columns.values():
                columns[j] = (code, weighting)
            elif code is not None:
                ignored[j] = ("repeated_column", label, {})
            else:
                ignored[j] = ("unrecognised_column" if label else "unlabelled_column", label or "–", {})
        for j, holds in labelled.items():
            ignored[j] = ("label_column", _short(" / ".join(text for text, _ in self.headers[j])), {"holds": holds})
        return columns, code_col, ignored

    def _place_in_structure_order(self, named: dict[int, str | None], year: int) -> set[int]:
        """A dimension followed by as many columns as it has sub-dimensions in the year, whose names are not
        those sub-dimensions (a compiler's labels of another year's structure, a name no list has), is read
        in the order of the year's structure, as every publisher prints it, with a finding naming the cells.
        Names that are the year's sub-dimensions, in any order, are read by name."""
        structure = subdimensions_in(year)
        blocks: list[tuple[str, list[int]]] = []
        for j in sorted(named):
            code = named[j]
            level = level_of(code) if code is not None else None
            if level == "dimension":
                blocks.append((code, []))
            elif blocks and (code is None or level == "subdimension"):
                if self.headers[j]:
                    blocks[-1][1].append(j)
            else:
                blocks.append(("", []))
        placed: set[int] = set()
        for dimension, cols in blocks:
            parts = structure.get(dimension, ())
            codes = [named[j] for j in cols]
            if not parts or len(cols) != len(parts) or set(codes) == set(parts):
                continue
            labels = [self.headers[j][0][0] for j in cols]
            for j, code in zip(cols, parts):
                named[j] = code
            placed.update(cols)
            named_in = _structures_named(labels, dimension)
            self.table.note("labels_of_other_structure" if named_in else "read_in_structure_order",
                            [self.headers[j][0][1] for j in cols], dimension=dimension, year=year,
                            codes=", ".join(parts), labels=", ".join(f"'{_short(label)}'" for label in labels),
                            **({"named_in": _years_text(named_in)} if named_in else {}))
        return placed

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
            raise self.error("code_mismatch", i, code_col, given=f"{row[code_col]:g}", where="row",
                             name=province.name_vi, expected=official_code(province))

    def _remember_columns(self, columns: dict[int, tuple[str, str]], year: int) -> None:
        siblings: dict[str, int] = {}
        for code, _ in columns.values():
            if level_of(code) == "subdimension":
                siblings[parent_of(code)] = siblings.get(parent_of(code), 0) + 1
        for j, (code, weighting) in columns.items():
            if weighting != "unweighted":
                continue
            level, parent = level_of(code), parent_of(code)
            if level == "subdimension":
                low, high = subdimension_scale(siblings[parent])
            elif level == "dimension":
                low, high = 1.0, 10.0
            else:
                low, high = total_scale(year)
            scale = Scale(f"{low:g}-{high:g}", low, high, False)
            texts = [text for text, _ in self.headers[j]]
            if j in self.placed:  # the sheet's label names something else: the year's own name is kept
                texts = [_first(year_names(code, year, "vi"), COMPONENTS[code].name_vi),
                         _first(year_names(code, year, "en"), COMPONENTS[code].name_en)]
            vi = next((text for text in texts if _is_vietnamese(text)), None)
            en = next((text for text in texts if not _is_vietnamese(text)), None)
            self.table.rows[code] = Row(code, level, parent, vi, en, scale, self.header_rows[-1])


def _first(names: list[str], default: str) -> str:
    return names[0] if names else default


def _structures_named(labels: list[str], dimension: str) -> list[int]:
    """The years whose structure the labels name, in order, as that dimension's sub-dimensions."""
    return [year for year in range(2011, 2026)
            if [code_named(label, year) for label in labels] == list(subdimensions_in(year).get(dimension, ()))]


def _years_text(years: list[int]) -> str:
    return str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
