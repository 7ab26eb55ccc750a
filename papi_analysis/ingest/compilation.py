"""Third-party compilations of published figures, as CSV files (e.g. `third-party/ml-mcdm/`).

One file a year (`2020.csv`): a province key per row (`P01`...), then one column per sub-dimension
(`SC11` is 1.1). The province keys are resolved through the compilation's own codebook
(`codebook_provinces.csv` beside the file). Blank is missing. Dimensions and totals are not in
the files: they are computed as sums of the sub-dimensions and stored as derived, never as
published figures.
"""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from ..codebook import COMPONENTS, DIMENSION_CODES, TOTAL, dimension_count, subdimension_scale, subdimensions_in, total_scale
from ..limits import COMPILATION_CSV_MB, MB, megabytes
from ..provinces import match_province
from .cells import BadCell, Scale, read_number
from .errors import IngestError, column_letter
from .tables import THIRD_PARTY, Row, SheetTable, Value

LAYOUT = "compilation"
PROVINCE_CODEBOOK = "codebook_provinces.csv"
SUBDIMENSION_CODEBOOK = "codebook_subcriteria.csv"
MAX_CSV_BYTES = COMPILATION_CSV_MB * MB
_COLUMN = re.compile(r"^SC([1-8])([1-4])$", re.IGNORECASE)
_YEAR_FILE = re.compile(r"^(20[0-4]\d)\.csv$", re.IGNORECASE)


def is_codebook(path: Path) -> bool:
    return path.name.lower() in (PROVINCE_CODEBOOK, SUBDIMENSION_CODEBOOK)


def _rows(path: Path, display_name: str) -> list[list[str]]:
    if path.stat().st_size > MAX_CSV_BYTES:
        raise IngestError(display_name, "file_too_large", size=megabytes(path.stat().st_size), limit=megabytes(MAX_CSV_BYTES))
    try:
        content = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise IngestError(display_name, "not_utf8") from None
    return list(csv.reader(io.StringIO(content)))


def _province_keys(folder: Path, display_name: str) -> dict[str, int]:
    """The compilation's own province keys (P01...) to national codes, from its codebook."""
    path = folder / PROVINCE_CODEBOOK
    if not path.exists():
        raise IngestError(display_name, "needs_codebook", codebook=PROVINCE_CODEBOOK)
    keys = {}
    for number, row in enumerate(_rows(path, PROVINCE_CODEBOOK)[1:], start=2):
        if len(row) < 2 or not row[0].strip():
            continue
        province = match_province(row[1])
        if province is None:
            raise IngestError(PROVINCE_CODEBOOK, "unknown_province", cell=f"B{number}", name=row[1].strip()[:60])
        keys[row[0].strip().upper()] = province.code
    return keys


def read_compilation(path: Path, display_name: str) -> SheetTable | None:
    """A compilation's year file as a table, or None when the file is not one."""
    match = _YEAR_FILE.match(path.name)
    rows = _rows(path, display_name)
    header = [cell.strip() for cell in rows[0]] if rows else []
    columns = {j: f"{m.group(1)}.{m.group(2)}" for j, m in ((j, _COLUMN.match(h)) for j, h in enumerate(header)) if m}
    if match is None or len(columns) < 3:
        return None
    year = int(match.group(1))
    keys = _province_keys(path.parent, display_name)
    structure = subdimensions_in(year)
    in_year = {code for parts in structure.values() for code in parts}
    table = SheetTable(path.name, LAYOUT, year, THIRD_PARTY)
    outside: dict[str, int] = {}
    seen: dict[int, int] = {}
    for i, row in enumerate(rows[1:], start=1):
        if not row or not row[0].strip():
            continue
        province = keys.get(row[0].strip().upper())
        if province is None:
            raise IngestError(display_name, "unknown_province_key", cell=f"A{i + 1}", key=row[0].strip()[:20],
                              codebook=PROVINCE_CODEBOOK)
        if province in seen:
            raise IngestError(display_name, "province_key_twice", cell=f"A{i + 1}", key=row[0].strip()[:20],
                              other=seen[province] + 1)
        seen[province] = i
        for j, code in columns.items():
            raw = row[j].strip() if j < len(row) else ""
            cell = f"{column_letter(j)}{i + 1}"
            try:
                number = read_number(raw)
            except BadCell:
                raise IngestError(display_name, "text_in_score", cell=cell, value=raw[:40], label=code) from None
            if number is None:
                continue
            if code not in in_year:
                outside[code] = outside.get(code, 0) + 1
                continue
            table.values.append(Value(province, code, "unweighted", "score", number, cell))
    for code, count in outside.items():
        table.note("outside_year_structure", code=code, year=year, count=count)
    _describe(table, structure, _subdimension_names(path.parent))
    _add_sums(table, structure)
    empty = sorted(set(keys.values()) - table.provinces)
    if empty:
        table.note("province_without_figures", provinces=empty)
    return table


def _describe(table: SheetTable, structure: dict[str, tuple[str, ...]], english: dict[str, str]) -> None:
    low, high = total_scale(table.year)
    table.rows[TOTAL] = Row(TOTAL, "total", None, COMPONENTS[TOTAL].name_vi, COMPONENTS[TOTAL].name_en,
                            Scale(f"{low:g}-{high:g}", low, high, False), 0)
    for dimension, parts in structure.items():
        component = COMPONENTS[dimension]
        table.rows[dimension] = Row(dimension, "dimension", TOTAL, component.name_vi, component.name_en,
                                    Scale("1-10", 1.0, 10.0, False), 0)
        low, high = subdimension_scale(len(parts))
        for code in parts:
            table.rows[code] = Row(code, "subdimension", dimension, COMPONENTS[code].name_vi,
                                   english.get(code, COMPONENTS[code].name_en), Scale(f"{low:g}-{high:g}", low, high, False), 0)


def _subdimension_names(folder: Path) -> dict[str, str]:
    """The compilation's own English names of its columns (`codebook_subcriteria.csv`), where it has them."""
    path = folder / SUBDIMENSION_CODEBOOK
    if not path.exists():
        return {}
    names = {}
    for row in _rows(path, SUBDIMENSION_CODEBOOK)[1:]:
        match = _COLUMN.match(row[0].strip()) if len(row) > 1 else None
        if match:
            names[f"{match.group(1)}.{match.group(2)}"] = row[1].strip()
    return names


def _add_sums(table: SheetTable, structure: dict[str, tuple[str, ...]]) -> None:
    """Dimensions as the sums of their sub-dimensions, the total as the sum of the dimensions; only where
    no part is missing. Marked derived."""
    scores = {(v.province, v.code): v.value for v in table.values}
    derived = []
    for province in table.provinces:
        dimensions = {}
        for dimension, parts in structure.items():
            pieces = [scores.get((province, code)) for code in parts]
            if all(p is not None for p in pieces):
                dimensions[dimension] = sum(pieces)
                derived.append(Value(province, dimension, "unweighted", "score", dimensions[dimension], None, True))
        if len(dimensions) == dimension_count(table.year) and set(dimensions) <= set(DIMENSION_CODES):
            derived.append(Value(province, TOTAL, "unweighted", "score", sum(dimensions.values()), None, True))
    table.values.extend(derived)
    if derived:
        table.note("derived_sums", count=len(derived))
