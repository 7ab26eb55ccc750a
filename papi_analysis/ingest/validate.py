"""Checks on a sheet's figures. Each becomes a finding; figures that cannot be right become
missing (never zero), and nothing here refuses a file."""
from __future__ import annotations

import math
from collections import defaultdict

from ..codebook import COMPONENTS, DIMENSION_CODES, TOTAL, dimension_count
from .findings import examples
from .tables import SheetTable, Value

SUM_TOLERANCE = 0.01
SCALE_TOLERANCE = 1e-6
REPEAT_TOLERANCE = 0.006  # a copy rounded to two decimals still counts as a copy
REPEAT_SHARE = 0.9
REPEAT_MIN_PAIRS = 50
PERCENT_POINTS_SHARE = 0.8  # a row is in percentage points when most of it is above 1


def _label(table: SheetTable, code: str) -> str:
    row = table.rows.get(code)
    label = (row.label_vi or row.label_en or "") if row else ""
    return label[:50] or code


def apply_scales(table: SheetTable) -> None:
    """Scores outside their published scale become missing; so do the statistics of a missing score."""
    by_code: dict[str, list[Value]] = defaultdict(list)
    for value in table.values:
        if value.statistic == "score":
            by_code[value.code].append(value)
    rescaled: dict[tuple, float] = {}
    rejected: set[tuple] = set()
    for code, values in by_code.items():
        row = table.rows.get(code)
        if row is None or row.scale is None:
            continue
        scale = row.scale
        if scale.percent and sum(1 for v in values if v.value > 1) >= PERCENT_POINTS_SHARE * len(values) \
                and max(v.value for v in values) <= 100:
            table.note("percentage_points", [v.cell for v in values if v.cell][:1], code=code, label=_label(table, code))
            for v in values:
                rescaled[(v.province, v.code, v.weighting, v.statistic)] = v.value / 100
            values = [v._replace(value=v.value / 100) for v in values]
        low = -math.inf if scale.low is None else scale.low - SCALE_TOLERANCE
        high = math.inf if scale.high is None else scale.high + SCALE_TOLERANCE
        outside = [v for v in values if not low <= v.value <= high]
        if outside:
            table.note("outside_scale", [v.cell for v in outside], code=code, label=_label(table, code),
                       count=len(outside), scale=scale.text, examples=examples(outside))
            rejected.update((v.province, v.code, v.weighting) for v in outside)
    if not rejected and not rescaled:
        return
    dropped_statistics = dropped_zeros = 0
    kept = []
    indicator_parent = {code: row.parent for code, row in table.rows.items() if row.level == "indicator"}
    for v in table.values:
        key = (v.province, v.code, v.weighting)
        if key in rejected and v.statistic != "observations":  # respondent counts stand on their own
            dropped_statistics += v.statistic != "score"
            continue
        if v.value == 0 and (v.province, indicator_parent.get(v.code), v.weighting) in rejected:
            dropped_zeros += 1  # an incomplete province's zeros under a sub-dimension published as 0
            continue
        new_value = rescaled.get((*key, v.statistic))
        kept.append(v if new_value is None else v._replace(value=new_value))
    table.values = kept
    if dropped_zeros:
        table.note("dropped_zero_indicators", count=dropped_zeros)
    if dropped_statistics:
        table.note("dropped_statistics", count=dropped_statistics)


def component_scores(table: SheetTable) -> dict[tuple[int, str], Value]:
    """The unweighted total, dimension and sub-dimension scores, by (province, code)."""
    return {(v.province, v.code): v for v in table.values
            if v.code in COMPONENTS and v.statistic == "score" and v.weighting == "unweighted"}


def check_sums(table: SheetTable, scores: dict[tuple[int, str], Value]) -> None:
    """Sub-dimensions add up to their dimension, dimensions to the total."""
    children: dict[str, list[str]] = defaultdict(list)
    for code, row in table.rows.items():
        if row.level == "subdimension":
            children[row.parent].append(code)
    dimensions = list(DIMENSION_CODES[:dimension_count(table.year)])
    children[TOTAL] = dimensions
    provinces = {province for province, _ in scores}
    for parent, parts in children.items():
        gaps = []
        for province in provinces:
            whole = scores.get((province, parent))
            pieces = [scores.get((province, part)) for part in parts]
            if whole is None or any(p is None for p in pieces):
                continue
            gap = whole.value - sum(p.value for p in pieces)
            if abs(gap) > SUM_TOLERANCE:
                gaps.append((abs(gap), whole))
        if gaps:
            gaps.sort(key=lambda g: -g[0])
            what = "dimensions_do_not_add_up" if parent == TOTAL else "subdimensions_do_not_add_up"
            wholes = [g[1] for g in gaps]
            table.note(what, [v.cell for v in wholes if v.cell], code=parent, label=_label(table, parent),
                       count=len(gaps), tolerance=SUM_TOLERANCE, gap=round(gaps[0][0], 4), examples=examples(wholes))


def check_structure(table: SheetTable, scores: dict[tuple[int, str], Value]) -> None:
    """Components a year cannot have: a sign the sheet holds another year's figures."""
    for code in sorted({code for _, code in scores}):
        component = COMPONENTS[code]
        if table.year < component.first_year or (component.last_year and table.year > component.last_year):
            table.note("component_out_of_years", code=code, first=component.first_year, last=component.last_year,
                       year=table.year)


def same_figures(a: dict[tuple[int, str], float], b: dict[tuple[int, str], float]) -> bool:
    """Whether two fingerprints hold the same figures (to within a copy's rounding)."""
    common = a.keys() & b.keys()
    if len(common) < REPEAT_MIN_PAIRS:
        return False
    close = sum(1 for key in common if abs(a[key] - b[key]) <= REPEAT_TOLERANCE)
    return close >= REPEAT_SHARE * len(common)


def validate(table: SheetTable) -> None:
    """Check a sheet's figures, and note the fingerprint by which copies of it are recognised."""
    apply_scales(table)
    scores = component_scores(table)
    check_sums(table, scores)
    check_structure(table, scores)
    table.fingerprint = {key: v.value for key, v in scores.items() if key[1] != TOTAL}
