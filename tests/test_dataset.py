"""The committed dataset in data/ is exactly what the ingest makes of the shared workbook and compilations."""
import shutil

import duckdb
import pandas as pd

from papi_analysis import dataset, store
from papi_analysis.ingest.findings import Finding


def frame(db, sql):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).df()
    finally:
        con.close()


SCORES = "SELECT year, province_code, code, weighting, statistic, value, cell, derived FROM scores ORDER BY ALL"
CODEBOOK = "SELECT * EXCLUDE (source_id) FROM codebook ORDER BY year, code"


def test_bundled_dataset_matches_a_fresh_ingest(bundled_sources, tmp_path):
    built = tmp_path / "bundled.duckdb"
    dataset.load_bundled(built)
    pd.testing.assert_frame_equal(frame(built, SCORES), frame(bundled_sources, SCORES))
    pd.testing.assert_frame_equal(frame(built, CODEBOOK), frame(bundled_sources, CODEBOOK))
    sources = frame(built, "SELECT file_name, sheet, status, origin FROM sources ORDER BY sheet")
    assert dict(zip(sources.sheet, sources.status))["2021"] == "skipped"
    by_sheet = dict(zip(sources.sheet, zip(sources.status, sources.origin)))
    assert by_sheet["2024.csv"] == by_sheet["2011_PAPI"] == ("loaded", "third_party")
    assert by_sheet["2015_PAPI"] == ("skipped", "third_party") and by_sheet["2015"] == ("loaded", "published")
    years = frame(built, "SELECT DISTINCT year FROM scores ORDER BY year").year.tolist()
    assert years == list(range(2011, 2025))


def test_export_then_load_round_trips(ingested, tmp_path):
    dataset.export_dataset(ingested[0], tmp_path)
    rebuilt = tmp_path / "rebuilt.duckdb"
    dataset.load_bundled(rebuilt, tmp_path)
    pd.testing.assert_frame_equal(frame(rebuilt, SCORES), frame(ingested[0], SCORES))
    findings = frame(rebuilt, "SELECT findings FROM sources WHERE sheet = '2019'").findings[0]
    assert any(Finding.from_json(f).code == "percentage_points" for f in findings)


def test_reader_builds_the_database_on_first_use(tmp_path, monkeypatch):
    db = tmp_path / "first-use.duckdb"
    monkeypatch.setenv("PAPI_DB", str(db))
    with store.reader() as con:
        assert con.execute("SELECT count(DISTINCT year) FROM scores").fetchone()[0] == 14  # 2011-2024
    assert db.exists()


def test_a_database_of_an_earlier_version_is_brought_up_to_date_when_opened(ingested, tmp_path):
    old = tmp_path / "old.duckdb"
    shutil.copyfile(ingested[0], old)
    con = duckdb.connect(str(old))
    con.execute("ALTER TABLE sources RENAME COLUMN findings TO warnings")
    con.execute("ALTER TABLE sources DROP COLUMN origin")
    con.execute("ALTER TABLE scores DROP COLUMN derived")
    con.execute("UPDATE sources SET warnings = ['skipped: repeats the figures of 2019'] WHERE sheet = '2020'")
    con.close()
    with store.reader(old) as con:
        sources = store.sources(con)
        assert set(sources.origin) == {"published"}
        assert con.execute("SELECT count(*) FROM scores WHERE derived").fetchone()[0] == 0
    legacy = Finding.from_json(sources.set_index("sheet").findings["2020"][0])
    assert (legacy.code, legacy.params["text"]) == ("legacy", "skipped: repeats the figures of 2019")
