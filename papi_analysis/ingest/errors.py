"""The one error an ingest raises when it refuses a file."""
from __future__ import annotations

from openpyxl.utils import get_column_letter


def cell_name(row_index: int, col_index: int) -> str:
    """Excel's name for a zero-based (row, column), e.g. (0, 2) -> 'C1'."""
    return f"{get_column_letter(col_index + 1)}{row_index + 1}"


class IngestError(Exception):
    """A file was refused. Names the file and, where known, the sheet and cell."""

    def __init__(self, file: str, message: str, sheet: str | None = None, cell: str | None = None):
        self.file, self.sheet, self.cell, self.message = file, sheet, cell, message
        where = f"'{file}'"
        if sheet is not None:
            where += f", sheet '{sheet}'"
        if cell is not None:
            where += f", cell {cell}"
        super().__init__(f"{where}: {message}")
