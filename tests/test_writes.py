"""Writers at once and writers killed: every write reported as stored is stored, a refused one says so, and a
killed one leaves a whole database and no lock behind."""
import os
import subprocess
import sys

import openpyxl
import pytest

from papi_analysis import store
from tests.conftest import ROOT, file_digest
from tests.test_plans import ROWS, build_appendix
from tests.test_robustness import d1_2017

WRITERS = 50


def cli(*args, env=None):
    return subprocess.Popen([sys.executable, "-m", "papi_analysis", *map(str, args)], cwd=ROOT,
                            env={**os.environ, **(env or {})}, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def changed_copies(source, folder, count):
    """Copies of the 2017 sheet, each with every province's D1 raised by a different amount."""
    book = openpyxl.load_workbook(source)
    sheet = book["2017"]
    originals = {row: sheet.cell(row, 2).value for row in range(2, sheet.max_row + 1)
                 if isinstance(sheet.cell(row, 2).value, float)}
    paths = []
    for k in range(count):
        for row, value in originals.items():
            sheet.cell(row, 2).value = value + 0.001 * (k + 1)
        paths.append(folder / f"ingest-{k}.xlsx")
        book.save(paths[-1])
    return paths


def test_fifty_writers_at_once_lose_nothing(ingested_copy, sheet_files, tmp_path):
    appendix = build_appendix(tmp_path / "phu-luc.xlsx")
    workbooks = changed_copies(sheet_files["2017"], tmp_path, WRITERS // 2)
    writers = []
    for k in range(WRITERS):
        if k % 2:
            writers.append(("plan", f"Kế hoạch {k}", cli("plan", "import", appendix, "--name", f"Kế hoạch {k}",
                                                         "--year", 2024, "--db", ingested_copy)))
        else:
            workbook = workbooks[k // 2]
            writers.append(("ingest", workbook.name, cli("ingest", workbook, "--db", ingested_copy)))
    outcomes = [(kind, name, process.wait(timeout=900), *process.communicate()) for kind, name, process in writers]
    with store.reader(ingested_copy) as con:
        plan_rows = dict(con.execute("SELECT p.name, count(*) FROM assignment_plans p JOIN plan_targets t "
                                     "USING (plan_id) GROUP BY p.name").fetchall())
        sources = {name for (name,) in con.execute("SELECT DISTINCT file_name FROM sources").fetchall()}
    stored = 0
    for kind, name, code, out, err in outcomes:
        if code == 0:  # reported as stored: it is there
            stored += 1
            assert (plan_rows.get(name) == len(ROWS)) if kind == "plan" else (name in sources), (kind, name, out)
        else:  # refused: with a message, not a traceback
            assert err.strip() and "Traceback" not in err, (kind, name, err)
            assert (name not in plan_rows) if kind == "plan" else (name not in sources)
    assert stored > 0
    assert not list(tmp_path.glob("papi.duckdb.*.tmp*"))  # no copy left behind


@pytest.mark.parametrize("step, swapped", [("locked", False), ("copied", False), ("changed", False),
                                           ("closed", False), ("replaced", True)])
def test_a_write_killed_at_any_step_leaves_a_whole_database_and_no_lock(ingested_copy, sheet_files, tmp_path,
                                                                        step, swapped):
    before, figures = file_digest(ingested_copy), d1_2017(ingested_copy)
    changed = changed_copies(sheet_files["2017"], tmp_path, 1)[0]
    killed = cli("ingest", changed, "--db", ingested_copy, env={store.FAULT_STEP_VARIABLE: step})
    assert killed.wait(timeout=120) == store.FAULT_EXIT_CODE
    # The live file is the one before or the one after the swap, whole; never half-written.
    assert (file_digest(ingested_copy) != before) == swapped
    after = d1_2017(ingested_copy)
    assert after == figures if not swapped else all(abs(after[p] - figures[p] - 0.001) < 1e-9 for p in figures)
    # The dead writer's lock went with it: the next write goes ahead at once (it would wait minutes otherwise).
    store.WRITE_LOCK_TIMEOUT_SECONDS, timeout = 5, store.WRITE_LOCK_TIMEOUT_SECONDS
    try:
        store.write(ingested_copy, lambda con: con.execute("UPDATE assignment_plans SET source = 'next write'"))
    finally:
        store.WRITE_LOCK_TIMEOUT_SECONDS = timeout
    with store.reader(ingested_copy) as con:
        assert con.execute("SELECT DISTINCT source FROM assignment_plans").fetchall() == [("next write",)]


def test_a_writer_waits_for_the_one_holding_the_lock_and_says_so_when_it_takes_too_long(ingested_copy, monkeypatch):
    import filelock
    before = file_digest(ingested_copy)
    monkeypatch.setattr(store, "WRITE_LOCK_TIMEOUT_SECONDS", 0.5)
    with filelock.FileLock(store.lock_path(ingested_copy)):  # another writer, in this process for the test
        with pytest.raises(store.DatabaseBusy, match="another write has held"):
            store.write(ingested_copy, lambda con: con.execute("DELETE FROM scores"))
    assert file_digest(ingested_copy) == before
