"""The tidy dataset committed in data/: every figure the ingest accepted, with its provenance.

Three CSV files, written by `python -m papi_analysis export-dataset` from the database and read
back to build the database on a machine that has only the repository.
"""
from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pandas as pd

from . import assignments, store

DEFAULT_ASSIGNMENT = "assignments.csv"  # the project's default plan, from the draft in ../shared
DEFAULT_PLAN_YEAR = 2024
TABLES = {  # file name -> (table, column order)
    "scores.csv": ("scores", "year, province_code, code, weighting, statistic, value, source_id, cell"),
    "codebook.csv": ("codebook", "year, code, level, parent, label_vi, label_en, scale, scale_min, scale_max, "
                                 "percent, source_id"),
    "sources.csv": ("sources", "source_id, file_name, sha256, sheet, year, layout, loaded_at, status, provinces, "
                               "n_values, warnings"),
}


def export_dataset(db_path: Path | None = None, out_dir: Path = store.DATA_DIR) -> list[Path]:
    written = []
    with store.reader(db_path) as con:
        for file_name, (table, columns) in TABLES.items():
            frame = con.execute(f"SELECT {columns} FROM {table} ORDER BY ALL").df()
            if "warnings" in frame:
                frame["warnings"] = frame["warnings"].map(lambda w: json.dumps(list(w), ensure_ascii=False))
            path = Path(out_dir) / file_name
            frame.to_csv(path, index=False, lineterminator="\n")  # floats round-trip exactly
            written.append(path)
    return written


def load_bundled(db_path: Path, data_dir: Path = store.DATA_DIR) -> None:
    """Build a database from the committed CSV files."""
    missing = [name for name in TABLES if not (Path(data_dir) / name).exists()]
    if missing:
        raise FileNotFoundError(f"the bundled dataset is incomplete in {data_dir}: missing {', '.join(missing)}")

    def fill(con: duckdb.DuckDBPyConnection) -> None:
        for file_name, (table, _) in TABLES.items():
            frame = pd.read_csv(Path(data_dir) / file_name, keep_default_na=False, na_values=[""])
            if "warnings" in frame:
                frame["warnings"] = frame["warnings"].map(json.loads)
            store.insert_frame(con, table, frame, replace=True)

    store.write(db_path, fill)
    default_plan = Path(data_dir) / DEFAULT_ASSIGNMENT
    if default_plan.exists():
        assignments.save_plan(db_path, assignments.DEFAULT_PLAN, DEFAULT_PLAN_YEAR,
                              assignments.read_file(default_plan), f"data/{DEFAULT_ASSIGNMENT}")
