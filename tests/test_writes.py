"""Writers at once and writers killed: every write reported as stored is stored, a refused one says so, and a
killed one leaves a whole database and no lock behind."""
import csv
import os
import subprocess
import sys

import openpyxl
import pandas as pd
import pytest

from papi_analysis import limits, plans, store
from papi_analysis.__main__ import main
from tests.conftest import ROOT, file_digest
from tests.test_plans import HEADER, PLAN_ROWS, ROWS, build_appendix
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
            writers.append(("ingest", workbook.name, cli("ingest", workbook, "--db", ingested_copy, "--replace")))
    outcomes = [(kind, name, process.wait(timeout=900), *process.communicate()) for kind, name, process in writers]
    with store.reader(ingested_copy) as con:
        plan_rows = dict(con.execute("SELECT p.name, count(*) FROM assignment_plans p JOIN plan_targets t "
                                     "USING (plan_id) GROUP BY p.name").fetchall())
        sources = {name for (name,) in con.execute("SELECT DISTINCT file_name FROM sources").fetchall()}
    stored = 0
    for kind, name, code, out, err in outcomes:
        if code == 0:  # reported as stored: it is there
            stored += 1
            assert (plan_rows.get(name) == PLAN_ROWS) if kind == "plan" else (name in sources), (kind, name, out)
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
    killed = cli("ingest", changed, "--db", ingested_copy, "--replace", env={store.FAULT_STEP_VARIABLE: step})
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


# ---- plans: nothing wiped by an empty appendix, sizes and years that fit a survey, stale saves --------------

def header_only(path):
    book = openpyxl.Workbook()
    book.active.append(HEADER)
    book.save(path)
    return path


def test_a_header_only_appendix_is_refused_and_the_stored_plan_keeps_its_rows(ingested_copy, tmp_path, capsys):
    assert main(["plan", "import", str(build_appendix(tmp_path / "a.xlsx")), "--name", "Kế hoạch A", "--year", "2024",
                 "--db", str(ingested_copy)]) == 0
    before = file_digest(ingested_copy)
    assert main(["plan", "import", str(header_only(tmp_path / "empty.xlsx")), "--name", "Kế hoạch A", "--year", "2024",
                 "--db", str(ingested_copy)]) == 2
    assert "has no rows below its header" in capsys.readouterr().err
    assert file_digest(ingested_copy) == before
    with store.reader(ingested_copy) as con:
        assert len(plans.targets_of(con, "Kế hoạch A")) == PLAN_ROWS


def test_the_agencies_of_a_plan_without_leads_are_an_empty_table_not_a_crash(panel):
    from papi_analysis.analysis import agencies_ranked
    from papi_analysis.assignments import Assignment
    empty = Assignment("Kế hoạch trống", 2024, pd.DataFrame(columns=["code", "lead_agency", "supporting_agencies"]))
    assert agencies_ranked(panel, empty, 17, 2024).empty


def refused(*args) -> int:
    """The CLI's exit code, whether the command refused or argparse did (a year that is not four digits)."""
    try:
        return main(list(args))
    except SystemExit as exc:
        return exc.code


@pytest.mark.parametrize("year", [0, -5, 99999, 2008, 2100])
def test_a_plan_year_outside_the_survey_s_years_is_refused(ingested_copy, tmp_path, capsys, year):
    appendix = build_appendix(tmp_path / "a.xlsx")
    before = file_digest(ingested_copy)
    assert refused("plan", "import", str(appendix), "--name", "Kế hoạch A", "--year", str(year),
                   "--db", str(ingested_copy)) == 2
    err = capsys.readouterr().err
    assert str(year) in err
    if len(str(year)) == 4:  # four digits pass the command line's own check; the plan's says which years are
        assert f"the plan's year {year} is outside the survey's years: 2009 to" in err
    table = tmp_path / "plan.csv"
    table.write_text("code,lead_agency\n1.1,Sở Tư pháp\n", encoding="utf-8")
    assert refused("assignment", "import", str(table), "--plan", "P", "--year", str(year),
                   "--db", str(ingested_copy)) == 2
    assert file_digest(ingested_copy) == before


def test_a_plan_of_forty_thousand_rows_is_refused(ingested_copy, tmp_path, capsys):
    path = tmp_path / "huge.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(ROWS[4:5] * 40_000)
    before = file_digest(ingested_copy)
    assert main(["plan", "import", str(path), "--name", "Kế hoạch lớn", "--year", "2024",
                 "--db", str(ingested_copy)]) == 2
    assert f"has 40,000 rows; the limit is {limits.PLAN_ROWS:,}" in capsys.readouterr().err
    assert file_digest(ingested_copy) == before


def test_a_save_based_on_a_plan_someone_else_saved_since_is_refused_saying_what_changed(ingested_copy, tmp_path):
    rows = plans.read_appendix(build_appendix(tmp_path / "a.xlsx"), "a.xlsx", 2024).rows
    store.write(ingested_copy, lambda con: plans.save_appendix(con, "Kế hoạch A", 2024, rows, "a.xlsx", 17))
    with store.reader(ingested_copy) as con:
        seen = plans.version(con, "Kế hoạch A")  # an editor opens the plan
    # someone else saves it meanwhile, from another worker
    store.write(ingested_copy, lambda con: plans.save_appendix(con, "Kế hoạch A", 2024, rows[:3], "other.xlsx", 17,
                                                               expected=seen))
    before = file_digest(ingested_copy)
    with pytest.raises(plans.StalePlan, match=r"'Kế hoạch A' was saved again at .* UTC from 'other.xlsx' \(3 rows\)"):
        store.write(ingested_copy, lambda con: plans.save_appendix(con, "Kế hoạch A", 2024, rows, "editor", 17,
                                                                   expected=seen))
    assert file_digest(ingested_copy) == before
    with store.reader(ingested_copy) as con:
        assert len(plans.targets_of(con, "Kế hoạch A")) == 3
        assert plans.version(con, "Kế hoạch A") != seen


def test_two_administrators_saving_one_plan_on_the_page_both_are_stored_or_one_is_told(ingested_copy, tmp_path,
                                                                                         monkeypatch):
    from streamlit.testing.v1 import AppTest
    from streamlit.testing.v1 import app_test as app_test_module

    from tests.test_app import SECRET, _NavigationPagesManager, open_page
    monkeypatch.setattr(app_test_module, "PagesManager", _NavigationPagesManager)
    from tests.test_plan_page import PLAN
    monkeypatch.setenv("PAPI_DB", str(ingested_copy))
    monkeypatch.setenv("PAPI_ADMIN_SECRET", SECRET)
    rows = plans.read_appendix(build_appendix(tmp_path / "a.xlsx"), "a.xlsx", 2024).rows
    store.write(ingested_copy, lambda con: plans.save_appendix(con, PLAN, 2024, rows, "a.xlsx", 17))
    sessions = []
    for _ in range(2):  # both open the plan's editor
        session = open_page(AppTest.from_file(str(ROOT / "app.py"), default_timeout=60), "plan")
        next(t for t in session.text_input if t.label == "Mật khẩu quản trị").input(SECRET)
        next(b for b in session.button if b.label == "Mở khóa").click().run()
        sessions.append(session)
    for session in sessions:  # then each saves what it was shown
        next(b for b in session.button if b.label == "Lưu kế hoạch").click().run()
        assert not session.exception
    first, second = sessions
    assert [s.value for s in first.success][-1].startswith("Đã lưu kế hoạch")
    assert not second.success
    assert any("đã được lưu lại lúc" in e.value and "thay đổi của bạn chưa được lưu" in e.value for e in second.error)
    with store.reader(ingested_copy) as con:
        assert plans.version(con, PLAN).source == "dashboard editor"
