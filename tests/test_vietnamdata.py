"""The vietnamdata compilation (PAPI 2011-2016, one sheet a year): each sheet under the year its own
evidence gives, every figure loaded by the names the 2011-2015 reports used, its 2015 and 2016 equal to
the official workbook's, and never over a published year. Small workbooks built here check the rules on
their own: a year named alike on every sheet, labels that disagree, names read with a person's tolerance."""
import zipfile

import duckdb
import openpyxl
import pytest

from papi_analysis.ingest import IngestError, ingest
from papi_analysis.provinces import match_province
from papi_analysis.vocabulary import code_named
from tests.conftest import SHARED, file_digest
from tests.test_ingest_values import findings, report_for, score

VIETNAMDATA = SHARED / "third-party" / "vietnamdata"
XLSX = VIETNAMDATA / "PAPI_2011-2016.xlsx"
COMPONENTS = """
    SELECT year, province_code, code, value FROM scores JOIN components USING (code)
    WHERE level IN ('dimension', 'subdimension') AND statistic = 'score' AND weighting = 'unweighted'
"""


def rows(db, sql, params=()):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    db = tmp_path_factory.mktemp("vietnamdata") / "db.duckdb"
    return db, ingest([VIETNAMDATA], db)


@pytest.fixture(scope="module")
def cached_values():
    """Every figure of the file as Excel cached it (the totals are formulas), by (sheet, cell)."""
    book = openpyxl.load_workbook(XLSX, data_only=True, read_only=True)
    found = {}
    for sheet in book.sheetnames:
        for row in book[sheet].iter_rows(min_row=3):
            if row[0].value in (None, 999):
                continue
            for cell in row[3:32]:
                if isinstance(cell.value, (int, float)):
                    found[(sheet, cell.coordinate)] = (match_province(row[2].value).code, cell.value)
    return found


def test_every_sheet_is_stored_under_its_own_year_as_a_third_partys(loaded):
    db, report = loaded
    assert [(s.sheet, s.year, s.status, s.origin, s.provinces) for s in report.sheets] == [
        ("2011_PAPI", 2011, "loaded", "third_party", 63), ("2012_PAPI", 2012, "loaded", "third_party", 63),
        ("2013_PAPI", 2013, "loaded", "third_party", 63), ("2014_PAPI", 2014, "loaded", "third_party", 61),
        ("2015_PAPI", 2015, "loaded", "third_party", 63), ("2016_PAPI", 2016, "loaded", "third_party", 63)]
    # The label 'Un-weighted2015PAPI' heads the total on every sheet: named, and not taken for any sheet's year.
    (not_specific,) = findings(report.sheets[0], "year_not_specific")
    assert not_specific.cells == ["AF1"]
    assert (not_specific.params["named"], not_specific.params["year"], not_specific.params["source"]) == \
        (2015, 2011, "2011_PAPI")
    assert findings(report.sheets[0], "third_party_dataset")[0].cells[0] == "B1"  # 'tentinh_eng'
    assert rows(db, "SELECT DISTINCT origin FROM sources") == [("third_party",)]


def test_published_cells_by_hand(loaded):
    db, _ = loaded
    # 2011_PAPI D3, Hà Nội's 'Tham gia của người dân ở cấp cơ sở'; AF65, Cà Mau's total (a formula, cached)
    assert score(db, 2011, 1, "D1") == pytest.approx(5.76248)
    assert score(db, 2011, 96, "TOTAL") == pytest.approx(35.477787)
    # 2013_PAPI O4, Hà Giang's 'Ban thanh tra nhân dân'; 2012_PAPI L5, Cao Bằng's 'Kế hoạch sử dụng đất, khung giá đền bù'
    assert score(db, 2013, 2, "3.2") == pytest.approx(1.673467)
    assert score(db, 2012, 4, "2.3") == pytest.approx(1.67319)
    # 2014_PAPI X3, Hà Nội's 'Giấy phép xây dựng'; T3 'Công bằng trong tuyển dụng vào nhà nước'; AE3 'An ninh, trật tự'
    assert score(db, 2014, 1, "5.2") == pytest.approx(1.823578)
    assert score(db, 2014, 1, "4.3") == pytest.approx(0.647094)
    assert score(db, 2014, 1, "6.4") == pytest.approx(1.6017)
    labels = dict(((y, c), (vi, en)) for y, c, vi, en in rows(db, "SELECT year, code, label_vi, label_en FROM codebook"))
    assert labels[(2013, "3.3")] == ("Ban Giám sát đầu tư cộng đồng", "Community Investment Boards")
    assert labels[(2016, "2.1")] == ("Tiếp cận thông tin", "Access to Information")  # not the sheet's stale 'Poverty Lists'


def test_every_figure_of_every_sheet_is_loaded(loaded, cached_values):
    db, report = loaded
    stored = {(f"{year}_PAPI", cell): (province, value) for year, province, value, cell in
              rows(db, "SELECT year, province_code, value, cell FROM scores")}
    # Bắc Giang's and Đồng Tháp's 2014 totals are formulas over blank cells, cached as 0: no data, not a zero.
    blanks = {("2014_PAPI", "AF17"), ("2014_PAPI", "AF58")}
    assert stored.keys() == cached_values.keys() - blanks
    assert all(stored[key][0] == cached_values[key][0] and stored[key][1] == pytest.approx(cached_values[key][1], abs=1e-9)
               for key in stored)
    assert len(stored) == 5 * 63 * 29 + 61 * 29
    assert findings(report_for(report, "2014_PAPI"), "outside_scale")[0].cells == ["AF17", "AF58"]


def test_2015_and_2016_equal_the_official_workbook(loaded, ingested):
    official = {row[:3]: row[3] for row in rows(ingested[0], COMPONENTS + " AND year IN (2015, 2016)")}
    compiled = {row[:3]: row[3] for row in rows(loaded[0], COMPONENTS + " AND year IN (2015, 2016)")}
    assert len(official) == 2 * 63 * 28 and compiled.keys() == official.keys()
    assert max(abs(compiled[key] - official[key]) for key in official) < 1e-4


def test_2016s_stale_labels_are_read_in_the_years_order_with_findings(loaded):
    _, report = loaded
    sheet = report_for(report, "2016_PAPI")
    (d2,) = findings(sheet, "labels_of_other_structure")
    assert (d2.cells, d2.params["dimension"], d2.params["named_in"], d2.params["codes"]) == \
        (["J1", "K1", "L1"], "D2", "2011–2015", "2.1, 2.2, 2.3")
    (d3,) = findings(sheet, "read_in_structure_order")
    assert (d3.cells, d3.params["codes"]) == (["N1", "O1", "P1"], "3.1, 3.2, 3.3")


def test_the_xlsx_itself_loads_the_same(loaded, tmp_path):
    db = tmp_path / "db.duckdb"
    report = ingest([XLSX], db)
    assert report.years_loaded == [2011, 2012, 2013, 2014, 2015, 2016]
    assert set(rows(db, COMPONENTS)) == set(rows(loaded[0], COMPONENTS))


def test_over_the_official_figures_it_changes_none(ingested_copy):
    before = rows(ingested_copy, "SELECT * EXCLUDE (source_id) FROM scores ORDER BY ALL")
    report = ingest([VIETNAMDATA], ingested_copy)
    for sheet in ("2015_PAPI", "2016_PAPI"):
        line = report_for(report, sheet)
        assert line.status == "skipped" and findings(line, "official_kept")
    after = rows(ingested_copy, "SELECT * EXCLUDE (source_id) FROM scores WHERE year >= 2015 ORDER BY ALL")
    assert after == before
    assert rows(ingested_copy, "SELECT DISTINCT year FROM scores WHERE year < 2015 ORDER BY 1") == \
        [(2011,), (2012,), (2013,), (2014,)]


def test_over_the_bundled_data_it_changes_no_figure(tmp_path):
    from papi_analysis import dataset
    db = tmp_path / "bundled.duckdb"
    dataset.load_bundled(db)
    before = rows(db, "SELECT * EXCLUDE (source_id) FROM scores ORDER BY ALL")
    report = ingest([XLSX], db)
    assert {s.sheet: s.status for s in report.sheets}["2016_PAPI"] == "skipped"
    assert rows(db, "SELECT * EXCLUDE (source_id) FROM scores ORDER BY ALL") == before
    assert rows(db, "SELECT origin FROM sources WHERE status = 'loaded' AND year = 2016") == [("published",)]


# ---- the rules on small workbooks ---------------------------------------------------------------

HEADER = ["Tỉnh", "Tham gia của người dân ở cấp cơ sở", "Công khai, minh bạch", "Trách nhiệm giải trình với người dân"]
PROVINCES = ["Hà Nội", "Hà Giang", "Cao Bằng", "Bắc Kạn", "Tuyên Quang", "Lào Cai", "Điện Biên", "Lai Châu", "Sơn La",
             "Yên Bái", "Hòa Bình", "Thái Nguyên"]


def workbook(path, sheets):
    """Sheets of dimension scores: {sheet name: (title or None, first figure)}; each sheet's own figures."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, (title, start) in sheets.items():
        sheet = book.create_sheet(name)
        if title:
            sheet.append([title])
        sheet.append(HEADER)
        for index, province in enumerate(PROVINCES):
            sheet.append([province] + [start + index / 10 + k / 100 for k in range(3)])
    book.save(path)
    return path


def test_a_year_named_alike_on_sheets_of_different_figures_and_nowhere_else_is_refused(ingested_copy, tmp_path):
    path = workbook(tmp_path / "alike.xlsx", {"Trang 1": ("Kết quả PAPI 2015", 4.0), "Trang 2": ("Kết quả PAPI 2015", 5.0)})
    before = file_digest(ingested_copy)
    with pytest.raises(IngestError) as refused:
        ingest([path], ingested_copy)
    assert (refused.value.sheet, refused.value.cell) == ("Trang 1", None)
    assert "2015, named in A1" in str(refused.value) and "named alike on every sheet" in str(refused.value)
    assert file_digest(ingested_copy) == before


def test_the_same_year_on_sheets_of_one_years_figures_stays(tmp_path):
    path = workbook(tmp_path / "same.xlsx", {"Trang 1": ("Kết quả PAPI 2013", 4.0), "Bản sao": ("Kết quả PAPI 2013", 4.0)})
    report = ingest([path], tmp_path / "db.duckdb")
    assert [(s.year, s.status) for s in report.sheets] == [(2013, "loaded"), (2013, "skipped")]
    (kept,) = report.sheets[1].findings  # which was kept, and why
    assert (kept.code, kept.params["sheet"]) == ("sheet_listed_later", "Trang 1")


def test_a_title_and_a_sheet_name_that_disagree_are_a_finding(tmp_path):
    path = workbook(tmp_path / "disagree.xlsx", {"2014": ("Kết quả PAPI 2013", 4.0)})
    db = tmp_path / "db.duckdb"
    report = ingest([path], db)
    (finding,) = findings(report.sheets[0], "year_evidence_disagrees")
    assert report.sheets[0].year == 2013 and finding.cells == ["A1", "2014"]
    assert score(db, 2013, 1, "D1") == pytest.approx(4.0)


def test_total_labels_naming_two_years_are_refused(ingested_copy, sheet_files, tmp_path):
    from tests.conftest import mutate
    bad = mutate(sheet_files["2019"], tmp_path / "two-years.xlsx", "2019",
                 {"A3": "Chỉ số PAPI 2019 tổng hợp (có trọng số)", "A7": "Chỉ số PAPI 2018 tổng hợp (không có trọng số)"})
    before = file_digest(ingested_copy)
    with pytest.raises(IngestError) as refused:
        ingest([bad], ingested_copy)
    assert refused.value.sheet == "2019"
    assert "2019 (A3" in str(refused.value) and "2018 (A7" in str(refused.value)
    assert file_digest(ingested_copy) == before


def test_sheets_named_by_year_under_one_pasted_title_take_their_names(tmp_path):
    path = workbook(tmp_path / "pasted.xlsx", {"PAPI 2012": ("Kết quả PAPI 2015", 4.0), "PAPI 2013": ("Kết quả PAPI 2015", 5.0)})
    db = tmp_path / "db.duckdb"
    report = ingest([path], db)
    assert [(s.year, s.status) for s in report.sheets] == [(2012, "loaded"), (2013, "loaded")]
    assert [f.cells for f in findings(report.sheets[1], "year_not_specific")] == [["A1"]]
    assert score(db, 2013, 1, "D1") == pytest.approx(5.0)


@pytest.mark.parametrize("label, year, code", [
    ("Hiệu quả của Ban Thanh tra Nhân dân", 2013, "3.2"), ("Ban thanh tra nhân dân", 2014, "3.2"),
    ("Hiệu quả của Ban Thanh tra Nhân dân", 2016, None), ("trật tự, an ninh", 2012, "6.4"),
    ("AN NINH, TRẬT TỰ", 2019, "6.4"), ("Kế hoạch sử dụng đất, khung giá đền bù", 2011, "2.3"),
    ("Kế hoạch sử dụng đất, khung giá đền bù", 2019, "2.4"), ("Kế hoạch sử dụng đất, khung giá đền bù", 2016, None),
    ("Ban Giám sát đầu tư cộng đồng", 2012, "3.3"), ("Công bằng trong tuyển dụng vào nhà nước", 2013, "4.3"),
    ("Giấy phép xây dựng", 2014, "5.2"), ("Community Investment Boards", 2011, "3.3"),
    ("Public Health", 2015, "6.1"), ("Tham gia", 2013, None),  # D1 or 1.2: no guess
])
def test_names_are_read_as_a_person_reads_them(label, year, code):
    assert code_named(label, year) == code


def test_a_copy_of_the_file_with_its_sheets_renamed_is_refused_where_nothing_names_the_year(ingested_copy, tmp_path):
    # Renamed in the archive itself: a workbook saved by openpyxl would lose the totals' cached results.
    with zipfile.ZipFile(XLSX) as source, zipfile.ZipFile(tmp_path / "renamed.xlsx", "w", zipfile.ZIP_DEFLATED) as copy:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/workbook.xml":
                for year in range(2011, 2017):
                    content = content.replace(f'name="{year}_PAPI"'.encode(), f'name="Sheet{year - 2010}"'.encode())
            copy.writestr(item, content)
    before = file_digest(ingested_copy)
    with pytest.raises(IngestError) as refused:
        ingest([tmp_path / "renamed.xlsx"], ingested_copy)
    assert "2015, named in AF1" in str(refused.value)
    assert file_digest(ingested_copy) == before


# ---- the bundled dataset, with no file given ------------------------------------------------------

def test_the_bundled_scores_of_2011_are_every_figure_of_the_2011_sheet(tmp_path, monkeypatch, capsys, cached_values):
    import csv
    import io

    from papi_analysis.__main__ import main
    monkeypatch.setenv("PAPI_DB", str(tmp_path / "bundled.duckdb"))
    assert main(["scores", "--year", "2011"]) == 0
    printed = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    sheet = {cell: value for (name, cell), value in cached_values.items() if name == "2011_PAPI"}
    scores = {row["source_cell"]: (int(row["province_code"]), float(row["score"])) for row in printed}
    assert scores.keys() == sheet.keys() and len(scores) == 63 * 29
    assert all(scores[cell][0] == sheet[cell][0] and abs(scores[cell][1] - sheet[cell][1]) < 1e-9 for cell in sheet)
    assert {row["source_origin"] for row in printed} == {"third_party"}
    # Codes that named other sub-dimensions until 2015 carry the names of their year.
    names = {(row["code"], row["component_en"]) for row in printed}
    assert ("2.1", "Poverty Lists") in names and ("3.2", "People's Inspection Boards") in names
    assert main(["scores", "--year", "2019", "--province", "Hà Nội", "--level", "subdimension"]) == 0
    later = {row["code"]: row["component_en"] for row in csv.DictReader(io.StringIO(capsys.readouterr().out))}
    assert later["2.1"] == "Access to Information" and later["3.2"] == "Responses to Citizen Appeals"
