"""Tables in the layouts people hand the dashboard besides the publishers' two: a CSV file of either
layout, and a panel (one row per province and year, a year column, components as columns by name or by
code such as `D1` or `1.1`). Also what a file that holds no PAPI table looks like instead (a plan's appendix).

A panel is read year by year as the province-per-row layout: each year's sheet keeps the panel's rows in
place (other years' rows blank), so every cell keeps its own name.
"""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from ..limits import megabytes
from ..provinces import fold
from .errors import IngestError
from .workbook import Sheet

_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d+$")
_SUBDIMENSION_CODE = re.compile(r"^[1-8]\.[1-4]$")
_YEAR_HEADERS = ("nam", "year", "nam khao sat", "survey year", "nam danh gia", "ky khao sat")
_FIRST_YEAR, _LAST_YEAR = 2006, 2049
_MIN_YEAR_ROWS = 10
# Columns beside the scores that are statistics or labels, never scores (folded words at a header's start or end).
_LABEL_WORDS = {
    "rank": ("rank", "ranking", "xep hang", "hang", "thu hang", "vi tri"),
    "group": ("tier", "nhom", "group", "quartile", "tu phan vi", "xep loai", "band", "phan loai"),
    "region": ("vung", "region", "mien", "khu vuc", "vung mien", "vung kinh te"),
    "count": ("n", "obs", "observations", "so quan sat", "so nguoi tra loi", "respondents", "count", "so mau",
              "co mau", "sample", "sample size", "so phieu"),
    "id": ("stt", "tt", "no", "so thu tu", "#", "index", "uid"),
    "statistic": ("se", "sd", "ci", "sai so", "sai so chuan", "standard error", "do lech chuan", "std", "change",
                  "thay doi", "tang giam", "chenh lech", "diff", "delta", "percentile", "bach phan vi", "z",
                  "variance", "phuong sai", "ci low", "ci high", "lower", "upper", "min", "max"),
}
_PLAN_WORDS = ("chu tri", "phoi hop", "chi tieu", "nhiem vu", "giai phap", "lead agency", "target")


def csv_sheet(path: Path, display_name: str) -> Sheet:
    """A CSV file as one sheet: numbers as numbers, everything else as text. Excel in a Vietnamese locale writes
    ';' between cells and a decimal comma: with ';' as the delimiter, '5,43' is 5.43; with ',' it stays text
    (and a score cell holding it refuses the file, as in a workbook)."""
    from .compilation import MAX_CSV_BYTES  # the compilation reader needs the table reader, which needs this module
    if path.stat().st_size > MAX_CSV_BYTES:
        raise IngestError(display_name, "file_too_large", size=megabytes(path.stat().st_size),
                          limit=megabytes(MAX_CSV_BYTES))
    try:
        content = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise IngestError(display_name, "not_utf8") from None
    header = content.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=header.count)
    rows = [row if _codes_header(row) else [_cell(value, delimiter) for value in row]
            for row in csv.reader(io.StringIO(content), delimiter=delimiter)]
    return Sheet(Path(display_name).name, rows)


def _codes_header(row: list[str]) -> bool:
    """A header naming sub-dimensions by code ('1.1', '1.2', ...): its cells stay text, not numbers."""
    numeric = [value.strip() for value in row if _NUMBER.match(value.strip())]
    return len(numeric) >= 3 and all(_SUBDIMENSION_CODE.match(value) for value in numeric)


def _cell(value: str, delimiter: str) -> object:
    text = value.strip()
    if _NUMBER.match(text):
        return float(text)
    if delimiter == ";" and _DECIMAL_COMMA.match(text):
        return float(text.replace(",", "."))
    return value


def _year_of(value: object) -> int | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer():
        year = int(value)
    elif isinstance(value, str) and value.strip().isdigit():
        year = int(value.strip())
    else:
        return None
    return year if _FIRST_YEAR <= year <= _LAST_YEAR else None


def split_panel(sheet: Sheet) -> list[tuple[int, Sheet]] | None:
    """A panel's years, each with the sheet as that year sees it; None when the sheet has no year column."""
    rows = sheet.rows
    for i, row in enumerate(rows[:30]):
        for j, value in enumerate(row):
            if not isinstance(value, str) or fold(value).strip(" :.") not in _YEAR_HEADERS:
                continue
            years = {k: _year_of(r[j]) for k, r in enumerate(rows[i + 1:], start=i + 1) if j < len(r)}
            years = {k: year for k, year in years.items() if year is not None}
            if len(years) >= _MIN_YEAR_ROWS:
                return [(year, Sheet(sheet.name, _rows_of(rows, i, j, years, year)))
                        for year in sorted(set(years.values()))]
    return None


def _rows_of(rows: list[list], header: int, year_col: int, years: dict[int, int], year: int) -> list[list]:
    """The panel's rows with other years' rows emptied and the year column (read already) blanked."""
    kept = []
    for k, row in enumerate(rows):
        if years.get(k, year) != year:
            kept.append([])
        elif k == header or k in years:
            kept.append([("" if j == year_col else v) for j, v in enumerate(row)])
        else:
            kept.append(row)
    return kept


def label_column(label: str) -> str | None:
    """What a column beside the scores holds when it is a statistic or a label ('Xếp hạng', 'D1_rank', 'Vùng',
    'Nhóm', 'STT', 'SE'), or None for a column that may be a score."""
    tokens = [t for t in re.split(r"[^0-9a-z#]+", fold(label)) if t]
    if not tokens:
        return None
    ends = {" ".join(tokens[:n]) for n in range(1, 4)} | {" ".join(tokens[-n:]) for n in range(1, 4)}
    return next((kind for kind, words in _LABEL_WORDS.items() if ends & set(words)), None)


def looks_like_plan(sheets: list[Sheet]) -> bool:
    """A sheet whose header row names targets, tasks or lead agencies: a plan's appendix, for the Plan page."""
    for sheet in sheets:
        for row in sheet.rows[:30]:
            words = {w for v in row if isinstance(v, str) for w in _PLAN_WORDS if w in fold(v)}
            if len(words) >= 2:
                return True
    return False
