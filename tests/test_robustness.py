"""Concurrent readers, hostile text, and mutated workbooks (killed writes: test_writes.py)."""
import os
import shutil
import subprocess
import sys
import threading
import time

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from papi_analysis import assignments, store
from papi_analysis.__main__ import main
from papi_analysis.ingest import IngestError, ingest
from tests.conftest import ROOT, file_digest, mutate

D1_2017 = "SELECT province_code, value FROM scores WHERE year = 2017 AND code = 'D1' AND statistic = 'score'"


def d1_2017(db):
    with store.reader(db) as con:
        return dict(con.execute(D1_2017).fetchall())


@pytest.fixture
def changed_2017(sheet_files, tmp_path):
    """The 2017 sheet with every province's D1 raised by 0.25 (the sums will be warned about)."""
    book = openpyxl.load_workbook(sheet_files["2017"])
    sheet = book["2017"]
    for row in range(2, sheet.max_row + 1):
        if isinstance(sheet.cell(row, 2).value, float):
            sheet.cell(row, 2).value += 0.25
    path = tmp_path / "papi-2017-changed.xlsx"
    book.save(path)
    return path


def ingest_process(path, db):
    """An ingest replacing the year's published figures (without --replace a changed year is refused)."""
    return subprocess.Popen([sys.executable, "-m", "papi_analysis", "ingest", str(path), "--db", str(db), "--replace"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def test_readers_see_old_or_new_figures_never_a_mix(ingested_copy, changed_2017):
    old = d1_2017(ingested_copy)
    new = {province: value + 0.25 for province, value in old.items()}
    errors, seen = [], {"old": 0, "new": 0}
    writer = ingest_process(changed_2017, ingested_copy)
    stop = time.time() + 60

    def read():
        while time.time() < stop:
            try:
                with store.reader(ingested_copy) as con:
                    values = dict(con.execute(D1_2017).fetchall())
                    store.scores(con, 2017, 17)
            except Exception as exc:  # every failure is reported, none hidden
                errors.append(repr(exc))
                return
            if values == old:
                seen["old"] += 1
            elif values.keys() == new.keys() and all(abs(values[p] - new[p]) < 1e-9 for p in new):
                seen["new"] += 1
                if writer.poll() is not None:
                    return
            else:
                errors.append("a mix of old and new figures")
                return

    threads = [threading.Thread(target=read) for _ in range(16)]
    for thread in threads:
        thread.start()
    writer.wait(timeout=60)
    for thread in threads:
        thread.join(timeout=70)
    assert writer.returncode == 0, writer.stderr.read()
    assert errors == []
    assert seen["old"] > 0 and seen["new"] > 0


HOSTILE = "x'); DROP TABLE scores;--"


def test_hostile_province_names_are_harmless(ingested_copy, capsys):
    with pytest.raises(SystemExit, match="unknown province"):
        main(["scores", "--province", HOSTILE, "--db", str(ingested_copy)])
    with store.reader(ingested_copy) as con:
        assert con.execute("SELECT count(*) FROM scores").fetchone()[0] > 40000


def test_hostile_names_in_an_assignment_are_stored_as_text(ingested_copy, tmp_path):
    path = tmp_path / "plan.csv"
    path.write_text(f'code,lead_agency,supporting_agencies\n1.1,"{HOSTILE}","{HOSTILE}"\n', encoding="utf-8")
    assignments.save_plan(ingested_copy, HOSTILE, 2025, assignments.read_file(path), HOSTILE)
    with store.reader(ingested_copy) as con:
        plan = assignments.load(con, HOSTILE)
        assert con.execute("SELECT count(*) FROM scores").fetchone()[0] > 40000
    assert plan.lead("1.1") == HOSTILE and plan.supporting("1.1") == ["x')", "DROP TABLE scores", "--"]


# ---- fuzzing the ingest ------------------------------------------------------------------------

# Text a workbook can hold (openpyxl refuses control characters when saving).
CELL_TEXT = st.characters(blacklist_categories=("Cc", "Cs"))
CELL_VALUES = st.one_of(st.text(CELL_TEXT, max_size=12), st.just(float("nan")), st.floats(-1e12, -1e-3),
                        st.floats(1e6, 1e15), st.just(None), st.just("#N/A"))
MUTATIONS = st.lists(st.one_of(
    st.tuples(st.just("drop_row"), st.integers(1, 180)),
    st.tuples(st.just("drop_col"), st.integers(1, 66)),
    st.tuples(st.just("set"), st.integers(1, 180), st.integers(1, 66), CELL_VALUES),
    st.tuples(st.just("label"), st.integers(1, 180), st.text(CELL_TEXT, max_size=30)),
    st.tuples(st.just("shuffle"), st.randoms(use_true_random=False)),
), min_size=1, max_size=4)


def apply(book, mutation):
    kind, *args = mutation
    sheet = book.worksheets[0]
    if kind == "drop_row":
        sheet.delete_rows(args[0])
    elif kind == "drop_col":
        sheet.delete_cols(args[0])
    elif kind == "set":
        sheet.cell(args[0], args[1]).value = args[2]
    elif kind == "label":
        sheet.cell(args[0], 1).value = args[1]
    elif kind == "shuffle":
        order = list(book._sheets)
        args[0].shuffle(order)
        book._sheets = order


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutations=MUTATIONS, truncate=st.one_of(st.none(), st.floats(0.05, 0.95)))
def test_mutated_workbooks_load_valid_figures_or_are_refused(fuzz_base, ingested, tmp_path_factory, mutations, truncate):
    folder = tmp_path_factory.mktemp("fuzz")
    db = folder / "db.duckdb"
    shutil.copyfile(ingested[0], db)
    before = file_digest(db)
    book = openpyxl.load_workbook(fuzz_base)
    for mutation in mutations:
        apply(book, mutation)
    path = folder / "mutated.xlsx"
    book.save(path)
    if truncate is not None:
        data = path.read_bytes()
        path.write_bytes(data[: int(len(data) * truncate)])
    try:
        ingest([path], db)
    except IngestError as exc:
        assert "mutated.xlsx" in str(exc)
        assert file_digest(db) == before  # refused: nothing changed
        return
    with store.reader(db) as con:  # loaded: every figure within its published scale
        outside = con.execute("""
            SELECT count(*) FROM scores s JOIN codebook c USING (year, code)
            WHERE s.statistic = 'score' AND (s.value < c.scale_min - 1e-6 OR s.value > c.scale_max + 1e-6)
        """).fetchone()[0]
        assert outside == 0
        assert con.execute("SELECT count(*) FROM scores WHERE isnan(value)").fetchone()[0] == 0


@pytest.fixture(scope="session")
def fuzz_base(sheet_files, tmp_path_factory):
    """Two real year sheets in one workbook (2017's older layout and 2019's newer one)."""
    book = openpyxl.load_workbook(sheet_files["2019"])
    older = openpyxl.load_workbook(sheet_files["2017"])["2017"]
    copy = book.create_sheet("2017")
    for row in older.iter_rows(values_only=True):
        copy.append(row)
    path = tmp_path_factory.mktemp("fuzzbase") / "two-years.xlsx"
    book.save(path)
    return path


def _changed_2017(sheet_files, db):
    """The 2017 sheet with one figure changed: the same figures again would change nothing, and write nothing."""
    return mutate(sheet_files["2017"], db.with_name("2017b.xlsx"), "2017", {"B2": 5.5})


def test_copies_abandoned_by_a_killed_write_are_removed_later(ingested_copy, sheet_files):
    stale = ingested_copy.parent / f"{ingested_copy.name}.abc123.tmp"
    recent = ingested_copy.parent / f"{ingested_copy.name}.def456.tmp"
    stale.write_bytes(b"half a database")
    recent.write_bytes(b"another write, maybe still running")
    hour_ago = time.time() - 2 * store.ABANDONED_AFTER_SECONDS
    os.utime(stale, (hour_ago, hour_ago))
    ingest([_changed_2017(sheet_files, ingested_copy)], ingested_copy, replace=True)
    assert not stale.exists() and recent.exists()


def test_the_database_file_keeps_its_mode_and_group_across_an_ingest(ingested_copy, sheet_files):
    # Another group than the file's: root may give it any; others, one they belong to.
    group = 1 if os.geteuid() == 0 else next((g for g in os.getgroups() if g != os.stat(ingested_copy).st_gid), None)
    os.chmod(ingested_copy, 0o640)
    if group is not None:
        os.chown(ingested_copy, -1, group)
    before = os.stat(ingested_copy)
    ingest([_changed_2017(sheet_files, ingested_copy)], ingested_copy, replace=True)  # a write: copy, change, swap in
    after = os.stat(ingested_copy)
    assert after.st_ino != before.st_ino  # a new file was swapped in
    assert oct(after.st_mode & 0o7777) == "0o640" and after.st_gid == before.st_gid


def test_wrong_secrets_are_throttled_with_a_growing_delay_and_forgiven(caplog):
    from papi_analysis.security import Throttle, attempt
    now = [1000.0]
    throttle = Throttle(clock=lambda: now[0])
    secret = "correct horse battery"
    assert attempt("wrong!!!", secret, "10.0.0.9", throttle) is False
    assert attempt("wrong!!!", secret, "10.0.0.9", throttle) == pytest.approx(1.0)  # too soon: not even checked
    now[0] += 1.0
    assert attempt("wrong!!!", secret, "10.0.0.9", throttle) is False
    now[0] += 1.0
    assert attempt(secret, secret, "10.0.0.9", throttle) == pytest.approx(1.0)  # the right secret waits too
    assert attempt(secret, secret, "10.0.0.8", throttle) is True  # another client is not held up
    for _ in range(10):
        now[0] += 600
        attempt("wrong!!!", secret, "10.0.0.9", throttle)
    assert throttle.wait("10.0.0.9") <= Throttle.MAX_DELAY  # never kept out for more than a minute
    now[0] += Throttle.MAX_DELAY
    assert attempt(secret, secret, "10.0.0.9", throttle) is True and throttle.wait("10.0.0.9") == 0
    assert "refused unchecked" in caplog.text and "wrong from 10.0.0.9" in caplog.text
