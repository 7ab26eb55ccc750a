"""Reading one cell: a number, a published 'no data' marker, or an error."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

# Text the publishers put where a province had too few respondents. Missing, never zero.
MISSING_MARKERS = frozenset({
    "", "#n/a", "n/a", "na", "#na", "kcdl", "không có dữ liệu", "khong co du lieu", "-", "–", "—",
    "..", "...", "#div/0!", "#value!", "#ref!", "#num!", "#null!", "no data", "nd",
})

_NUMBER_TEXT = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


class BadCell(ValueError):
    """A score cell holds text that is neither a number nor a 'no data' marker."""


def read_number(value: object) -> float | None:
    """A cell as a float, None when the cell says there is no data.

    Raises BadCell for text such as 'abc' or '5,43' where a score should be, and for a number that is not finite.
    """
    if value is None or isinstance(value, bool):
        return None if value is None else _bad(value)
    if isinstance(value, (int, float)):
        return _finite(float(value), value)
    if isinstance(value, str):
        text = value.strip()
        if text.lower() in MISSING_MARKERS:
            return None
        if _NUMBER_TEXT.match(text):
            return _finite(float(text), value)
    return _bad(value)


def _finite(number: float, value: object) -> float:
    """A number beyond a float's range ('1e309') or not a number is no score, and not 'no data' either."""
    if not math.isfinite(number):
        raise BadCell(f"'{str(value)[:40]}' is not a finite number")
    return number


def _bad(value: object) -> float:
    raise BadCell(f"'{str(value)[:40]}' is not a number")


@dataclass(frozen=True)
class Scale:
    text: str
    low: float | None
    high: float | None
    percent: bool


_RANGE = re.compile(r"(-?\d[\d,]*(?:\.\d+)?)\s*(%?)\s*[-–]\s*(-?\d[\d,]*(?:\.\d+)?)\s*(%?)")
_THOUSANDS = re.compile(r",(?=\d{3}(?!\d))")


def _to_float(text: str) -> float:
    return float(_THOUSANDS.sub("", text).replace(",", "."))


def parse_scale(text: object) -> Scale | None:
    """'0.25-2.5 điểm' -> 0.25..2.5; '0%-100%' -> proportions 0..1; 'Tối thiểu - Tối đa' -> unbounded."""
    if not isinstance(text, str) or not text.strip():
        return None
    match = _RANGE.search(text)
    if not match:
        return Scale(text.strip(), None, None, False)
    low, high = _to_float(match.group(1)), _to_float(match.group(3))
    if match.group(2) or match.group(4):
        # Percentages are published as proportions (0.53 for 53 %).
        return Scale(text.strip(), low / 100, high / 100, True)
    return Scale(text.strip(), low, high, False)


def looks_like_scale(text: object) -> bool:
    if not isinstance(text, str):
        return False
    lowered = text.lower()
    return bool(_RANGE.search(text)) or any(w in lowered for w in ("điểm", "points", "thang", "scale", "tối đa"))
