"""The tidy dataset committed in data/: every figure the ingest accepted, with its provenance.

Three CSV files, written by `python -m papi_analysis export-dataset` from the database and read
back to build the database on a machine that has only the repository.
"""
from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pandas as pd

from . import plans, store

TABLES = {  # file name -> (table, column order)
    "scores.csv": ("scores", "year, province_code, code, weighting, statistic, value, source_id, cell, derived"),
    "codebook.csv": ("codebook", "year, code, level, parent, label_vi, label_en, scale, scale_min, scale_max, "
                                 "percent, source_id, better"),
    "sources.csv": ("sources", "source_id, file_name, sha256, sheet, year, layout, origin, loaded_at, status, "
                               "provinces, n_values, findings"),
}


def export_dataset(db_path: Path | None = None, out_dir: Path = store.DATA_DIR) -> list[Path]:
    written = []
    with store.reader(db_path) as con:
        for file_name, (table, columns) in TABLES.items():
            frame = con.execute(f"SELECT {columns} FROM {table} ORDER BY ALL").df()
            if "findings" in frame:
                frame["findings"] = frame["findings"].map(lambda w: json.dumps(list(w), ensure_ascii=False))
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
            if "findings" in frame:
                frame["findings"] = frame["findings"].map(json.loads)
            store.insert_frame(con, table, frame, replace=True)
        if store.plan_count(con) == 0:
            plans.add_default_plan(con)

    store.write(db_path, fill)
