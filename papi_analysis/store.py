"""The DuckDB database: schema, the one way to write, and reads.

Writes never touch the live file. A writer takes the lock file beside it (one writer at a time, across
processes and machines sharing the folder), copies the live file, changes the copy in one transaction,
and swaps the copy in with an atomic rename. The copy is taken under the lock, so a change is always
applied to the current file, never to a stale one. A refused file, an exception or a killed process
leaves the live database byte-for-byte as it was (the system releases a dead writer's lock), and a
reader that opened the old file keeps seeing the old figures until it reopens.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import duckdb
import filelock

from .codebook import COMPONENTS, name_frame_in_its_year
from .provinces import PROVINCES, REGIONS
from .sanitise import clean_all
from .units import PROVINCES_63, UNITS, UNITS_34

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"

SCHEMA = """
CREATE TABLE IF NOT EXISTS provinces (
    province_code INTEGER PRIMARY KEY, name_vi VARCHAR NOT NULL, name_en VARCHAR NOT NULL,
    region VARCHAR NOT NULL, region_vi VARCHAR NOT NULL, region_en VARCHAR NOT NULL,
    unit_2025 VARCHAR NOT NULL, unit_set VARCHAR NOT NULL DEFAULT 'provinces', official_code INTEGER);
CREATE TABLE IF NOT EXISTS components (
    code VARCHAR PRIMARY KEY, level VARCHAR NOT NULL, parent VARCHAR,
    name_vi VARCHAR NOT NULL, name_en VARCHAR NOT NULL, first_year INTEGER, last_year INTEGER);
CREATE TABLE IF NOT EXISTS sources (
    source_id INTEGER PRIMARY KEY, file_name VARCHAR NOT NULL, sha256 VARCHAR NOT NULL,
    sheet VARCHAR NOT NULL, year INTEGER, layout VARCHAR, loaded_at TIMESTAMP NOT NULL,
    status VARCHAR NOT NULL, provinces INTEGER, n_values INTEGER, findings VARCHAR[],
    origin VARCHAR NOT NULL DEFAULT 'published');
CREATE TABLE IF NOT EXISTS codebook (
    year INTEGER NOT NULL, code VARCHAR NOT NULL, level VARCHAR NOT NULL, parent VARCHAR,
    label_vi VARCHAR, label_en VARCHAR, scale VARCHAR, scale_min DOUBLE, scale_max DOUBLE,
    percent BOOLEAN NOT NULL, source_id INTEGER NOT NULL, better VARCHAR NOT NULL DEFAULT 'higher',
    PRIMARY KEY (year, code));
CREATE TABLE IF NOT EXISTS scores (
    year INTEGER NOT NULL, province_code INTEGER NOT NULL, code VARCHAR NOT NULL,
    weighting VARCHAR NOT NULL, statistic VARCHAR NOT NULL, value DOUBLE NOT NULL,
    source_id INTEGER NOT NULL, cell VARCHAR, derived BOOLEAN NOT NULL DEFAULT false,
    PRIMARY KEY (year, province_code, code, weighting, statistic));
CREATE TABLE IF NOT EXISTS assignment_plans (
    plan_id INTEGER PRIMARY KEY, name VARCHAR NOT NULL UNIQUE, year INTEGER,
    created_at TIMESTAMP NOT NULL, source VARCHAR, province_code INTEGER, document_number VARCHAR,
    document_date DATE);
CREATE TABLE IF NOT EXISTS plan_targets (
    plan_id INTEGER NOT NULL, row_number INTEGER NOT NULL, code VARCHAR, label VARCHAR, previous_result VARCHAR,
    target VARCHAR, tasks VARCHAR, lead_agency VARCHAR, supporting_agencies VARCHAR[], deadline VARCHAR,
    PRIMARY KEY (plan_id, row_number));
CREATE TABLE IF NOT EXISTS assignments (
    plan_id INTEGER NOT NULL, code VARCHAR NOT NULL, lead_agency VARCHAR NOT NULL,
    supporting_agencies VARCHAR[] NOT NULL, PRIMARY KEY (plan_id, code));
CREATE OR REPLACE VIEW component_years AS
    SELECT code, any_value(level) AS level, any_value(parent) AS parent,
           list(year ORDER BY year) AS years
    FROM codebook GROUP BY code;
"""


class DatabaseBusy(RuntimeError):
    """The new database could not replace the live file, or another write held it too long; it is unchanged."""


class StaleVersion(RuntimeError):
    """A save based on an older version of what is stored (someone else saved it meanwhile); nothing changed.
    `changed` says what is stored now, for the message."""

    def __init__(self, what: str, changed: dict):
        self.what, self.changed = what, changed
        super().__init__(f"{what} was changed meanwhile ({changed}); nothing was saved")


# How long a writer waits for another one to finish (an ingest of a large workbook takes seconds, not minutes).
WRITE_LOCK_TIMEOUT_SECONDS = 180
# Test hook: a write step at which the process dies on purpose (the kill tests), never set in service.
FAULT_STEP_VARIABLE = "PAPI_WRITE_FAULT"
FAULT_EXIT_CODE = 137


def default_db_path() -> Path:
    return Path(os.environ.get("PAPI_DB") or DATA_DIR / "papi.duckdb")


# Databases written before findings were typed and third-party sources were kept apart.
MIGRATIONS = {  # column that must exist -> the statement that adds it
    ("sources", "findings"): "ALTER TABLE sources RENAME COLUMN warnings TO findings",
    ("sources", "origin"): "ALTER TABLE sources ADD COLUMN origin VARCHAR DEFAULT 'published'",
    ("scores", "derived"): "ALTER TABLE scores ADD COLUMN derived BOOLEAN DEFAULT false",
    ("codebook", "better"): "ALTER TABLE codebook ADD COLUMN better VARCHAR DEFAULT 'higher'",
    ("provinces", "unit_set"): "ALTER TABLE provinces ADD COLUMN unit_set VARCHAR DEFAULT 'provinces'",
    ("provinces", "official_code"): "ALTER TABLE provinces ADD COLUMN official_code INTEGER",
    ("assignment_plans", "province_code"): "ALTER TABLE assignment_plans ADD COLUMN province_code INTEGER",
    ("assignment_plans", "document_number"): "ALTER TABLE assignment_plans ADD COLUMN document_number VARCHAR",
    ("assignment_plans", "document_date"): "ALTER TABLE assignment_plans ADD COLUMN document_date DATE",
}


def _missing_columns(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """Columns an older database lacks (none for a new, empty one)."""
    present = set(con.execute("SELECT table_name, column_name FROM duckdb_columns() "
                              "WHERE database_name = current_database()").fetchall())
    tables = {table for table, _ in present}
    return [key for key in MIGRATIONS if key[0] in tables and key not in present]


def _create_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Tables (an older database brought up to date), and the codebook's fixed rows refreshed from the code."""
    for key in _missing_columns(con):
        con.execute(MIGRATIONS[key])
    con.execute(SCHEMA)
    con.execute("DELETE FROM provinces")
    insert_rows(con, "provinces", ("province_code", "name_vi", "name_en", "region", "region_vi", "region_en", "unit_2025",
                                   "unit_set", "official_code"),
                [(p.code, p.name_vi, p.name_en, p.region, *REGIONS[p.region], p.unit_2025, PROVINCES_63.key, p.code)
                 for p in PROVINCES]
                + [(u.code, u.name_vi, u.name_en, u.region, *REGIONS[u.region], u.name_vi, UNITS_34.key, u.official_code)
                   for u in UNITS])
    con.execute("DELETE FROM components")
    insert_rows(con, "components", ("code", "level", "parent", "name_vi", "name_en", "first_year", "last_year"),
                [(c.code, c.level, c.parent, c.name_vi, c.name_en, c.first_year, c.last_year)
                 for c in COMPONENTS.values()])


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, columns: Sequence[str], rows: Sequence[tuple],
                constants: dict | None = None) -> None:
    """Bulk insert of Python rows, one list parameter a column (far faster than executemany, and no pandas:
    an ingest from the command line then starts quickly); `constants` fill columns with one value each.
    `table` and the column names are ours, never user text. Text is stored without control characters
    (`sanitise.clean`): whatever door it came through, no export breaks on it."""
    if not rows:
        return
    constants = constants or {}
    selected = [f"unnest(${i + 1}) AS {column}" for i, column in enumerate(columns)]
    selected += [f"${len(columns) + i + 1} AS {column}" for i, column in enumerate(constants)]
    con.execute(f"INSERT INTO {table} BY NAME SELECT {', '.join(selected)}",
                [_cleaned(list(values)) for values in zip(*rows)] + list(constants.values()))


def _cleaned(column: list) -> list:
    """A column's values with control characters out of every text; a column without text is left alone."""
    if not any(isinstance(v, (str, list, tuple)) for v in column):
        return column
    return [clean_all(v) for v in column]


def insert_frame(con: duckdb.DuckDBPyConnection, table: str, frame, by_name: bool = True, replace: bool = False) -> None:
    """Bulk insert (far faster than executemany); `table` is one of ours, never user text."""
    con.register("frame_to_insert", frame)
    try:
        if replace:
            con.execute(f"DELETE FROM {table}")
        con.execute(f"INSERT INTO {table} {'BY NAME ' if by_name else ''}SELECT * FROM frame_to_insert")
    finally:
        con.unregister("frame_to_insert")


def write(db_path: Path, change: Callable[[duckdb.DuckDBPyConnection], None]) -> None:
    """Apply `change` in one transaction to a copy of the current file, then swap the copy in atomically;
    one writer at a time (`lock_path`). `change` reads the database it changes: any check it makes (a plan's
    version, a year already stored) is made on the file as it is under the lock."""
    db_path = Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with filelock.FileLock(lock_path(db_path), timeout=WRITE_LOCK_TIMEOUT_SECONDS):
            _fault("locked")
            _write_locked(db_path, change)
    except filelock.Timeout:
        raise DatabaseBusy(f"another write has held '{db_path}' for more than {WRITE_LOCK_TIMEOUT_SECONDS} s; "
                           f"nothing was changed: try again later") from None


def lock_path(db_path: Path) -> str:
    """The lock file beside the database (a second file: the database itself is replaced by every write)."""
    return str(db_path) + ".lock"


def _fault(step: str) -> None:
    if os.environ.get(FAULT_STEP_VARIABLE) == step:
        os._exit(FAULT_EXIT_CODE)  # as a kill would: no cleanup, no finally blocks


def _write_locked(db_path: Path, change: Callable[[duckdb.DuckDBPyConnection], None]) -> None:
    _remove_abandoned_copies(db_path)
    handle, temp_name = tempfile.mkstemp(prefix=db_path.name + ".", suffix=".tmp", dir=db_path.parent)
    os.close(handle)
    temp = Path(temp_name)
    try:
        if db_path.exists():
            shutil.copyfile(db_path, temp)
        else:
            temp.unlink()  # DuckDB must create the file itself
        _fault("copied")
        con = duckdb.connect(str(temp))
        try:
            con.execute("BEGIN TRANSACTION")
            _create_schema(con)
            change(con)
            _fault("changed")
            con.execute("COMMIT")
            con.execute("CHECKPOINT")
        finally:
            con.close()
        _keep_permissions(db_path, temp)
        _fault("closed")
        try:
            os.replace(temp, db_path)
        except PermissionError:  # Windows will not replace a file another program holds open
            raise DatabaseBusy(f"'{db_path}' is open in another program (on Windows, stop the dashboard or "
                               f"other readers first); nothing was changed") from None
        _fault("replaced")
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        with contextlib.suppress(FileNotFoundError):
            Path(str(temp) + ".wal").unlink()


def _keep_permissions(live: Path, replacement: Path) -> None:
    """The swapped-in copy keeps the live file's mode and group, not the 0600 of a temporary file: a dashboard
    running as another user than the administrator's ingest must still read it. (A new database is created by
    DuckDB itself, under the umask.)"""
    if not live.exists():
        return
    status = live.stat()
    os.chmod(replacement, stat.S_IMODE(status.st_mode))
    if hasattr(os, "chown") and replacement.stat().st_gid != status.st_gid:
        with contextlib.suppress(PermissionError):  # only the group's members may give a file to it
            os.chown(replacement, -1, status.st_gid)


def open_readonly(db_path: Path) -> duckdb.DuckDBPyConnection:
    """A read-only view of the database file as it is now.

    The file is attached to a fresh in-memory instance: `duckdb.connect(path)` would hand back an
    instance this process already has open for that path, i.e. the file as it was before a write
    swapped in a new one. A connection keeps the snapshot it opened, so a reader sees the old or the
    new figures, never a mix."""
    con = duckdb.connect()
    con.execute("ATTACH ? AS papi (READ_ONLY)", [str(db_path)])
    con.execute("USE papi")
    return con


def cursor(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A cursor (safe to use from another thread) on the same snapshot."""
    child = con.cursor()
    child.execute("USE papi")
    return child


ABANDONED_AFTER_SECONDS = 3600


def _remove_abandoned_copies(db_path: Path) -> None:
    """Copies left by writes that were killed; an hour old, no write can still be using them."""
    cutoff = time.time() - ABANDONED_AFTER_SECONDS
    for leftover in db_path.parent.glob(f"{db_path.name}.*.tmp*"):
        with contextlib.suppress(OSError):
            if leftover.stat().st_mtime < cutoff:
                leftover.unlink()


@contextlib.contextmanager
def reader(db_path: Path | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection; the database is built from the bundled dataset if it does not exist."""
    con = open_readonly(ensure_database(db_path))
    try:
        yield con
    finally:
        con.close()


def ensure_database(db_path: Path | None = None) -> Path:
    """The database file, built from the bundled dataset if it does not exist, brought up to date if older."""
    path = Path(db_path) if db_path else default_db_path()
    if not path.exists():
        from .dataset import load_bundled  # the dataset module writes through this one
        load_bundled(path)
    else:
        con = open_readonly(path)
        try:
            outdated = _missing_columns(con)
        finally:
            con.close()
        if outdated:
            write(path, lambda con: None)
    return path


def plan_count(con: duckdb.DuckDBPyConnection) -> int:
    return con.execute("SELECT count(*) FROM assignment_plans").fetchall()[0][0]


def next_source_id(con: duckdb.DuckDBPyConnection) -> int:
    return con.execute("SELECT coalesce(max(source_id), 0) + 1 FROM sources").fetchall()[0][0]


def scores(con: duckdb.DuckDBPyConnection, year: int | None = None, province: int | None = None,
           level: str | None = None):
    """Unweighted scores with names and provenance: whether each is derived (a sum the ingest computed) and
    whether its source is a published workbook or a third party's compilation. Missing figures have no row."""
    return con.execute("""
        SELECT s.year, p.official_code AS province_code, p.name_vi AS province, cb.level, s.code AS code, s.value AS score,
               coalesce(c.name_vi, cb.label_vi) AS component_vi, coalesce(c.name_en, cb.label_en) AS component_en,
               cb.parent, src.file_name AS source_file, src.sheet AS source_sheet, s.cell AS source_cell,
               s.derived, src.origin AS source_origin, p.unit_set,
               -- a component the fixed codebook does not know is the year's own: new in its first year
               CASE WHEN c.code IS NULL AND cb.level IN ('dimension', 'subdimension')
                    THEN (SELECT min(f.year) FROM codebook f WHERE f.code = s.code) END AS new_in
        FROM scores s
        JOIN provinces p USING (province_code)
        JOIN codebook cb USING (year, code)
        JOIN sources src ON src.source_id = s.source_id
        LEFT JOIN components c ON c.code = s.code
        WHERE s.statistic = 'score' AND s.weighting = 'unweighted'
          AND ($year IS NULL OR s.year = $year)
          AND ($province IS NULL OR s.province_code = $province)
          AND ($level IS NULL OR cb.level = $level)
        ORDER BY s.year, s.province_code,
                 CASE cb.level WHEN 'total' THEN 0 WHEN 'dimension' THEN 1 WHEN 'subdimension' THEN 2 ELSE 3 END,
                 list_transform(string_split(regexp_replace(s.code, '[^0-9.]', '', 'g'), '.'),
                                lambda x: try_cast(x AS INTEGER))
    """, {"year": year, "province": province, "level": level}).df().pipe(name_frame_in_its_year, "component_vi",
                                                                         "component_en")


def third_party_years(sources_frame) -> list[int]:
    """The years whose figures in force come from a third party's compilation, not a published workbook."""
    loaded = sources_frame[(sources_frame.status == "loaded") & (sources_frame.origin == "third_party")]
    return sorted(int(year) for year in loaded.year.unique())


def sources(con: duckdb.DuckDBPyConnection):
    """Every sheet ever offered to the ingest, loaded or not, newest first."""
    return con.execute("""
        SELECT year, file_name, sheet, layout, origin, status, provinces, n_values, len(findings) AS n_findings,
               findings, loaded_at, sha256
        FROM sources ORDER BY loaded_at DESC, status, year DESC, sheet""").df()
