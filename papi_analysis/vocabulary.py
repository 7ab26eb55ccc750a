"""Every year's names for the PAPI components, Vietnamese and English, as data (`vocabulary.csv`), and
which survey indicators are better when lower (`indicator_direction.csv`).

A label is recognised by its name as well as by its numbering. The year decides the code: in
2011-2015 the second sub-dimension of D3 was People's Inspection Boards, from 2016 it is Responses
to Citizen Appeals, and "Poverty Lists" is 2.1 before 2016 and 2.2 after. Adding a spelling is a
row in the CSV, not code. The ingest and the plan importer read it alike.

Names are matched with the tolerance of a person reading them: case, punctuation and word order do
not matter, nor words that only decorate a name ("Hiệu quả của Ban Thanh tra Nhân dân" is "Ban thanh
tra nhân dân"), and a name shortened by a compiler ("An ninh, trật tự") is the one full name it
abbreviates, when it is the only one.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .codebook import COMPONENTS
from .provinces import fold

VOCABULARY_FILE = Path(__file__).with_name("vocabulary.csv")
DIRECTION_FILE = Path(__file__).with_name("indicator_direction.csv")

# Numbering and decoration around a name: "Chỉ số nội dung 1:", "Dimension 2 -", "1.1:", "II.", "(%)", "*".
_PREFIX = re.compile(r"^\s*(?:chi so noi dung|noi dung thanh phan|dimension|sub-dimension|subdimension)?\s*"
                     r"(?:\d+(?:\.\d+)*|[ivx]+\.)?\s*[:.)\-–]?\s*")


@dataclass(frozen=True)
class Name:
    code: str
    first_year: int
    last_year: int | None
    lang: str
    label: str

    def valid_in(self, year: int) -> bool:
        return self.first_year <= year and (self.last_year is None or year <= self.last_year)


def name_key(label: str) -> str:
    """A label reduced to its name: folded, numbering and punctuation removed."""
    folded = _PREFIX.sub("", fold(label), count=1)
    return re.sub(r"[^a-z0-9]", "", folded)


@lru_cache(maxsize=1)
def names() -> tuple[Name, ...]:
    with VOCABULARY_FILE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    parsed = tuple(Name(row["code"], int(row["first_year"]), int(row["last_year"]) if row["last_year"] else None,
                        row["lang"], row["label"]) for row in rows)
    unknown = {n.code for n in parsed} - set(COMPONENTS)
    if unknown:
        raise ValueError(f"{VOCABULARY_FILE.name} names unknown codes: {sorted(unknown)}")
    return parsed


# Words that decorate a name without changing what it names ("the effectiveness of", "của").
_DECORATION = re.compile(r"\b(?:hieu qua|cua|cac|the|of|and|va|in|effectiveness)\b")
# A shortened name must keep at least this share of the full name's words, and two words.
_SHORTENED_SHARE = 0.5


def _words(label: str) -> frozenset[str]:
    folded = _PREFIX.sub("", fold(label), count=1)
    return frozenset(re.findall(r"[a-z0-9]+", _DECORATION.sub(" ", folded)))


@lru_cache(maxsize=1)
def _by_key() -> dict[str, tuple[Name, ...]]:
    index: dict[str, list[Name]] = {}
    for name in names():
        index.setdefault(name_key(name.label), []).append(name)
    return {key: tuple(found) for key, found in index.items()}


@lru_cache(maxsize=1)
def _by_words() -> tuple[tuple[frozenset[str], Name], ...]:
    return tuple((_words(name.label), name) for name in names())


@lru_cache(maxsize=16384)
def _readings(label: str) -> tuple[Name, ...]:
    """The names a label reads as, closest first: the same name; the same words in any order, decoration
    aside; else the names it shortens, keeping the most of their words. A label that reads exactly as a
    name of some year is never read more loosely as another."""
    exact = _by_key().get(name_key(label))
    if exact:
        return exact
    words = _words(label)
    if not words:
        return ()
    same = tuple(name for name_words, name in _by_words() if name_words == words)
    if same or len(words) < 2:
        return same
    shortened = [(len(words) / len(name_words), name) for name_words, name in _by_words()
                 if words < name_words and len(words) >= _SHORTENED_SHARE * len(name_words)]
    best = max((share for share, _ in shortened), default=None)
    return tuple(name for share, name in shortened if share == best)


@lru_cache(maxsize=16384)
def code_named(label: str, year: int) -> str | None:
    """The component a label names in a given year's structure, or None (also when it could be two)."""
    codes = {n.code for n in _readings(label) if n.valid_in(year)}
    return codes.pop() if len(codes) == 1 else None


@lru_cache(maxsize=16384)
def codes_named_in_any_year(label: str) -> frozenset[str]:
    """The components a label has named in some year (a name can move between codes)."""
    return frozenset(n.code for n in _readings(label))


def years_named(label: str, code: str) -> tuple[int, int | None] | None:
    """The span of years in which a label named a component: (first, last or None)."""
    spans = [(n.first_year, n.last_year) for n in _readings(label) if n.code == code]
    if not spans:
        return None
    last = None if any(end is None for _, end in spans) else max(end for _, end in spans)
    return min(first for first, _ in spans), last


def year_names(code: str, year: int, lang: str) -> list[str]:
    """The names a component went by in a year, in one language."""
    return [n.label for n in names() if n.code == code and n.lang == lang and n.valid_in(year)]


@lru_cache(maxsize=1)
def _lower_is_better_phrases() -> tuple[str, ...]:
    with DIRECTION_FILE.open(encoding="utf-8", newline="") as handle:
        return tuple(fold(row["phrase"]) for row in csv.DictReader(handle))


def better(*labels: str | None) -> str:
    """'lower' for an indicator where less is better (travel time, distance, bribes, crime victims, poverty-list
    errors, unclean water), by its published label in either language; 'higher' otherwise."""
    folded = [fold(label) for label in labels if label]
    return "lower" if any(phrase in label for label in folded for phrase in _lower_is_better_phrases()) else "higher"
