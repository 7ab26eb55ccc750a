"""The real workbook's figures arrive in the database as published, with its traps handled."""
import duckdb
import pytest

from papi_analysis.ingest import ingest
from tests.conftest import mutate


def one(db, sql, params=()):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def score(db, year, province, code, statistic="score", weighting="unweighted"):
    rows = one(db, "SELECT value FROM scores WHERE year=? AND province_code=? AND code=? AND statistic=? "
                   "AND weighting=?", (year, province, code, statistic, weighting))
    return rows[0][0] if rows else None


def report_for(report, sheet):
    return next(s for s in report.sheets if s.sheet == sheet)


def findings(report_line, code):
    return [f for f in report_line.findings if f.code == code]


def test_years_loaded_are_those_with_their_own_figures(ingested):
    db, report = ingested
    assert report.years_loaded == list(range(2015, 2025))
    assert [y for (y,) in one(db, "SELECT DISTINCT year FROM scores ORDER BY 1")] == report.years_loaded
    origins = dict(one(db, "SELECT year, origin FROM sources WHERE status = 'loaded'"))
    assert {year for year, origin in origins.items() if origin == "third_party"} == {2020, 2021, 2024}


def test_province_per_row_layout_values(ingested):
    db, report = ingested
    assert report_for(report, "2015").layout == "province-per-row"
    # Sheet 2015, row 2 (Hà Nội): B2 is dimension 1, C2 sub-dimension 1.1; AC65 is Cà Mau's 6.4.
    assert score(db, 2015, 1, "D1") == pytest.approx(5.054007053375244, abs=1e-12)
    assert score(db, 2015, 1, "1.1") == pytest.approx(1.073683500289917, abs=1e-12)
    assert score(db, 2017, 96, "6.4") == pytest.approx(1.6693390607833862, abs=1e-12)
    assert one(db, "SELECT count(DISTINCT province_code) FROM scores WHERE year=2016")[0][0] == 63
    assert one(db, "SELECT cell FROM scores WHERE year=2015 AND province_code=1 AND code='D1'")[0][0] == "B2"


def test_indicator_per_row_layout_values_and_statistics(ingested):
    db, report = ingested
    assert report_for(report, "2019").layout == "indicator-per-row"
    assert score(db, 2019, 1, "TOTAL", weighting="weighted") == pytest.approx(43.524, abs=1e-3)
    assert score(db, 2019, 1, "TOTAL") == pytest.approx(41.533, abs=1e-3)
    assert score(db, 2019, 1, "TOTAL", "ci_low") == pytest.approx(41.111, abs=1e-3)
    assert score(db, 2019, 1, "TOTAL", "se") == pytest.approx(0.257, abs=1e-3)
    assert score(db, 2019, 2, "D1", "variance") == pytest.approx(0.033, abs=1e-3)
    assert score(db, 2019, 1, "1.1.1") == pytest.approx(0.538, abs=1e-3)  # 'Hiểu biết về chính sách hiện hành'
    assert score(db, 2023, 17, "TOTAL", "observations") == 246  # 'Số quan sát', cell N163
    assert score(db, 2022, 24, "TOTAL", "observations") == 192  # kept though Bắc Giang's 2022 total is missing


def test_english_label_column_and_unaccented_names(ingested):
    db, _ = ingested
    labels = one(db, "SELECT label_vi, label_en FROM codebook WHERE year=2022 AND code='D1'")[0]
    assert labels == ("Chỉ số nội dung 1: Tham gia của người dân ở cấp cơ sở", "Dimension 1: Participation")
    assert one(db, "SELECT label_en FROM codebook WHERE year=2022 AND code='1.1'")[0][0] == "Civic Knowledge"
    # 2018 names provinces without diacritics ('Ha Noi'); they still land on the national codes.
    assert score(db, 2018, 1, "TOTAL") == pytest.approx(42.3194694519043, abs=1e-9)
    assert one(db, "SELECT count(DISTINCT province_code) FROM scores WHERE year=2018")[0][0] == 63


def test_indicators_keep_labels_parent_and_scale(ingested):
    db, _ = ingested
    row = one(db, "SELECT parent, label_vi, scale, scale_min, scale_max, percent FROM codebook "
                  "WHERE year=2019 AND code='4.4.3'")[0]
    assert row[0] == "4.4" and row[1].startswith("Mức tiền đòi hối lộ")
    assert row[2:] == ("0-150,000VND", 0.0, 150000.0, False)


def test_sub_dimensions_add_up_to_their_dimension(ingested):
    db, _ = ingested
    gaps = one(db, """
        SELECT s.year, s.province_code, d.code, abs(d.value - sum(s.value)) AS gap
        FROM scores s JOIN codebook c USING (year, code)
        JOIN scores d ON d.year = s.year AND d.province_code = s.province_code AND d.code = c.parent
             AND d.statistic = 'score' AND d.weighting = 'unweighted'
        WHERE c.level = 'subdimension' AND s.statistic = 'score'
        GROUP BY s.year, s.province_code, d.code, d.value
        HAVING count(*) = (SELECT count(*) FROM codebook c2 WHERE c2.year = s.year AND c2.parent = d.code)
        ORDER BY gap DESC""")
    assert len(gaps) > 2000
    assert gaps[0][3] <= 0.01


def test_a_sum_that_is_off_is_warned_about_and_still_loaded(sheet_files, tmp_path):
    bad = mutate(sheet_files["2017"], tmp_path / "off.xlsx", "2017", {"C2": 1.5})  # Hà Nội 1.1 in 2017
    report = ingest([bad], tmp_path / "db.duckdb")
    assert report.sheets[0].status == "loaded"
    (finding,) = findings(report.sheets[0], "subdimensions_do_not_add_up")
    assert finding.params["code"] == "D1" and finding.cells == ["B2"]
    assert finding.params["examples"][0][:2] == ["B2", 1]  # Hà Nội


def test_no_data_is_missing_never_zero(ingested):
    db, report = ingested
    # 2023: Quảng Ninh (22) and Bình Dương (74) have no data at all.
    assert one(db, "SELECT count(*) FROM scores WHERE year=2023 AND province_code IN (22, 74)")[0][0] == 0
    assert report_for(report, "2023").provinces == 61
    # 2022: Bắc Giang's published total of 0 (incomplete results) is missing; so are its CI bounds.
    assert score(db, 2022, 24, "TOTAL") is None
    assert score(db, 2022, 24, "TOTAL", "ci_low") is None
    assert score(db, 2022, 24, "D6") == pytest.approx(8.084983825683594, abs=1e-9)
    # ... and the zeros of the indicators under its missing sub-dimensions.
    assert score(db, 2022, 24, "1.1.1") is None
    # 2018: 'KCDL' (no data) for Quảng Ninh's total.
    assert score(db, 2018, 22, "TOTAL") is None
    assert one(db, "SELECT count(*) FROM scores WHERE value = 0 AND statistic = 'score' "
                   "AND code IN (SELECT code FROM components)")[0][0] == 0
    outside = {f.params["code"]: f for f in findings(report_for(report, "2022"), "outside_scale")}
    assert outside["TOTAL"].cells == ["R7", "U7"] and outside["TOTAL"].params["examples"][0] == ["R7", 24, 0.0]


def test_na_text_is_missing(sheet_files, tmp_path):
    changed = mutate(sheet_files["2019"], tmp_path / "na.xlsx", "2019", {"C11": "#N/A", "D11": "KCDL"})
    db = tmp_path / "db.duckdb"
    ingest([changed], db)
    assert score(db, 2019, 1, "D1") is None and score(db, 2019, 2, "D1") is None
    assert score(db, 2019, 4, "D1") == pytest.approx(4.787, abs=1e-3)


def test_percentage_point_rows_are_converted_and_stray_values_dropped(ingested):
    db, report = ingested
    victims = one(db, "SELECT max(value) FROM scores WHERE year=2019 AND code='6.4.3'")[0][0]
    assert victims < 1  # published as 9.37 etc. in a '0%-100%' row of proportions
    assert [f.params["code"] for f in findings(report_for(report, "2019"), "percentage_points")] == ["6.4.3"]
    assert score(db, 2019, 25, "4.4.5") is None  # 1.048 in a proportion row
    stray = next(f for f in findings(report_for(report, "2019"), "outside_scale") if f.params["code"] == "4.4.5")
    assert stray.cells == ["R100"] and stray.params["examples"][0][:2] == ["R100", 25]


def test_repeated_year_sheets_are_skipped_naming_both(ingested):
    db, report = ingested
    for sheet in ("2020", "2021"):
        line = report_for(report, sheet)
        assert line.status == "skipped"
        (finding,) = line.findings
        assert (finding.code, finding.params) == ("sheet_repeats_sheet",
                                                  {"sheet": "2019", "file": "PAPI-2015-2023.xlsx", "year": 2019})
    assert report_for(report, "2023_Process").status == "skipped"  # a rounded copy of sheet 2023
    statuses = dict(one(db, "SELECT sheet, status FROM sources"))
    assert statuses["2021"] == "skipped" and statuses["2019"] == "loaded"


def test_loading_a_year_again_replaces_it_whole(ingested_copy, sheet_files):
    changed = mutate(sheet_files["2017"], sheet_files["2017"].with_name("2017b.xlsx"), "2017", {"B2": None, "C2": None})
    report = ingest([changed], ingested_copy, replace=True)  # without it refused: published figures would go
    assert report.sheets[0].status == "replaced"
    assert [f.code for f in report.sheets[0].findings][-2:] == ["year_replaced", "published_replaced"]
    assert score(ingested_copy, 2017, 1, "D1") is None  # not left over from the first load
    assert score(ingested_copy, 2017, 2, "D1") == pytest.approx(5.023410797119141)
    assert one(ingested_copy, "SELECT count(*) FROM sources WHERE year=2017 AND status='replaced'")[0][0] == 1
    assert score(ingested_copy, 2019, 1, "D1") is not None  # other years untouched


def test_a_copy_of_a_stored_year_under_another_name_is_skipped(ingested_copy, sheet_files, tmp_path):
    import openpyxl
    book = openpyxl.load_workbook(sheet_files["2017"])
    book["2017"].title = "2014"
    book.save(tmp_path / "copy.xlsx")
    report = ingest([tmp_path / "copy.xlsx"], ingested_copy)
    assert report.sheets[0].status == "skipped"
    assert (report.sheets[0].findings[0].code, report.sheets[0].findings[0].params["year"]) == \
        ("sheet_repeats_stored", 2017)
    assert one(ingested_copy, "SELECT count(*) FROM scores WHERE year=2014")[0][0] == 0
