"""Values a person types on the command line or a link carries (`?year=2024&province=17`), read by the same
rules in both: ASCII digits only. A superscript '²' or an Arabic-Indic '٢' passes str.isdigit(), and int()
then raises (a link such as /?year=%C2%B2 crashed every page) or reads a number nobody typed."""
from __future__ import annotations

import re

_WHOLE = re.compile(r"[0-9]{1,9}")


def whole_number(text: object) -> int | None:
    """A whole number written in ASCII digits (surrounding spaces allowed), or None."""
    text = str(text).strip()
    return int(text) if _WHOLE.fullmatch(text) else None


def year(text: str) -> int:
    """A survey year as typed: four ASCII digits. For argparse (`type=year`): ValueError otherwise."""
    value = whole_number(text)
    if value is None or not 1000 <= value <= 9999:
        raise ValueError(f"not a year: {text!r}")
    return value


def year_or_none(text: str | None) -> int | None:
    """`year` for a link's parameter, where a value that is no year is ignored rather than refused."""
    try:
        return year(text) if text else None
    except ValueError:
        return None
