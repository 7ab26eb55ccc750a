"""Text from workbooks, plans and users, made safe for where it goes: stored (control characters out),
spreadsheets (never a formula), markdown messages (never a link or an image), chart labels (never HTML).

One place for each rule, so that every door and every exporter applies the same one."""
from __future__ import annotations

import html
import re

# XML 1.0 (every .xlsx, .docx and .pptx) allows tab, line feed and carriage return of the C0 controls, none of
# the rest; C1 controls and non-characters are invisible at best. Vertical tab and form feed are the line and
# page breaks of text pasted from Word: kept as line breaks, the rest removed.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
_BREAKS = re.compile("[\x0b\x0c]")


def clean(value: str) -> str:
    """Text without control characters (vertical tab and form feed become line breaks)."""
    if not isinstance(value, str):
        return value
    return _CONTROL.sub("", _BREAKS.sub("\n", value))


def one_line(value: str) -> str:
    """A name (a plan's): `clean`, on one line, its spaces single, so it is found again as it was printed."""
    return " ".join(clean(value).split())


def clean_all(value):
    """`clean` on a text, or on each text of a list or tuple (agency lists); anything else unchanged."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, (list, tuple)):
        return type(value)(clean_all(v) for v in value)
    return value


# OWASP's CSV injection rule: a cell starting with one of these is read as a formula by Excel, LibreOffice or
# Google Sheets (the full-width forms too, in East Asian input modes).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


# A signed number written as text ("-12", "+0,20") starts with a sign but is no formula: kept as it is.
_SIGNED_NUMBER = re.compile(r"[+-]\d+(?:[.,]\d+)*%?")


def formula_like(value: str) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_START) and not _SIGNED_NUMBER.fullmatch(value)


def spreadsheet_text(value):
    """A value for a CSV cell: text cleaned, and prefixed with ' where it would start a formula (OWASP)."""
    if not isinstance(value, str):
        return value
    value = clean(value)
    return "'" + value if formula_like(value) else value


def spreadsheet_frame(frame):
    """A copy of a table with every text cell (and header) as `spreadsheet_text` makes it; numbers untouched."""
    safe = frame.copy()
    safe.columns = [spreadsheet_text(str(c)) for c in frame.columns]
    for column in safe.columns[[dtype == object or str(dtype) in ("string", "str") for dtype in safe.dtypes]]:
        safe[column] = safe[column].map(spreadsheet_text)
    return safe


def csv_text(frame, **options) -> str:
    """Every CSV a person may open in a spreadsheet (downloads, exports, the command line's tables): text that
    would start a formula prefixed with ' (OWASP), control characters removed. Not the tidy dataset
    (`dataset.py`), which is read back as data and must round-trip exactly."""
    return spreadsheet_frame(frame).to_csv(index=False, lineterminator="\n", **options)


def set_cell(cell, value) -> None:
    """An openpyxl cell given a value: text cleaned, and text that would start a formula stored as text with
    Excel's own hidden apostrophe (quotePrefix), so it shows as written and stays text when edited."""
    if isinstance(value, str):
        value = clean(value)
        cell.value = value
        if formula_like(value):
            cell.data_type = "s"
            cell.quotePrefix = True
        return
    cell.value = value


_MARKDOWN = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation character, which markdown may escape


def markdown_literal(value: object) -> str:
    """Text shown exactly as written in a markdown message (Streamlit's st.error, st.success ...): every
    punctuation character escaped, so no link, image, emphasis, HTML or bare URL is ever made of it."""
    return _MARKDOWN.sub(r"\\\1", clean(str(value))).replace("\n", "  \n")


def chart_text(value: object) -> str:
    """Text from data or users as a Plotly label: HTML-escaped, since Plotly renders <a href>, <span style>,
    <b> ... in every title, tick label, legend and hover text, and in the exported PNG/SVG."""
    return html.escape(clean(str(value)), quote=False)
