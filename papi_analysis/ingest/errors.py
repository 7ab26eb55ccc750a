"""The one error an ingest raises when it refuses a file: typed like a finding."""
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
    """A file was refused: a code, the file, sheet and cells, and parameters, rendered late through the
    catalogue (`i18n.refusal_text`, entry `refusal.<code>` and what to do next, `refusal.<code>.next`) in the
    reader's language. `str()` is the English sentence, for logs."""

    def __init__(self, file: str, code: str, sheet: str | None = None, cell: str | None = None,
                 cells: list[str] | None = None, **params):
        self.file, self.code, self.sheet, self.params = file, code, sheet, params
        self.cells = [cell] if cell is not None else list(cells or [])
        self.cell = self.cells[0] if self.cells else None
        super().__init__(self.text("en"))

    def text(self, lang: str) -> str:
        from ..i18n import refusal_text  # the catalogue imports nothing from the ingest

        return refusal_text(self, lang)
