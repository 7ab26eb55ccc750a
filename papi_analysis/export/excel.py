"""Tables as formatted Excel workbooks: styled header, number formats, frozen header, sources and notes."""
from __future__ import annotations

import io

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .. import store
from ..sanitise import clean, csv_text, set_cell
from ..i18n import text, third_party_note

HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
MAX_WIDTH = 60


def workbook(tables: dict[str, pd.DataFrame], sources: pd.DataFrame, lang: str = "vi",
             notes: list[str] | None = None) -> bytes:
    """One sheet per table (sheet names cut to Excel's 31 characters), then a sheet of sources and notes."""
    book = Workbook()
    book.remove(book.active)
    for name, frame in tables.items():
        _write_table(book.create_sheet(_sheet_name(name)), frame)
    about = book.create_sheet(text("export.notes", lang)[:31])
    third_party = third_party_note(sources.year.dropna().unique(), store.third_party_years(sources), lang) \
        if "origin" in sources else ""
    lines = (notes or []) + [text(k, lang) for k in ("note.unweighted", "note.missing", "note.comparability",
                                                     "note.groups")] + ([third_party] if third_party else [])
    for i, line in enumerate(lines, start=1):
        set_cell(about.cell(i, 1), line)
    columns = ["year", "file_name", "sheet", "origin", "status", "sha256", "loaded_at"]
    provenance = sources[[c for c in columns if c in sources]].copy()
    if "loaded_at" in provenance:
        provenance["loaded_at"] = provenance["loaded_at"].astype(str)
    if "origin" in provenance:
        provenance["origin"] = provenance["origin"].map(lambda origin: text(f"origin.{origin}", lang))
    start = len(lines) + 2
    _append_rows(about, start, [text(f"col.{_source_column(column)}", lang) for column in provenance.columns],
                 provenance.itertuples(index=False))
    _style_header(about, start)
    about.column_dimensions["A"].width = 90
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


CSV_DECIMALS = 4


def csv_bytes(frame: pd.DataFrame, lang: str) -> bytes:
    """A table as CSV that Excel opens in the reader's language: numbers rounded to four decimals, with the
    decimal comma and ';' separator of Vietnamese settings (or '.' and ','), UTF-8 with a byte-order mark."""
    separator, decimal = (";", ",") if lang == "vi" else (",", ".")
    return csv_text(frame.round(CSV_DECIMALS), sep=separator, decimal=decimal).encode("utf-8-sig")


def _source_column(column: str) -> str:
    return {"file_name": "file", "sha256": "sha256", "loaded_at": "loaded_at"}.get(column, column)


def _sheet_name(name: str) -> str:
    name = clean(name).replace("\n", " ")
    for bad in "[]:*?/\\":
        name = name.replace(bad, " ")
    return name[:31] or "Sheet"


def _append_rows(sheet, start: int, header: list, rows) -> None:
    """A header and rows from row `start`, every value through `set_cell`: text never becomes a formula."""
    for i, values in enumerate([header, *rows], start=start):
        for j, value in enumerate(values, start=1):
            set_cell(sheet.cell(i, j), None if _missing(value) else (value.item() if hasattr(value, "item") else value))


def _write_table(sheet, frame: pd.DataFrame) -> None:
    _append_rows(sheet, 1, [str(c) for c in frame.columns], frame.itertuples(index=False))
    _style_header(sheet, 1)
    for j, column in enumerate(frame.columns, start=1):
        letter = get_column_letter(j)
        values = frame[column]
        if pd.api.types.is_float_dtype(values):
            for cell in sheet[letter][1:]:
                cell.number_format = "0.00"
        longest = max([len(str(column))] + [len(str(v)) for v in values.head(200)])
        sheet.column_dimensions[letter].width = min(MAX_WIDTH, longest + 2)
    sheet.freeze_panes = "A2"


def _style_header(sheet, row: int) -> None:
    for cell in sheet[row]:
        if cell.value is not None:
            cell.font = Font(bold=True, color="FFFFFF")
            cell.fill = HEADER_FILL
            cell.alignment = Alignment(wrap_text=True, vertical="center")


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)
