"""The one error an ingest raises when it refuses a file."""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1024)
def column_letter(col_index: int) -> str:
    """Excel's letters for a zero-based column: 0 -> 'A', 27 -> 'AB'."""
    letters, number = "", col_index + 1
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def cell_name(row_index: int, col_index: int) -> str:
    """Excel's name for a zero-based (row, column), e.g. (0, 2) -> 'C1'."""
    return f"{column_letter(col_index)}{row_index + 1}"


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
