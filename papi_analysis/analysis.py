"""Scorecards, year-on-year changes, ranks, groups and flags.

Everything is computed once per database, vectorised over the whole panel (every year, province
and component), in `Panel`. Asking about one province and year is then a filter: fast enough for
every page rerun, and growing linearly with the panel.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, fields

import duckdb
import numpy as np
import pandas as pd

from .codebook import (DIMENSION_CODES, TOTAL, TOTAL6, TOTAL6_NAMES, ComparabilityNote, code_order,
                       comparability_note, comparability_tokens, comparable_segment, dimension_count,
                       name_frame_in_its_year, total_scale)
from .assignments import Assignment
from .plans import agency_label
from .i18n import counted, number, text
from .provinces import BY_CODE
from .units import PROVINCES_63, UNIT_BY_ID, UNIT_OF_PROVINCE, UNITS_34, entity, is_estimate, unit_set_for, unit_set_of

GROUPS = 4
# The lower edge of groups 1, 2 and 3 as percentiles of the provinces with data: the publishers' four groups
# ("từ bách phân vị thứ 75 trở lên", "50 – 75", "25 – 50", "dưới bách phân vị thứ 25").
QUARTILES = (0.75, 0.50, 0.25)
CUTOFF_COLUMNS = ("cutoff_high", "cutoff_mid", "cutoff_low")
PUBLISHED_DECIMALS = 4  # the precision scores are published to: a score equal to a cut-off at it is borderline
EXACT = 1e-9  # a score on a cut-off, but for the last bits of the interpolation, is on it
# Only the total and the dimensions have groups of the publishers'; the same quartiles elsewhere are ours.
PUBLISHED_GROUP_LEVELS = ("total", "dimension")
Z_95 = 1.96


@dataclass(frozen=True)
class FlagRules:
    """When a component needs attention. Every rule can be switched off or retuned."""
    lowest_group: bool = True
    below_median: bool = True
    declined: bool = True
    decline_z: float = Z_95  # a decline beyond this many standard errors is real, not noise
    decline_share_without_margin: float = 0.02  # without a published margin: a drop of 2 % of the scale
    not_improved_years: int = 2
    low_share_of_scale: float = 0.4  # below 40 % of the way from the scale's minimum to its maximum

    @classmethod
    def from_options(cls, options: dict[str, str]) -> FlagRules:
        types = {f.name: f.type for f in fields(cls)}
        unknown = set(options) - set(types)
        if unknown:
            raise ValueError(f"unknown rule(s): {', '.join(sorted(unknown))}; known: {', '.join(types)}")
        parsed = {}
        for key, raw in options.items():
            kind = types[key]
            if kind == "bool":
                parsed[key] = raw.strip().lower() in ("1", "true", "yes", "on")
            else:
                parsed[key] = int(raw) if kind == "int" else float(raw)
        return cls(**parsed)


class Panel:
    """Every unweighted score with its rank, group, national and regional context, and history."""

    RESULTS_KEPT = 2048

    def __init__(self, frame: pd.DataFrame):
        self.frame = _enrich(frame)
        self.years = sorted(self.frame.year.unique().tolist())
        self._by_province = {key: rows for key, rows in self.frame.groupby(["province_code", "year"], sort=False)}
        self._by_year = {key: rows for key, rows in self.frame.groupby(["year", "unit_set"], sort=False)}
        self._results: dict[tuple, pd.DataFrame] = {}
        self._results_lock = threading.Lock()

    def shared(self, key: tuple, compute: Callable[[], pd.DataFrame]) -> pd.DataFrame:
        """`compute()` once per key for this panel, which all the dashboard's sessions share (most look
        at the same province and year); each caller gets its own copy to change."""
        with self._results_lock:
            result = self._results.get(key)
        if result is None:
            result = compute()
            with self._results_lock:
                self._results[key] = result
                while len(self._results) > self.RESULTS_KEPT:
                    del self._results[next(iter(self._results))]
        return result.copy()

    @classmethod
    def load(cls, con: duckdb.DuckDBPyConnection, include_indicators: bool = True) -> Panel:
        return cls(load_scores(con, include_indicators))

    def rows(self, province: int, year: int) -> pd.DataFrame:
        return self._by_province.get((province, year), self.frame.iloc[0:0])

    def year_rows(self, year: int, unit_set: str | None = None) -> pd.DataFrame:
        """A year's rows for one set of units: by default the set the year's tables name (the 63 provinces to
        2024, the 34 units from 2025); `UNITS_34.key` gives the units' estimates for earlier years."""
        return self._by_year.get((year, unit_set or unit_set_for(year).key), self.frame.iloc[0:0])

    def latest_year(self) -> int:
        return max(self.years)


def load_scores(con: duckdb.DuckDBPyConnection, include_indicators: bool = True) -> pd.DataFrame:
    """One row per (year, province, code): the unweighted score, its margin and its labels."""
    return con.execute("""
        WITH stats AS (
            SELECT year, province_code, code,
                   max(value) FILTER (statistic = 'score') AS score,
                   max(value) FILTER (statistic = 'se') AS se,
                   max(value) FILTER (statistic = 'variance') AS variance,
                   max(value) FILTER (statistic = 'ci_low') AS ci_low,
                   max(value) FILTER (statistic = 'ci_high') AS ci_high,
                   bool_or(derived) FILTER (statistic = 'score') AS derived
            FROM scores WHERE weighting = 'unweighted' GROUP BY ALL)
        SELECT s.year, s.province_code, s.code, cb.level, cb.parent,
               coalesce(c.name_vi, cb.label_vi) AS name_vi, coalesce(c.name_en, cb.label_en, cb.label_vi) AS name_en,
               cb.scale_min, cb.scale_max, cb.percent, cb.better,
               s.score, coalesce(s.se, sqrt(s.variance), (s.ci_high - s.ci_low) / (2 * 1.96)) AS se,
               s.ci_low, s.ci_high, s.derived, p.region, p.unit_2025, p.unit_set,
               (SELECT max(value) FROM scores o WHERE o.year = s.year AND o.province_code = s.province_code
                 AND o.code = 'TOTAL' AND o.statistic = 'observations') AS observations
        FROM stats s
        JOIN codebook cb USING (year, code)
        JOIN provinces p USING (province_code)
        LEFT JOIN components c ON c.code = s.code
        WHERE s.score IS NOT NULL AND ($indicators OR cb.level <> 'indicator')
    """, {"indicators": include_indicators}).df().pipe(name_frame_in_its_year)


def _unit_estimates(frame: pd.DataFrame) -> pd.DataFrame:
    """The 34 units of 2025 in the years before them, estimated from their former provinces: weighted by the
    published respondents where every member with data has them, else a plain mean; `partial` where a
    member has no figure. Components only (indicators are not regrouped). Always marked as estimates."""
    rows = frame[(frame.unit_set == PROVINCES_63.key) & (frame.level != "indicator")].copy()
    if rows.empty:
        return rows.assign(estimate=pd.Series(dtype=bool), partial=pd.Series(dtype=bool),
                           method=pd.Series(dtype=object), provinces_with_data=pd.Series(dtype=int))
    rows["unit"] = rows.province_code.map(lambda c: UNIT_OF_PROVINCE[c].code)
    rows["weight"] = rows.observations.where(rows.observations > 0)
    rows["weighted_score"] = rows.score * rows.weight
    keys = ["year", "unit", "code"]
    grouped = rows.groupby(keys, sort=False)
    sums = grouped.agg(score_sum=("weighted_score", "sum"), weight_sum=("weight", "sum"), weights=("weight", "count"),
                       mean=("score", "mean"), members=("score", "count"), observations=("observations", "sum"),
                       level=("level", "first"), parent=("parent", "first"), name_vi=("name_vi", "first"),
                       name_en=("name_en", "first"), scale_min=("scale_min", "first"), scale_max=("scale_max", "first"),
                       percent=("percent", "first"), better=("better", "first"), derived=("derived", "first")).reset_index()
    weighted = sums.weights == sums.members
    units = sums.unit.map(UNIT_BY_ID)
    return sums.assign(
        province_code=sums.unit, score=np.where(weighted, sums.score_sum / sums.weight_sum, sums["mean"]),
        method=np.where(weighted, "weighted", "mean"), provinces_with_data=sums.members,
        partial=sums.members < units.map(lambda u: len(u.members)), estimate=True,
        region=units.map(lambda u: u.region), unit_2025=units.map(lambda u: u.name_vi), unit_set=UNITS_34.key,
        se=np.nan, ci_low=np.nan, ci_high=np.nan).drop(columns=["unit", "score_sum", "weight_sum", "weights", "mean",
                                                                 "members"])


def _with_totals(frame: pd.DataFrame) -> pd.DataFrame:
    """Add the total where a year published none (the sum of its dimensions, as the publishers did
    before 2018) and the six-dimension total for every year; both only where no dimension is missing."""
    dims = frame[frame.level == "dimension"]
    six = dims.score.where(dims.code.isin(DIMENSION_CODES[:6]))
    grouped = dims.assign(six=six).groupby(["year", "province_code"])
    sums = grouped.agg(all_sum=("score", "sum"), all_count=("score", "count"), six_sum=("six", "sum"),
                       six_count=("six", "count"), region=("region", "first"), unit_2025=("unit_2025", "first"),
                       unit_set=("unit_set", "first"), observations=("observations", "first"),
                       estimate=("estimate", "first"), partial=("partial", "max"),
                       provinces_with_data=("provinces_with_data", "min"), method=("method", "first")).reset_index()
    published = frame.loc[frame.code == TOTAL, ["year", "province_code"]].assign(published=True)
    sums = sums.merge(published, on=["year", "province_code"], how="left")
    expected = sums.year.map(dimension_count)
    derived_total = sums[(sums.all_count == expected) & sums.published.isna()].assign(
        code=TOTAL, score=lambda t: t.all_sum, name_vi="Chỉ số PAPI tổng hợp", name_en="PAPI total score")
    six_total = sums[sums.six_count == 6].assign(
        code=TOTAL6, score=lambda t: t.six_sum, name_vi=TOTAL6_NAMES[0], name_en=TOTAL6_NAMES[1],
        scale_min=6.0, scale_max=60.0)
    extra = pd.concat([derived_total, six_total], ignore_index=True).assign(
        level="total", parent=None, percent=False, better="higher", se=np.nan, ci_low=np.nan, ci_high=np.nan,
        derived=True)
    frame = pd.concat([frame, extra[frame.columns]], ignore_index=True)
    totals = frame.code == TOTAL
    frame.loc[totals, "scale_min"] = frame.loc[totals, "year"].map(lambda y: total_scale(y)[0])
    frame.loc[totals, "scale_max"] = frame.loc[totals, "year"].map(lambda y: total_scale(y)[1])
    return frame


def _enrich(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.assign(estimate=False, partial=False, method=None, provinces_with_data=1)
    frame = _with_totals(pd.concat([frame, _unit_estimates(frame)[frame.columns]], ignore_index=True))
    # Ranks, groups and national figures are among the units of one set: the 63 provinces, or the 34 units
    # (published from 2025, estimated before).
    keys = ["year", "unit_set", "code"]
    # An indicator where less is better (travel time, bribes, crime victims) ranks and compares the other way.
    frame["sign"] = np.where(frame["better"] == "lower", -1.0, 1.0)
    frame["oriented"] = frame["score"] * frame["sign"]
    grouped = frame.groupby(keys, sort=False).score
    oriented = frame.groupby(keys, sort=False).oriented
    frame["n"] = grouped.transform("count")
    frame["rank"] = oriented.rank(method="min", ascending=False).astype(int)
    frame["rank_last"] = oriented.rank(method="max", ascending=False).astype(int)  # ties share ranks rank..rank_last
    frame = _quartile_groups(frame, keys)
    frame["national_mean"] = grouped.transform("mean")
    frame["national_median"] = grouped.transform("median")
    frame["national_min"] = grouped.transform("min")
    frame["national_max"] = grouped.transform("max")
    frame["national_best"] = oriented.transform("max") * frame["sign"]
    best_index = oriented.idxmax()
    best = frame.loc[best_index, keys + ["province_code"]].rename(columns={"province_code": "best_province"})
    frame = frame.merge(best, on=keys, how="left")
    frame["region_mean"] = frame.groupby(keys + ["region"], sort=False).score.transform("mean")
    frame["gap_to_best"] = (frame["national_best"] - frame["score"]).abs()
    frame["gap_to_median"] = (frame["national_median"] - frame["score"]) * frame["sign"]

    frame = frame.sort_values(["province_code", "code", "year"], kind="stable").reset_index(drop=True)
    history = frame.groupby(["province_code", "code"], sort=False)
    for column in ("year", "score", "rank", "se", "n", "estimate", "partial"):
        frame[f"prev_{column}"] = history[column].shift(1)
    frame["change"] = frame["score"] - frame["prev_score"]
    frame["rank_change"] = frame["prev_rank"] - frame["rank"]  # positive: climbed
    margin = np.sqrt(frame["se"] ** 2 + frame["prev_se"] ** 2)
    frame["change_z"] = frame["change"] / margin.where(margin > 0)
    frame["years_not_improved"] = _streak(frame, frame["change"] * frame["sign"] <= 0)
    frame["trend_per_year"] = _expanding_slope(frame)
    for column in ("prev_year", "prev_rank", "prev_n", "rank_change"):
        frame[column] = frame[column].astype("Int64")  # whole numbers, blank where there is no earlier year
    return frame


def _quartile_groups(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """The publishers' four groups: linear quartiles (Excel's QUARTILE, PERCENTILE.INC) of the scores of the
    provinces with data, >= P75 group 1, [P50, P75) 2, [P25, P50) 3, below P25 4, where less is better on the
    oriented score. Beside each: the three cut-offs in the component's own units, the score that reaches the
    next group up and the points to it (the planning figure), and `borderline` where the score equals a
    cut-off to the published precision: there the publishers' convention varied (2023 put such scores in the
    lower group), so the group is as likely one lower. `group_basis`: 'publishers' where they publish
    groups (the total and the dimensions of the year's own units), 'dashboard' where the grouping is ours."""
    oriented = frame.groupby(keys, sort=False).oriented
    edges = np.column_stack([oriented.transform("quantile", q).to_numpy() for q in QUARTILES])
    below = frame["oriented"].to_numpy()[:, None] < edges - EXACT
    frame["group"] = 1 + below.sum(axis=1)
    sign = frame["sign"].to_numpy()[:, None]
    cutoffs = edges * sign
    for k, column in enumerate(CUTOFF_COLUMNS):
        frame[column] = cutoffs[:, k]
    next_up = np.take_along_axis(np.column_stack([np.full(len(frame), np.nan), cutoffs]),
                                 (frame["group"].to_numpy() - 1)[:, None], axis=1)[:, 0]
    frame["next_group_cutoff"] = next_up
    frame["points_to_next_group"] = np.abs(next_up - frame["score"].to_numpy())
    on_cut = np.round(cutoffs, PUBLISHED_DECIMALS) == np.round(frame["score"].to_numpy(), PUBLISHED_DECIMALS)[:, None]
    frame["borderline"] = on_cut.any(axis=1)
    publishers = frame["level"].isin(PUBLISHED_GROUP_LEVELS) & (frame["code"] != TOTAL6) & ~frame["estimate"]
    frame["group_basis"] = np.where(publishers, "publishers", "dashboard")
    return frame


def _streak(frame: pd.DataFrame, failed: pd.Series) -> pd.Series:
    """Consecutive comparisons, up to each row, in which the score did not rise."""
    key = frame["province_code"].astype(str) + "|" + frame["code"]
    breaks = (~failed).astype(int).groupby(key).cumsum()
    return failed.astype(int).groupby([key, breaks]).cumsum()


def _expanding_slope(frame: pd.DataFrame) -> pd.Series:
    """Least-squares points per year over the province's comparable years so far, by cumulative sums."""
    pairs = frame[["code", "year"]].drop_duplicates()
    segments = dict(zip(zip(pairs.code, pairs.year), (comparable_segment(c, y) for c, y in zip(pairs.code, pairs.year))))
    segment = pd.Series([segments[key] for key in zip(frame.code, frame.year)], index=frame.index)
    keys = [frame.province_code, frame.code, segment]
    x, y = frame["year"].astype(float), frame["score"]
    n = y.groupby(keys).cumcount() + 1
    sx, sy = x.groupby(keys).cumsum(), y.groupby(keys).cumsum()
    sxy = (x * y).groupby(keys).cumsum()
    sxx = (x * x).groupby(keys).cumsum()
    denominator = n * sxx - sx * sx
    return ((n * sxy - sx * sy) / denominator.where(denominator > 0)).where(n >= 2)


# ---- questions about one province and year ------------------------------------------------------

SCORECARD_COLUMNS = [
    "code", "level", "parent", "name_vi", "name_en", "score", "rank", "n", "group", "national_mean",
    "national_median", "national_min", "national_max", "best_province", "region_mean", "gap_to_best",
    "gap_to_median", "prev_year", "prev_score", "change", "prev_rank", "rank_change", "change_z",
    "trend_per_year", "years_not_improved", "se", "ci_low", "ci_high", "scale_min", "scale_max", "percent",
    "better", "national_best", "rank_last", "derived", "estimate", "partial", "prev_estimate", "prev_partial",
    *CUTOFF_COLUMNS, "next_group_cutoff", "points_to_next_group", "borderline", "group_basis", "comparability",
]


def _sort_codes(rows: pd.DataFrame) -> pd.DataFrame:
    order = rows["code"].map(code_order)
    return rows.assign(_order=order).sort_values("_order").drop(columns="_order")


NATIONAL_COLUMNS = ["code", "level", "parent", "name_vi", "name_en", "n", "national_mean", "national_median",
                    "national_min", "national_max", "national_best", "best_province", "scale_min", "scale_max",
                    "percent", "better", *CUTOFF_COLUMNS, "group_basis"]


def scorecard(panel: Panel, province: int, year: int, include_indicators: bool = False) -> pd.DataFrame:
    """Every component published in a year, with the province's standing, context and history.

    A component the province has no data for keeps its row, with the national figures and a missing
    score: no data is shown as no data, never dropped and never zero."""
    return panel.shared(("scorecard", province, year, include_indicators),
                        lambda: _scorecard(panel, province, year, include_indicators))


def _scorecard(panel: Panel, province: int, year: int, include_indicators: bool) -> pd.DataFrame:
    own = panel.rows(province, year)
    if own.empty:
        return own.reindex(columns=SCORECARD_COLUMNS)
    national = panel.year_rows(year, own.unit_set.iloc[0]).drop_duplicates("code")[NATIONAL_COLUMNS]
    if not include_indicators:
        national = national[national.level != "indicator"]
    rows = national.merge(own.drop(columns=NATIONAL_COLUMNS[1:]), on="code", how="left")
    for column in ("derived", "borderline"):
        rows[column] = rows[column].fillna(False).astype(bool)
    for column in ("rank", "rank_last", "group", "n", "years_not_improved"):
        rows[column] = rows[column].astype("Int64")
    rows = _sort_codes(rows).copy()
    rows["comparability"] = [comparability_tokens(code, int(prev), year) if not pd.isna(prev) else ""
                             for code, prev in zip(rows["code"], rows["prev_year"])]
    return rows[SCORECARD_COLUMNS].reset_index(drop=True)


def nearest_year_with_data(panel: Panel, province: int, year: int) -> int | None:
    """The year closest to `year` with figures for the province; of two as close, the earlier."""
    years = [y for y in panel.years if not panel.rows(province, y).empty]
    return min(years, key=lambda y: (abs(y - year), y)) if years else None


def history(panel: Panel, province: int, code: str) -> pd.DataFrame:
    """A component's scores for a province over the years, with the national and regional means. The change
    is left blank where the component's definition changed since the previous year with data."""
    rows = panel.frame[(panel.frame.province_code == province) & (panel.frame.code == code)]
    rows = rows[["year", "score", "rank", "n", "group", "national_mean", "national_median", "national_max",
                 "region_mean", "ci_low", "ci_high", "change", "prev_year", "estimate", "partial"]] \
        .sort_values("year").reset_index(drop=True)
    comparable = [pd.isna(prev) or not comparability_note(code, int(prev), int(year))
                  for prev, year in zip(rows.prev_year, rows.year)]
    return rows.assign(change=rows.change.where(comparable)).drop(columns="prev_year")


GROUP_DETAIL = [*CUTOFF_COLUMNS, "next_group_cutoff", "points_to_next_group", "borderline", "group_basis"]


def ranking(panel: Panel, year: int, code: str, unit_set: str | None = None) -> pd.DataFrame:
    """All provinces (or the 34 units) on one component in one year, best first."""
    rows = panel.year_rows(year, unit_set)
    rows = rows[rows.code == code].sort_values(["rank", "province_code"])
    return rows.assign(province=rows.province_code.map(lambda c: entity(c).name_vi))[
        ["rank", "province_code", "province", "region", "unit_2025", "score", "group", "change", "rank_change",
         "rank_last", "n", *GROUP_DETAIL]
    ].reset_index(drop=True)


RANKING_COLUMNS = ["province_code", "province", "code", "score", "rank", "rank_last", "n", "group", *GROUP_DETAIL,
                   "level", "name_vi", "name_en", "estimate", "partial"]


def ranking_table(panel: Panel, year: int, codes: list[str] | None = None, unit_set: str | None = None) -> pd.DataFrame:
    """A year's table as the publishers print it: one row per province (or unit) and component, by component
    (default: the total and the dimensions), best first, with each score's group, its cut-offs and the
    points to the next group up."""
    rows = panel.year_rows(year, unit_set)
    wanted = rows.code.isin(codes) if codes else rows.level.isin(("total", "dimension")) & (rows.code != TOTAL6)
    rows = rows[wanted]
    rows = rows.assign(province=rows.province_code.map(lambda c: entity(c).name_vi), _order=rows.code.map(code_order))
    return rows.sort_values(["_order", "rank", "province_code"])[RANKING_COLUMNS].reset_index(drop=True)


def changes(panel: Panel, year_from: int, year_to: int, code: str = TOTAL, as_units: bool = False) -> pd.DataFrame:
    """Every province's change on a component between two years, with comparability warnings, in the later
    year's units: from 2025 (or `as_units`) the 34 units, whose figures before 2025 are estimates from their
    former provinces (`estimate_Y`, `partial_Y` where a member had no figure); a unit without a figure keeps
    its row, as no data."""
    units = unit_set_for(max(year_from, year_to), as_units)
    frame = panel.frame[(panel.frame.code == code) & (panel.frame.unit_set == units.key)]
    ends = {year: frame[frame.year == year].set_index("province_code") for year in (year_from, year_to)}
    result = pd.DataFrame({"province_code": [u.code for u in units.units]}).set_index("province_code")
    result["province"] = [entity(c).name_vi for c in result.index]
    for year, rows in ends.items():
        result[f"score_{year}"] = rows["score"]
    for year, rows in ends.items():
        result[f"rank_{year}"] = rows["rank"].reindex(result.index).astype("Int64")
    result["change"] = result[f"score_{year_to}"] - result[f"score_{year_from}"]
    result["rank_change"] = result[f"rank_{year_from}"] - result[f"rank_{year_to}"]
    result["comparability"] = comparability_tokens(code, year_from, year_to)
    for year, rows in ends.items():
        result[f"estimate_{year}"] = units is UNITS_34 and year < UNITS_34.first_year
        result[f"partial_{year}"] = rows["partial"].reindex(result.index).fillna(False).astype(bool)
    result["unit_set"] = units.key
    return result.reset_index().sort_values("change", ascending=False, na_position="last").reset_index(drop=True)


def comparability_breaks(code: str, years: list[int]) -> list[tuple[int, int, list[ComparabilityNote]]]:
    """Consecutive years between which a component's scores are not directly comparable."""
    return [(a, b, notes) for a, b in zip(years, years[1:]) if (notes := comparability_note(code, a, b))]


# ---- flags --------------------------------------------------------------------------------------

REASONS = ("lowest_group", "below_median", "declined", "not_improved", "low_absolute")
# What a flag says, most pressing first: behind other provinces; slipping (falling, or not rising) while not
# behind; only low on the scale, where nearly every province scores low too.
BEHIND, SLIPPING, LOW_ON_SCALE = 1, 2, 3
TIERS = {BEHIND: ("lowest_group", "below_median"), SLIPPING: ("declined", "not_improved"), LOW_ON_SCALE: ("low_absolute",)}


def flags(panel: Panel, province: int, year: int, rules: FlagRules = FlagRules()) -> pd.DataFrame:
    """Components that need attention, with one boolean column per reason, most pressing first.

    `tier` says what kind of attention (BEHIND other provinces, SLIPPING, or only LOW_ON_SCALE); within a
    tier, `priority` is the gain in total points the component would bring if it reached the best
    province's score (sub-dimensions add up to dimensions, dimensions to the total), lifted a little
    for each further reason.
    """
    return panel.shared(("flags", province, year, rules), lambda: _flags(panel, province, year, rules))


def _flags(panel: Panel, province: int, year: int, rules: FlagRules) -> pd.DataFrame:
    rows = panel.rows(province, year)
    rows = rows[rows.level.isin(("dimension", "subdimension")) | (rows.code == TOTAL)]
    scale_range = rows["scale_max"] - rows["scale_min"]
    declined_beyond_noise = rows["change_z"] <= -rules.decline_z
    declined_without_margin = rows["change_z"].isna() & (
        rows["change"] <= -rules.decline_share_without_margin * scale_range)
    comparable = [not comparability_note(code, int(prev), year) if not pd.isna(prev) else False
                  for code, prev in zip(rows["code"], rows["prev_year"])]
    checks = {
        "lowest_group": rules.lowest_group & (rows["group"] == GROUPS),
        "below_median": rules.below_median & (rows["score"] < rows["national_median"]),
        "declined": rules.declined & (declined_beyond_noise | declined_without_margin) & pd.Series(comparable, index=rows.index),
        "not_improved": rows["years_not_improved"] >= rules.not_improved_years,
        "low_absolute": rows["score"] < rows["scale_min"] + rules.low_share_of_scale * scale_range,
    }
    fired = pd.DataFrame(checks).fillna(False).astype(bool)
    tier = np.select([fired[list(TIERS[BEHIND])].any(axis=1), fired[list(TIERS[SLIPPING])].any(axis=1)],
                     [BEHIND, SLIPPING], LOW_ON_SCALE)
    rows = rows.assign(**fired, n_reasons=fired.sum(axis=1), tier=tier,
                       decline_tested=declined_beyond_noise | (~rows["change_z"].isna() & (rows["change"] < 0)))
    rows = rows[rows.n_reasons > 0]
    rows = rows.assign(priority=rows["gap_to_best"] * (1 + 0.25 * (rows["n_reasons"] - 1)))
    rows = rows.sort_values(["tier", "priority", "n_reasons"], ascending=[True, False, False])
    rows = rows.assign(focus=rows.code.map(_weakest_parts(panel.rows(province, year))))
    return rows[SCORECARD_COLUMNS[:-1] + list(REASONS) + ["n_reasons", "tier", "priority", "focus", "decline_tested"]] \
        .reset_index(drop=True)


def _weakest_parts(rows: pd.DataFrame) -> pd.Series:
    """For each component, its part in the weakest standing among provinces (a sub-dimension's indicator, a
    dimension's sub-dimension, the total's dimension): where to look first beneath a flagged component."""
    parts = rows[rows["rank"].notna() & rows.level.isin(("dimension", "subdimension", "indicator"))]
    standing = (parts["rank"] + parts["rank_last"]) / (2 * parts["n"])  # the middle of a tie
    parent = parts.parent.where(parts.level != "dimension", TOTAL)
    weakest = standing.groupby(parent).idxmax()
    return pd.Series(parts.loc[weakest.values, "code"].values, index=weakest.index)


# ---- the 2025 provincial units ------------------------------------------------------------------

def regrouped_2025(panel: Panel, year: int, codes: list[str] | None = None) -> pd.DataFrame:
    """Every one of the 34 units of 1 July 2025 in a year: before 2025 an estimate from its former provinces
    (weighted by respondents where published, else a plain mean; see `_unit_estimates`), never a published
    figure; a unit without any figure keeps its row, as no data."""
    codes = tuple(codes or ())
    return panel.shared(("regrouped_2025", year, codes), lambda: _regrouped_2025(panel, year, codes))


def _regrouped_2025(panel: Panel, year: int, codes: tuple[str, ...]) -> pd.DataFrame:
    rows = panel.year_rows(year, UNITS_34.key)
    rows = rows[rows.level.isin(("total", "dimension", "subdimension"))]
    if codes:
        rows = rows[rows.code.isin(codes)]
    every_unit = pd.MultiIndex.from_product([[u.code for u in UNITS_34.units], rows["code"].unique()],
                                            names=["province_code", "code"])
    result = rows.set_index(["province_code", "code"]).reindex(every_unit).reset_index()
    result["unit_2025"] = result.province_code.map(lambda c: UNIT_BY_ID[c].name_vi)
    result["provinces_in_unit"] = result.province_code.map(lambda c: len(UNIT_BY_ID[c].members))
    result["provinces_with_data"] = result["provinces_with_data"].fillna(0).astype(int)
    result["n"] = result.groupby("code").score.transform("count")
    result["rank"] = result["rank"].astype("Int64")
    result["estimate"] = result["estimate"].fillna(year < UNITS_34.first_year).astype(bool)
    result["year"] = year
    return result[["unit_2025", "code", "score", "provinces_with_data", "provinces_in_unit", "method", "rank", "n",
                   "group", "estimate", "partial", "year", "province_code"]] \
        .sort_values(["code", "rank"], na_position="last").reset_index(drop=True)


# ---- comparisons with an estimate ----------------------------------------------------------------

def lacking_members(panel: Panel, province: int, year: int, code: str = TOTAL) -> tuple[int, ...]:
    """The former provinces without a figure for `code` in `year` that a unit's estimate of that year lacks
    (Phú Thọ's 2024 estimate lacks Vĩnh Phúc); none for a province, or for a unit's published years."""
    unit = UNIT_BY_ID.get(province)
    if unit is None or year >= UNITS_34.first_year:
        return ()
    rows = panel.year_rows(year, PROVINCES_63.key)
    present = set(rows.loc[rows.code == code, "province_code"])
    return tuple(member for member in unit.members if member not in present)


def estimate_basis(panel: Panel, province: int, year: int, code: str = TOTAL, lang: str = "vi") -> str:
    """'ước tính' or 'ước tính, thiếu Vĩnh Phúc' for a unit's estimated figure; '' for a published one."""
    if not is_estimate(province, year):
        return ""
    lacking = lacking_members(panel, province, year, code)
    if not lacking:
        return text("estimate.basis", lang)
    return text("estimate.basis_lacking", lang).format(members=", ".join(BY_CODE[m].name(lang) for m in lacking))


def compared_with(panel: Panel, province: int, prev_year: object, code: str = TOTAL, lang: str = "vi") -> str:
    """How a change names the year it is measured from: '2024', or '2024 (ước tính, thiếu Vĩnh Phúc)' where that
    year's figure is an estimate. Pages, reasons, reports and packs say it with this one phrase."""
    if pd.isna(prev_year):
        return ""
    basis = estimate_basis(panel, province, int(prev_year), code, lang)
    return f"{int(prev_year)} ({basis})" if basis else str(int(prev_year))


# ---- words for leaders, and agencies ------------------------------------------------------------

def reasons_text(row: pd.Series, lang: str = "vi", prev_year: str | None = None) -> list[str]:
    """The flag's reasons as sentences a leader understands; `prev_year` names the year a change is measured
    from where it is more than the year (`compared_with`: an estimate)."""
    sentences = []
    for reason in (r for r in REASONS if bool(row.get(r, False))):
        key = reason
        if reason == "declined" and not row["decline_tested"]:
            key = "declined_untested"
        # the published 4 decimals where 2 would print a score below the median as equal to it
        digits = 2 if number(row["score"], lang) != number(row["national_median"], lang) else 4
        sentences.append(text(f"reason.{key}", lang).format(
            rank=int(row["rank"]), n=int(row["n"]), score=number(row["score"], lang, digits),
            median=number(row["national_median"], lang, digits), drop=number(-row["change"], lang),
            prev_year=prev_year or _int_or_blank(row["prev_year"]), k=int(row["years_not_improved"]),
            low=number(row["scale_min"], lang), high=number(row["scale_max"], lang),
            points=number(row.get("points_to_next_group"), lang, 3), basis=_group_caveat(row, lang)))
    return sentences


def _group_caveat(row: pd.Series, lang: str) -> str:
    """What a reader must know about a group: that it is the dashboard's own, or on a cut-off."""
    caveats = [text("reason.basis.dashboard", lang)] if row.get("group_basis") == "dashboard" else []
    if bool(row.get("borderline", False)):
        caveats.append(text("reason.borderline", lang))
    return f" ({', '.join(caveats)})" if caveats else ""


def _int_or_blank(value: object) -> str:
    return "" if pd.isna(value) else str(int(value))


def flags_with_agencies(panel: Panel, province: int, year: int, assignment: Assignment | None,
                        rules: FlagRules = FlagRules(), lang: str = "vi") -> pd.DataFrame:
    """Flags with their reasons in words and the agencies that lead and support each component."""
    flagged = flags(panel, province, year, rules)
    flagged["reasons"] = [reasons_text(row, lang, compared_with(panel, province, row["prev_year"], row["code"], lang))
                          for _, row in flagged.iterrows()]
    # Agencies as a reader today needs them: in the reader's language, an abolished department with its successor.
    flagged["lead_agency"] = flagged.code.map(lambda c: agency_label(assignment.lead(c), lang) if assignment else None)
    flagged["supporting_agencies"] = flagged.code.map(
        lambda c: agency_label("; ".join(assignment.supporting(c)), lang) if assignment else "")
    flagged["next_step"] = [_next_step(panel, province, year, focus, lang) for focus in flagged.focus]
    return flagged


def _next_step(panel: Panel, province: int, year: int, focus: str | None, lang: str) -> str:
    """Where the lead agency starts: the part beneath the component with the weakest standing."""
    if not isinstance(focus, str):  # a sub-dimension without published indicators
        return ""
    rows = panel.rows(province, year)
    part = rows[rows.code == focus].iloc[0]
    name = part["name_en" if lang == "en" else "name_vi"]
    if not isinstance(name, str) or not name:
        name = part["name_vi"]
    return text("next.focus", lang).format(code=focus, name=name, rank=int(part["rank"]), n=int(part["n"]))


def agency_scorecard(panel: Panel, assignment: Assignment, agency: str, province: int, year: int,
                     rules: FlagRules = FlagRules(), lang: str = "vi") -> tuple[pd.DataFrame, str]:
    """The components an agency leads, with standing and flags, and a one-line verdict."""
    codes = assignment.codes_led_by(agency)
    card = scorecard(panel, province, year)
    card = card[card.code.isin(codes)].copy()
    flagged = flags_with_agencies(panel, province, year, assignment, rules, lang).set_index("code")
    for reason in REASONS:
        card[reason] = card.code.map(flagged[reason]).eq(True)
    card["tier"] = card.code.map(flagged["tier"]).astype("Int64")
    card["reasons"] = card.code.map(flagged["reasons"]).map(lambda r: r if isinstance(r, list) else [])
    return card.reset_index(drop=True), verdict(card, len(codes), year, lang)


def verdict(card: pd.DataFrame, count: int, year: int, lang: str = "vi") -> str:
    """One line on an agency's components: how many lead, how many need attention, and of what kind. Each
    flagged component is counted once, under its most pressing kind, so that the parts add up."""
    if card.empty or card.score.isna().all():
        return text("verdict.no_data", lang).format(year=year)
    leads = counted("verdict.leads", count, lang).format(count=count)
    tiers = card["tier"].dropna()
    if tiers.empty:
        return text("verdict.none", lang).format(leads=leads)
    parts = [text(f"verdict.tier.{tier}", lang).format(k=int((tiers == tier).sum())) for tier in TIERS if (tiers == tier).any()]
    return counted("verdict.some", len(tiers), lang).format(leads=leads, flagged=len(tiers), details=", ".join(parts))


def agencies_ranked(panel: Panel, assignment: Assignment, province: int, year: int,
                    rules: FlagRules = FlagRules()) -> pd.DataFrame:
    """Agencies by how many of the components they lead are flagged, most first."""
    flagged = flags(panel, province, year, rules).set_index("code")
    rows = []
    for agency in assignment.agencies():
        codes = assignment.codes_led_by(agency)
        hits = flagged.reindex([code for code in codes if code in flagged.index])
        rows.append({"agency": agency, "components": len(codes), "flagged": len(hits),
                     "behind": int((hits.tier == BEHIND).sum()), "lowest_group": int(hits.lowest_group.sum()),
                     "declined": int(hits.declined.sum()), "codes": ", ".join(sorted(codes, key=code_order))})
    columns = ["agency", "components", "flagged", "behind", "lowest_group", "declined", "codes"]
    return pd.DataFrame(rows, columns=columns).sort_values(["behind", "flagged", "lowest_group", "components"],
                                                           ascending=False).reset_index(drop=True)


# ---- what the pages show ------------------------------------------------------------------------

def summary(card: pd.DataFrame, lang: str = "vi", count: int = 3, prev_year: str | None = None) -> list[str]:
    """Plain sentences on what rose and what fell since the previous year with data; `prev_year` names that
    year where it is more than the year (`compared_with`: an estimate)."""
    parts = card[card.level.isin(("dimension", "subdimension")) & card.change.notna() & (card.comparability == "")]
    name = "name_en" if lang == "en" else "name_vi"
    sentences = []
    rose = parts[parts.change > 0].sort_values("change", ascending=False).head(count)
    fell = parts[parts.change < 0].sort_values("change").head(count)
    for key, rows in (("summary.rose", rose), ("summary.fell", fell)):
        if not rows.empty:
            items = ", ".join(f"{r['code']} {r[name]} ({'+' if r['change'] > 0 else '−'}{number(abs(r['change']), lang)})"
                              for _, r in rows.iterrows())
            sentences.append(text(key, lang).format(items=items, prev_year=prev_year or int(rows.prev_year.iloc[0])))
    skipped = card[card.level.isin(("dimension", "subdimension")) & (card.comparability != "")]
    if not skipped.empty:
        sentences.append(text("summary.not_comparable", lang).format(codes=", ".join(skipped.code)))
    return sentences


def indicators_of(panel: Panel, province: int, year: int, subdimension: str, lang: str = "vi") -> pd.DataFrame:
    """A sub-dimension's survey indicators for a province against the nation: which questions pull it down.

    Indicators come in mixed units (proportions, points, minutes, kilometres), and for a few less is
    better (`better` = 'lower'). `position` puts each on one footing: 0 is the worst province's figure,
    100 the best's; `worse_than_national` compares with the national mean the right way round."""
    rows = panel.rows(province, year)
    rows = rows[(rows.level == "indicator") & (rows.parent == subdimension)].copy()
    rows["label"] = rows["name_en" if lang == "en" else "name_vi"].fillna(rows["name_vi"])
    lower = rows["better"] == "lower"
    rows["gap_to_national"] = rows["score"] - rows["national_mean"]
    rows["worse_than_national"] = np.where(lower, rows["gap_to_national"] > 0, rows["gap_to_national"] < 0)
    worst = rows["national_max"].where(lower, rows["national_min"])
    span = (rows["national_best"] - worst).replace(0, np.nan)
    rows["position"] = 100 * (rows["score"] - worst) / span
    rows["national_position"] = 100 * (rows["national_mean"] - worst) / span
    rows = _sort_codes(rows)
    return rows[["code", "label", "better", "score", "national_mean", "national_median", "national_best", "rank",
                 "rank_last", "n",
                 "group", "gap_to_national", "worse_than_national", "position", "national_position", "scale_min",
                 "scale_max", "percent", "change"]].reset_index(drop=True)


def as_percentages(rows: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """The rows of '%' indicators (shares stored as 0–1 fractions) in percent, as a person reads them beside
    their '(%)' label: 3,6, never 0,036; the other rows unchanged."""
    share = rows["percent"].fillna(False).astype(bool)
    return rows.assign(**{column: rows[column].where(~share, rows[column] * 100) for column in columns})


def standing_matrix(panel: Panel, province: int, measure: str = "group", levels=("total", "dimension")) -> pd.DataFrame:
    """Components x years of rank or group for a province; missing where there is no data."""
    rows = panel.frame[(panel.frame.province_code == province) & panel.frame.level.isin(levels)
                       & (panel.frame.code != TOTAL6)]
    matrix = rows.pivot_table(index="code", columns="year", values=measure, aggfunc="first")
    return matrix.loc[sorted(matrix.index, key=code_order)].astype("Int64")


def peers(panel: Panel, province: int, year: int, code: str, peer_group: str) -> pd.DataFrame:
    """The ranking on a component, narrowed to the province's region or 2025 unit ('all' keeps everyone)."""
    home = entity(province)
    table = ranking(panel, year, code, unit_set_of(province))
    if peer_group == "region":
        table = table[table.region == home.region]
    elif peer_group == "unit_2025":
        table = table[table.unit_2025 == home.unit_2025]
    return table.reset_index(drop=True)
