"""Scorecards and flags: the real data against a bare SELECT, and growth on a synthetic panel.

    python -m benchmarks.analysis

1. The scorecard plus flags for all 63 provinces of one year, warm (panel in memory) but computed,
   not taken from the results the panel keeps, against a bare SELECT of the same rows into pandas,
   in the same run. Goal: a province's flags <= 20 ms. Also: the same flags asked again (kept).
2. Building the panel and answering one unit's flags on synthetic panels of 700 units x 20 years x
   160 components and fractions of it: the cost per row should stay flat (linear growth).
"""
from __future__ import annotations

import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from papi_analysis import store
from papi_analysis.analysis import Panel, flags, scorecard
from papi_analysis.codebook import DIMENSION_CODES, SUBDIMENSION_CODES, TOTAL
from papi_analysis.dataset import load_bundled

YEAR = 2023


def best_of(rounds: int, work) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def real_data() -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.duckdb"
        load_bundled(db)
        with store.reader(db) as con:
            panel = Panel.load(con)
            provinces = sorted(panel.year_rows(YEAR).province_code.unique())

            def bare_select():
                con.execute("SELECT * FROM scores WHERE year = ? AND weighting = 'unweighted' "
                            "AND statistic = 'score'", [YEAR]).df()

            def all_provinces():
                for province in provinces:
                    scorecard(panel, province, YEAR)
                    flags(panel, province, YEAR)

            bare = best_of(5, bare_select)
            panel.RESULTS_KEPT = 0  # computed every time, as on a first ask
            ours = best_of(5, all_provinces)
            first = best_of(20, lambda: flags(panel, 17, YEAR))
            panel.RESULTS_KEPT = Panel.RESULTS_KEPT
            again = best_of(20, lambda: flags(panel, 17, YEAR))
    print(f"real data, {YEAR}: scorecard + flags for {len(provinces)} provinces {ours * 1000:.0f} ms; "
          f"bare SELECT of the same rows {bare * 1000:.1f} ms; ratio {ours / bare:.1f}x")
    print(f"one province's flags, warm panel: {first * 1000:.1f} ms computed (goal <= 20 ms), "
          f"{again * 1000:.2f} ms asked again (kept by the panel)")


def synthetic_frame(units: int, years: int = 20, components: int = 160, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    codes = [TOTAL, *DIMENSION_CODES, *SUBDIMENSION_CODES]
    indicators = [f"{SUBDIMENSION_CODES[i % len(SUBDIMENSION_CODES)]}.{i // len(SUBDIMENSION_CODES) + 1}"
                  for i in range(components - len(codes))]
    levels = ["total"] + ["dimension"] * 8 + ["subdimension"] * len(SUBDIMENSION_CODES) + ["indicator"] * len(indicators)
    parents = [None] + [TOTAL] * 8 + ["D" + c.split(".")[0] for c in SUBDIMENSION_CODES] + \
        [c.rsplit(".", 1)[0] for c in indicators]
    codebook = pd.DataFrame({"code": codes + indicators, "level": levels, "parent": parents})
    grid = pd.MultiIndex.from_product([range(2004, 2004 + years), range(1, units + 1), range(len(codebook))],
                                      names=["year", "province_code", "k"]).to_frame(index=False)
    frame = grid.join(codebook, on="k").drop(columns="k")
    size = len(frame)
    scale = frame.level.map({"total": 80.0, "dimension": 10.0, "subdimension": 2.5, "indicator": 1.0})
    frame["score"] = rng.uniform(0.2, 0.9, size) * scale
    frame = frame.assign(name_vi=frame.code, name_en=frame.code, scale_min=scale * 0.1, scale_max=scale,
                         percent=False, better="higher", derived=False, unit_set="synthetic",
                         se=np.where(frame.level == "total", 0.3, np.nan), ci_low=np.nan,
                         ci_high=np.nan, region=(frame.province_code % 6).astype(str),
                         unit_2025=(frame.province_code % 34).astype(str), observations=300.0)
    return frame


def synthetic() -> None:
    print("synthetic panel (20 years x 160 components):")
    per_row = []
    for units in (175, 350, 700):
        frame = synthetic_frame(units)
        start = time.perf_counter()
        panel = Panel(frame)
        build = time.perf_counter() - start
        panel.RESULTS_KEPT = 0
        one = best_of(10, lambda: flags(panel, 1, 2023))
        per_row.append(build / len(frame))
        print(f"  {units:4d} units, {len(frame):>9,} rows: build {build:6.2f} s "
              f"({build / len(frame) * 1e6:.2f} us/row); one unit's flags {one * 1000:.1f} ms")
    print(f"  cost per row, largest against smallest: {per_row[-1] / per_row[0]:.2f}x (1.0 = linear)")


if __name__ == "__main__":
    real_data()
    synthetic()
