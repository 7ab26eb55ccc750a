"""Opening a workbook safely and reading its cells once.

Workbooks come from email and downloads: the archive is checked before openpyxl parses it,
and macros are never run (openpyxl does not execute VBA; we do not keep it either).
"""
from __future__ import annotations

import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path

import openpyxl

from .errors import IngestError

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 400 * 1024 * 1024
MAX_SHEETS = 200


@dataclass
class Sheet:
    name: str
    rows: list[tuple]


def check_archive(path: Path, display_name: str) -> None:
    """Refuse what is not a workbook, or would expand past the cap (a zip bomb), before parsing."""
    size = path.stat().st_size
    if size == 0:
        raise IngestError(display_name, "the file is empty")
    if size > MAX_FILE_BYTES:
        raise IngestError(display_name, f"the file is {size / 1e6:.0f} MB; the limit is {MAX_FILE_BYTES / 1e6:.0f} MB")
    if not zipfile.is_zipfile(path):
        raise IngestError(display_name, "not an Excel workbook (.xlsx/.xlsm): the file is not a valid zip archive; "
                                        "it may be truncated, or another format renamed")
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            expanded = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise IngestError(display_name, f"the workbook archive is damaged ({exc})") from None
    if expanded > MAX_UNCOMPRESSED_BYTES:
        raise IngestError(display_name, f"the workbook would expand to {expanded / 1e6:.0f} MB; "
                                        f"the limit is {MAX_UNCOMPRESSED_BYTES / 1e6:.0f} MB")
    if "xl/workbook.xml" not in names:
        raise IngestError(display_name, "not an Excel workbook: the archive has no xl/workbook.xml "
                                        "(.xls files must be re-saved as .xlsx)")


def read_sheets(path: Path, display_name: str) -> list[Sheet]:
    """Every sheet's cell values (cached results for formulas), rows from A1."""
    check_archive(path, display_name)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about unsupported extensions; harmless here
            book = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_vba=False, keep_links=False)
    except Exception as exc:  # openpyxl raises many types for malformed parts
        raise IngestError(display_name, f"the workbook cannot be read ({type(exc).__name__}: {exc})") from None
    try:
        if len(book.sheetnames) > MAX_SHEETS:
            raise IngestError(display_name, f"the workbook has {len(book.sheetnames)} sheets; the limit is {MAX_SHEETS}")
        sheets = []
        for worksheet in book.worksheets:
            try:
                rows = list(worksheet.iter_rows(min_row=1, min_col=1, values_only=True))
            except IngestError:
                raise
            except Exception as exc:
                raise IngestError(display_name, f"the sheet cannot be read ({type(exc).__name__}: {exc})",
                                  sheet=worksheet.title) from None
            sheets.append(Sheet(worksheet.title, rows))
        return sheets
    finally:
        book.close()
