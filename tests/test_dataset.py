"""The committed dataset in data/ is exactly what the ingest makes of the shared workbook."""
import duckdb
import pandas as pd

from papi_analysis import dataset, store


def frame(db, sql):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).df()
    finally:
        con.close()


SCORES = "SELECT year, province_code, code, weighting, statistic, value, cell FROM scores ORDER BY ALL"
CODEBOOK = "SELECT * EXCLUDE (source_id) FROM codebook ORDER BY year, code"


def test_bundled_dataset_matches_a_fresh_ingest(ingested, tmp_path):
    built = tmp_path / "bundled.duckdb"
    dataset.load_bundled(built)
    pd.testing.assert_frame_equal(frame(built, SCORES), frame(ingested[0], SCORES))
    pd.testing.assert_frame_equal(frame(built, CODEBOOK), frame(ingested[0], CODEBOOK))
    sources = frame(built, "SELECT sheet, status, warnings FROM sources ORDER BY sheet")
    assert dict(zip(sources.sheet, sources.status))["2021"] == "skipped"


def test_export_then_load_round_trips(ingested, tmp_path):
    dataset.export_dataset(ingested[0], tmp_path)
    rebuilt = tmp_path / "rebuilt.duckdb"
    dataset.load_bundled(rebuilt, tmp_path)
    pd.testing.assert_frame_equal(frame(rebuilt, SCORES), frame(ingested[0], SCORES))
    warnings = frame(rebuilt, "SELECT warnings FROM sources WHERE sheet = '2019'").warnings[0]
    assert any("percentage points" in w for w in warnings)


def test_reader_builds_the_database_on_first_use(tmp_path, monkeypatch):
    db = tmp_path / "first-use.duckdb"
    monkeypatch.setenv("PAPI_DB", str(db))
    with store.reader() as con:
        assert con.execute("SELECT count(DISTINCT year) FROM scores").fetchone()[0] == 7
    assert db.exists()
