"""What the database already holds for the years a file offers, and how the file's figures differ from it:
the comparison by which a published year is never overwritten by mistake."""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import duckdb

from .tables import Value

TOLERANCE = 1e-4  # published to four decimals at most; a copy read back from Excel differs by far less


@dataclass
class Stored:
    where: str  # "file, sheet" of the source in force
    origin: str
    fingerprint: dict = field(default_factory=dict)  # (province, code) -> value, dimensions and sub-dimensions
    figures: dict = field(default_factory=dict)  # (province, code, weighting, statistic) -> (value, cell)


def stored_years(con: duckdb.DuckDBPyConnection, offered: set[int]) -> dict[int, Stored]:
    """Every stored year with its source and fingerprint; every figure of the years offered."""
    stored: dict[int, Stored] = {}
    for year, where, origin in con.execute("""
            SELECT year, arg_max(file_name || ', ' || sheet, source_id), arg_max(origin, source_id)
            FROM sources WHERE status = 'loaded' GROUP BY year""").fetchall():
        stored[year] = Stored(where, origin)
    for year, province, code, value in con.execute("""
            SELECT s.year, s.province_code, s.code, s.value
            FROM scores s JOIN components c USING (code)
            WHERE s.statistic = 'score' AND s.weighting = 'unweighted'
              AND c.level IN ('dimension', 'subdimension')""").fetchall():
        if year in stored:
            stored[year].fingerprint[(province, code)] = value
    for year in offered & stored.keys():
        stored[year].figures = {(p, c, w, s): (v, cell) for p, c, w, s, v, cell in con.execute(
            "SELECT province_code, code, weighting, statistic, value, cell FROM scores WHERE year = ?",
            [year]).fetchall()}
    return stored


@dataclass
class Differences:
    """A file's figures for a year against the stored ones: (year, cell, province, what, stored, new) per figure
    that would change; `stored` None for a figure added, `new` None for one the file no longer has."""
    items: list[tuple] = field(default_factory=list)

    @classmethod
    def between(cls, year: int, stored: dict, values: list[Value]) -> Differences:
        offered = {(v.province, v.code, v.weighting, v.statistic): v for v in values}
        items = []
        for key, value in offered.items():
            before = stored.get(key)
            if before is None or abs(before[0] - value.value) > TOLERANCE:
                items.append((year, value.cell or "", key[0], _what(key), None if before is None else before[0],
                              value.value))
        items += [(year, cell or "", key[0], _what(key), old, None)
                  for key, (old, cell) in stored.items() if key not in offered]
        items.sort(key=_largest_first)
        return cls(items)

    @property
    def offers_other(self) -> bool:
        """The file has figures the database lacks or holds otherwise (a file holding less is no change)."""
        return self.changed + self.added > 0

    @property
    def loses_published(self) -> bool:
        """Replacing the year would change or drop a stored figure (a file that only adds figures does not)."""
        return self.changed > 0 or (self.added > 0 and self.removed > 0)

    def __bool__(self) -> bool:
        return bool(self.items)

    @property
    def count(self) -> int:
        return len(self.items)

    @property
    def changed(self) -> int:
        return sum(1 for item in self.items if item[4] is not None and item[5] is not None)

    @property
    def added(self) -> int:
        return sum(1 for item in self.items if item[4] is None)

    @property
    def removed(self) -> int:
        return sum(1 for item in self.items if item[5] is None)


def _what(key: tuple) -> str:
    """The component, with its statistic where it is not the unweighted score ('TOTAL weighted se')."""
    _, code, weighting, statistic = key
    return " ".join(part for part in (code, "" if weighting == "unweighted" else weighting,
                                      "" if statistic == "score" else statistic) if part)


def _largest_first(item: tuple) -> tuple:
    """Changed figures by the size of the change, then figures added or removed."""
    old, new = item[4], item[5]
    size = abs(new - old) if old is not None and new is not None else math.inf
    return (size == math.inf, -size if size != math.inf else 0)


def largest(differences: list[Differences], listed: int) -> list[tuple]:
    return sorted((item for d in differences for item in d.items), key=_largest_first)[:listed]
