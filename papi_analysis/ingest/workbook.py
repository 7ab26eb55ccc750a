"""Opening a workbook safely and reading its cells once.

Workbooks come from email and downloads: the archive is checked before it is parsed, each sheet's extent
is read from its own XML (a streaming scan, no grid built) before the cells are, and macros are never run
(calamine, a Rust reader, reads cell values only). It reads about six times faster than openpyxl, which is
what lets an ingest cost little more than a bare read. Calamine allocates a sheet's whole used range: one
cell at XFD1048576 would ask it for half a terabyte and abort the process, hence the scan first.
"""
from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ElementTree
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import python_calamine

from ..limits import MB, SHEET_CELLS, SHEET_COLUMNS, SHEET_ROWS, UNZIPPED_MB, UPLOAD_MB, WORKBOOK_PART_MB, megabytes
from ..sanitise import clean
from .errors import IngestError, column_letter

MAX_FILE_BYTES = UPLOAD_MB * MB
MAX_UNCOMPRESSED_BYTES = UNZIPPED_MB * MB
MAX_SHEETS = 200
MAX_WORKBOOK_PART_BYTES = WORKBOOK_PART_MB * MB
SCAN_CHUNK_BYTES = 1024 * 1024
UNCACHED_KEPT = 1000  # formula cells without a value named one by one; beyond, counted


@dataclass
class Sheet:
    name: str
    rows: list[list]
    # Formula cells saved without a result (zero-based row, column): openpyxl and some exporters write the
    # formula only, which a reader sees as an empty cell.
    uncached: frozenset[tuple[int, int]] = frozenset()
    uncached_count: int = 0


@dataclass
class _Extent:
    rows: int = 0
    columns: int = 0
    cells: int = 0
    far_cell: str = "A1"
    uncached: set[tuple[int, int]] = field(default_factory=set)
    uncached_count: int = 0


def check_archive(path: Path, display_name: str) -> None:
    """Refuse what is not a workbook, or would expand past the cap (a zip bomb), before parsing."""
    size = path.stat().st_size
    if size == 0:
        raise IngestError(display_name, "file_empty")
    if size > MAX_FILE_BYTES:
        raise IngestError(display_name, "file_too_large", size=megabytes(size), limit=megabytes(MAX_FILE_BYTES))
    if not zipfile.is_zipfile(path):
        raise IngestError(display_name, "not_zip")
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            expanded = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise IngestError(display_name, "archive_damaged", detail=str(exc)[:120]) from None
    if expanded > MAX_UNCOMPRESSED_BYTES:
        raise IngestError(display_name, "expands_too_large", size=megabytes(expanded), limit=megabytes(MAX_UNCOMPRESSED_BYTES))
    if "xl/workbook.xml" not in names:
        raise IngestError(display_name, "not_workbook")


_REFERENCE = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")


def _position(reference: str) -> tuple[int, int] | None:
    """'XFD1048576' -> (1048575, 16383), zero-based; None for what is not a cell reference."""
    match = _REFERENCE.fullmatch(reference.strip().upper())
    if not match:
        return None
    column = 0
    for letter in match.group(1):
        column = column * 26 + ord(letter) - ord("A") + 1
    return int(match.group(2)) - 1, column - 1


def _local(tag: str) -> str:
    return tag.rpartition("}")[2].rpartition(":")[2]


def _sheet_parts(archive: zipfile.ZipFile, display_name: str) -> list[tuple[str, str]]:
    """(sheet name, part in the archive) of each worksheet, in the workbook's order."""
    def parsed(part: str):
        if archive.getinfo(part).file_size > MAX_WORKBOOK_PART_BYTES:
            raise IngestError(display_name, "part_too_large", part=part, limit=WORKBOOK_PART_MB)
        return ElementTree.fromstring(archive.read(part))  # expat: no external entities, no entity expansion bomb

    try:
        relations = {}
        if "xl/_rels/workbook.xml.rels" in archive.namelist():
            for element in parsed("xl/_rels/workbook.xml.rels").iter():
                if _local(element.tag) == "Relationship" and element.get("Target"):
                    target = element.get("Target")
                    relations[element.get("Id")] = target.lstrip("/") if target.startswith("/") else \
                        posixpath.normpath(posixpath.join("xl", target))
        parts = []
        for element in parsed("xl/workbook.xml").iter():
            if _local(element.tag) == "sheet":
                relation = next((v for k, v in element.attrib.items() if _local(k) == "id"), None)
                parts.append((element.get("name", ""), relations.get(relation, "")))
    except (ElementTree.ParseError, KeyError) as exc:
        raise IngestError(display_name, "unreadable", detail=f"{type(exc).__name__}: {str(exc)[:120]}") from None
    return [(name, part) for name, part in parts if part in archive.namelist()]


_ROOT = re.compile(rb"<(\w+:)?worksheet[\s>]")
_WHITESPACE = bytes.maketrans(b"\t\n\r", b"   ")  # one kind of space between attributes: plain patterns


@lru_cache(maxsize=8)
def _patterns(prefix: bytes) -> dict:
    """The scan's patterns for the sheet's namespace prefix ('' or e.g. 'x:'), each starting with a literal, which
    keeps the scan at the speed of a byte search."""
    p = re.escape(prefix)
    return {
        "dimension": re.compile(rb'<' + p + rb'dimension [^<]*?ref="(?:[A-Z]+[0-9]+:)?([A-Z]{1,4}[0-9]{1,9})"'),
        "row_number": re.compile(rb'<' + p + rb'row [^<]*?r="([0-9]{1,9})"'),
        # any attribute r="letters digits": a cell's reference, wherever it stands among its attributes
        "reference": re.compile(rb' r="([A-Z]{1,4})([0-9]{1,9})"'),
        "cell": re.compile(rb'<' + p + rb'c[ >/]'),
        "row": re.compile(rb'<' + p + rb'row[ >/]'),
        # a formula with nothing after it in its cell, or an empty value, as openpyxl saves one
        "uncached": re.compile(rb'<' + p + rb'f(?: [^<>]*)?(?:/>|>[^<]*</' + p + rb'f>)(?:<' + p + rb'v ?/>|<' + p
                               + rb'v> *</' + p + rb'v>)? *</' + p + rb'c>'),
        "prefix": prefix,
        "cuts": (b"</" + prefix + b"row>", b"</" + prefix + b"c>", b"<"),  # a piece ends after a row, a cell, a tag
    }


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _scan(archive: zipfile.ZipFile, part: str, display_name: str, sheet: str) -> _Extent:
    """A sheet's extent and its formula cells without a value, from its XML in pieces (regular expressions over
    bytes: no grid, no tree, constant memory), refused at the first piece past a cap. A sheet's <dimension> is
    taken at its word too: a reader may allocate what it says."""
    extent = _Extent()
    rows_seen = 0
    patterns = _patterns(b"")

    def reach(rows: int, columns: int, far_cell: str) -> None:
        if rows > extent.rows or columns > extent.columns:
            extent.rows, extent.columns = max(extent.rows, rows), max(extent.columns, columns)
            extent.far_cell = far_cell

    def check() -> None:
        if extent.rows > SHEET_ROWS or extent.columns > SHEET_COLUMNS or extent.cells > SHEET_CELLS \
                or extent.rows * extent.columns > SHEET_CELLS:
            raise IngestError(display_name, "sheet_too_large", sheet=sheet, cell=extent.far_cell, far=extent.far_cell,
                              rows=extent.rows,
                              columns=extent.columns, used=extent.cells, max_rows=SHEET_ROWS,
                              max_columns=SHEET_COLUMNS, max_cells=SHEET_CELLS)

    def formulas(piece: bytes) -> None:
        for match in patterns["uncached"].finditer(piece):
            reference = patterns["reference"].search(piece, max(0, piece.rfind(b"<", 0, match.start() - 1)), match.start())
            extent.uncached_count += 1
            if reference and len(extent.uncached) < UNCACHED_KEPT:
                extent.uncached.add((int(reference.group(2)) - 1, _column_number(reference.group(1)) - 1))

    def piece_of(piece: bytes) -> None:
        nonlocal rows_seen
        cells = patterns["reference"].findall(piece)
        if cells:
            column = max({letters for letters, _ in cells}, key=lambda letters: (len(letters), letters))
            row = max(int(number) for number in {number for _, number in cells})
            reach(row, _column_number(column), f"{column.decode()}{row}")
        numbers = patterns["row_number"].findall(piece)
        if numbers:
            row = max(int(number) for number in numbers)
            reach(row, 1, f"A{row}")
        rows_seen += len(patterns["row"].findall(piece))
        reach(rows_seen, 1, f"A{rows_seen}")  # rows written without their number follow one another
        count = sum(piece.count(b"<" + patterns["prefix"] + b"c" + end) for end in (b" ", b">", b"/"))
        extent.cells += count
        if count > len(cells):  # cells without a reference follow one another along their row
            widest = max(len(patterns["cell"].findall(row_text)) for row_text in piece.split(patterns["cuts"][0]))
            reach(1, widest, f"{column_letter(widest - 1)}1")
        check()
        formulas(piece)

    try:
        with archive.open(part) as stream:
            head = stream.read(SCAN_CHUNK_BYTES).translate(_WHITESPACE)
            root = _ROOT.search(head)
            patterns = _patterns(root.group(1) or b"" if root else b"")
            dimension = patterns["dimension"].search(head)
            if dimension:
                corner = _position(dimension.group(1).decode())
                if corner:
                    reach(corner[0] + 1, corner[1] + 1, dimension.group(1).decode())
                    check()
            rest = head
            while True:
                chunk = stream.read(SCAN_CHUNK_BYTES).translate(_WHITESPACE)
                rest += chunk
                if not chunk:
                    piece_of(rest)
                    break
                cut = len(rest)
                for mark in patterns["cuts"]:
                    if (at := rest.rfind(mark)) > 0:
                        cut = at if mark == b"<" else at + len(mark)
                        break
                piece_of(rest[:cut])
                rest = rest[cut:]
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise IngestError(display_name, "sheet_unreadable", sheet=sheet, detail=f"{type(exc).__name__}: {str(exc)[:120]}") from None
    return extent


def _extents(path: Path, display_name: str) -> dict[str, _Extent]:
    with zipfile.ZipFile(path) as archive:
        parts = _sheet_parts(archive, display_name)
        if len(parts) > MAX_SHEETS:
            raise IngestError(display_name, "too_many_sheets", count=len(parts), limit=MAX_SHEETS)
        return {name: _scan(archive, part, display_name, name) for name, part in parts}


def read_sheets(path: Path, display_name: str) -> list[Sheet]:
    """Every sheet's cell values (cached results for formulas; '' for an empty cell), rows from A1; refused
    before any is read when a sheet's extent passes the caps."""
    check_archive(path, display_name)
    extents = _extents(path, display_name)
    try:
        book = python_calamine.CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # the reader raises several types for malformed parts
        raise IngestError(display_name, "unreadable", detail=f"{type(exc).__name__}: {str(exc)[:120]}") from None
    if len(book.sheet_names) > MAX_SHEETS:
        raise IngestError(display_name, "too_many_sheets", count=len(book.sheet_names), limit=MAX_SHEETS)
    sheets = []
    for name in book.sheet_names:
        try:
            rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        except Exception as exc:
            raise IngestError(display_name, "sheet_unreadable", sheet=name,
                              detail=f"{type(exc).__name__}: {str(exc)[:120]}") from None
        extent = extents.get(name, _Extent())
        # Control characters (a BEL in a sheet name or a cell) would break every export of what is read here.
        sheets.append(Sheet(clean(name), [[clean(v) if isinstance(v, str) else v for v in row] for row in rows],
                            frozenset(extent.uncached), extent.uncached_count))
    return sheets
