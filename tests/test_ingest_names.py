"""Tables recognised by their components' names, in any year's structure, with nothing dropped silently.

The test workbooks are built here from the real published sheets, in the shapes other compilations
and the official yearly files take."""
import duckdb
import openpyxl
import pytest

from papi_analysis.codebook import subdimensions_in
from papi_analysis.ingest import IngestError, ingest
from papi_analysis.provinces import match_province
from papi_analysis.vocabulary import code_named, year_names
from tests.conftest import WORKBOOK, file_digest
from tests.test_ingest_values import findings, score


def values(db):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return set(con.execute("SELECT year, province_code, code, weighting, statistic, value FROM scores").fetchall())
    finally:
        con.close()


@pytest.fixture(scope="module")
def real_sheets():
    book = openpyxl.load_workbook(WORKBOOK, read_only=True)
    return {name: [list(row) for row in book[name].iter_rows(values_only=True)] for name in ("2015", "2016", "2023")}


def one_sheet(rows, path, title="Sheet1"):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


# ---- the vocabulary --------------------------------------------------------------------------------

@pytest.mark.parametrize("label, year, code", [
    ("Poverty Lists", 2013, "2.1"), ("Poverty Lists", 2016, "2.2"), ("Poverty List Transparency", 2023, "2.2"),
    ("People's Inspection Boards", 2014, "3.2"), ("People's Inspection Boards", 2018, None),
    ("Responses to Citizen Appeals", 2017, "3.2"), ("Tri thức công dân", 2012, "1.1"),
    ("Participation at Local Levels", 2011, "D1"), ("Chỉ số nội dung 2: Công khai, minh bạch", 2019, "D2"),
    ("Land Tittle Procedures", 2023, "5.3"), ("Construction Permits", 2021, None), ("Un-weighted PAPI", 2012, "TOTAL"),
])
def test_the_years_structure_decides_the_code(label, year, code):
    assert code_named(label, year) == code


def test_every_sub_dimension_of_every_year_has_a_name_in_both_languages():
    for year in range(2011, 2026):
        for parts in subdimensions_in(year).values():
            for code in parts:
                assert year_names(code, year, "vi") and year_names(code, year, "en"), (code, year)


# ---- a compilation of 2011-2016, components named only in English --------------------------------

ENGLISH_2011_2015 = ["Participation at Local Levels", "Civic Knowledge", "Opportunities for Participation",
                     "Quality of Elections", "Voluntary Contributions", "Transparency", "Poverty Lists",
                     "Communal Budgets", "Land Use Plans/Pricing", "Vertical Accountability",
                     "Interactions with Local Authorities", "People's Inspection Boards",
                     "Community Investment Supervision Boards", "Control of Corruption",
                     "Limits on Public Sector Corruption", "Limits on Corruption in Public Service Delivery",
                     "Equity in State Employment", "Willingness to Fight Corruption",
                     "Public Administrative Procedures", "Certification Procedures", "Construction Permits",
                     "Land Use Rights Certificates", "Personal Procedures", "Public Service Delivery",
                     "Public Health Care", "Public Primary Education", "Basic Infrastructure", "Law and Order"]
ENGLISH_2016 = ENGLISH_2011_2015[:6] + ["Access to Information", "Poverty Lists", "Communal Budgets"] + \
    ENGLISH_2011_2015[9:11] + ["Responses to Citizen Appeals", "Access to Justice Services"] + ENGLISH_2011_2015[13:]
# The real sheets' columns, in order: D1 1.1-1.4, D2 2.1-2.3, D3 3.1-3.3, D4 4.1-4.4, D5 5.1-5.4, D6 6.1-6.4.
CODES = ["D1", "1.1", "1.2", "1.3", "1.4", "D2", "2.1", "2.2", "2.3", "D3", "3.1", "3.2", "3.3", "D4", "4.1", "4.2",
         "4.3", "4.4", "D5", "5.1", "5.2", "5.3", "5.4", "D6", "6.1", "6.2", "6.3", "6.4"]


@pytest.fixture(scope="module")
def compilation_2011_2016(real_sheets, tmp_path_factory):
    """One sheet a year: a Vietnamese title, a header of English names without numbering, the unweighted
    total, provinces in Vietnamese, and summary rows below. 2015 and 2016 carry their own published
    figures; 2011-2014 carry 2015's moved down one province per year, so that no year repeats another."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    expected = {}
    provinces = [row for row in real_sheets["2015"][1:] if row and match_province(row[0])]
    for year in range(2011, 2017):
        source = [row for row in real_sheets["2016" if year == 2016 else "2015"][1:] if row and match_province(row[0])]
        shift = max(0, 2015 - year) if year < 2016 else 0
        sheet = book.create_sheet(f"Năm {year}")
        sheet.append([f"Kết quả Chỉ số PAPI năm {year} theo tỉnh, thành phố"])
        sheet.append(["Tỉnh/Thành phố", "Un-weighted PAPI"] + (ENGLISH_2016 if year == 2016 else ENGLISH_2011_2015))
        for index, row in enumerate(provinces):
            figures = source[(index + shift) % len(source)][1:29]
            total = sum(figures[CODES.index(d)] for d in ("D1", "D2", "D3", "D4", "D5", "D6"))
            sheet.append([row[0].strip(), total] + list(figures))
            code = match_province(row[0]).code
            expected[(year, code, "TOTAL")] = total
            expected.update({(year, code, c): v for c, v in zip(CODES, figures)})
        sheet.append([])
        sheet.append(["Cả nước", 55.0] + [1.5] * 28)
        sheet.append(["Điểm cao nhất", 60.0] + [2.5] * 28)
    path = tmp_path_factory.mktemp("older") / "PAPI-2011-2016-compiled.xlsx"
    book.save(path)
    return path, expected


def test_a_compilation_named_only_in_english_loads_every_figure(compilation_2011_2016, tmp_path):
    path, expected = compilation_2011_2016
    db = tmp_path / "db.duckdb"
    report = ingest([path], db)
    assert [(s.year, s.status, s.provinces, s.values) for s in report.sheets] == \
        [(year, "loaded", 63, 63 * 29) for year in range(2011, 2017)]
    loaded = {(y, p, c): v for y, p, c, w, s, v in values(db)}
    assert loaded == pytest.approx(expected)
    # The summary rows are statistics, named in a finding with their figures, never provinces.
    summaries = findings(report.sheets[0], "summary_not_loaded")
    assert [(f.params["label"], f.params["count"]) for f in summaries] == [("Cả nước", 29), ("Điểm cao nhất", 29)]


def test_the_years_structure_places_the_older_sub_dimensions(compilation_2011_2016, tmp_path):
    path, expected = compilation_2011_2016
    db = tmp_path / "db.duckdb"
    ingest([path], db)
    con = duckdb.connect(str(db), read_only=True)
    labels = dict(((y, c), l) for y, c, l in con.execute("SELECT year, code, label_en FROM codebook").fetchall())
    con.close()
    assert labels[(2013, "3.2")] == "People's Inspection Boards"
    assert labels[(2013, "2.1")] == "Poverty Lists" and labels[(2016, "2.2")] == "Poverty Lists"
    assert labels[(2016, "3.2")] == "Responses to Citizen Appeals"
    assert score(db, 2013, 17, "3.2") == pytest.approx(expected[(2013, 17, "3.2")])


# ---- the newer layout: English labels only, a title row, unknown names ---------------------------

def test_the_english_only_2023_sheet_loads_every_figure(real_sheets, tmp_path):
    bilingual = one_sheet(real_sheets["2023"], tmp_path / "2023.xlsx", "2023")
    english = one_sheet([row[:1] + row[2:] for row in real_sheets["2023"]], tmp_path / "2023-en.xlsx", "2023")
    report = ingest([english], tmp_path / "en.duckdb")
    ingest([bilingual], tmp_path / "both.duckdb")
    assert values(tmp_path / "en.duckdb") == values(tmp_path / "both.duckdb")
    assert report.sheets[0].values == 9820
    assert not findings(report.sheets[0], "unrecognised_row")
    # Sub-dimension rows named in English only, e.g. 'Civic Knowledge' and the published misspelling
    # 'Land Tittle Procedures', carry their sub-dimension's indicators.
    assert score(tmp_path / "en.duckdb", 2023, 17, "5.3") == pytest.approx(score(tmp_path / "both.duckdb", 2023, 17, "5.3"))
    assert score(tmp_path / "en.duckdb", 2023, 1, "1.1.2") is not None


def test_an_unnamed_sub_dimension_is_placed_by_its_dimension_and_scale(real_sheets, tmp_path):
    rows = [row[:1] + row[2:] for row in real_sheets["2023"]]
    misnamed = next(i for i, row in enumerate(rows) if row[0] == "Civic Knowledge")
    rows[misnamed] = ["Citizens' knowledge"] + rows[misnamed][1:]
    report = ingest([one_sheet(rows, tmp_path / "misnamed.xlsx", "2023")], tmp_path / "db.duckdb")
    (placed,) = findings(report.sheets[0], "recognised_by_position")
    assert placed.params["code"] == "1.1" and placed.cells == [f"A{misnamed + 1}"]
    assert score(tmp_path / "db.duckdb", 2023, 1, "1.1") == pytest.approx(1.3239250183105469)


def test_a_title_that_reads_like_a_total_does_not_claim_the_total(sheet_files, tmp_path):
    book = openpyxl.load_workbook(sheet_files["2019"])
    sheet = book["2019"]
    sheet.insert_rows(1)
    sheet["A1"] = "Chỉ số PAPI 2019 - Bảng chỉ tiêu cấp tỉnh"
    book.save(tmp_path / "titled.xlsx")
    db = tmp_path / "db.duckdb"
    report = ingest([tmp_path / "titled.xlsx"], db)
    assert report.sheets[0].year == 2019
    assert score(db, 2019, 1, "TOTAL") == pytest.approx(41.533, abs=1e-3)
    assert not findings(report.sheets[0], "repeated_row")


@pytest.mark.parametrize("cell, name", [("D2", "Hà Nộii"), ("R2", "Tỉnh Mới")])
def test_an_unknown_province_column_refuses_the_call(ingested_copy, sheet_files, tmp_path, cell, name):
    from tests.conftest import mutate
    bad = mutate(sheet_files["2019"], tmp_path / "typo.xlsx", "2019", {cell: name})
    before = file_digest(ingested_copy)
    with pytest.raises(IngestError) as refused:
        ingest([sheet_files["2017"], bad], ingested_copy)
    assert (refused.value.file, refused.value.sheet, refused.value.cell) == ("typo.xlsx", "2019", cell)
    assert f"unknown province '{name}'" in str(refused.value)
    assert file_digest(ingested_copy) == before


def test_summary_columns_and_a_national_row_are_statistics(sheet_files, tmp_path):
    book = openpyxl.load_workbook(sheet_files["2019"])
    sheet = book["2019"]
    column = sheet.max_column + 1
    sheet.cell(2, column, "Cả nước")
    for row in range(3, sheet.max_row + 1):
        if isinstance(sheet.cell(row, 4).value, (int, float)):
            sheet.cell(row, column, 0.5)
    book.save(tmp_path / "national.xlsx")
    db = tmp_path / "db.duckdb"
    report = ingest([tmp_path / "national.xlsx"], db)
    (summary,) = findings(report.sheets[0], "summary_not_loaded")
    assert summary.params["label"] == "Cả nước" and summary.params["count"] > 100
    assert report.sheets[0].provinces == 63


def test_a_row_with_province_id_999_is_the_nation(real_sheets, tmp_path):
    rows = [["Mã", "Tỉnh"] + real_sheets["2015"][0][1:]]
    for row in real_sheets["2015"][1:]:
        if row and match_province(row[0]):
            rows.append([match_province(row[0]).code, row[0]] + list(row[1:]))
    rows.append([999, "Việt Nam (trung bình)"] + [1.0] * 28)
    report = ingest([one_sheet(rows, tmp_path / "ids.xlsx", "2015")], tmp_path / "db.duckdb")
    (summary,) = findings(report.sheets[0], "summary_not_loaded")
    assert summary.params["count"] == 28 and report.sheets[0].values == 63 * 28


def test_a_row_with_figures_and_no_known_name_is_named_in_a_finding(sheet_files, tmp_path):
    book = openpyxl.load_workbook(sheet_files["2019"])
    sheet = book["2019"]
    sheet.insert_rows(8)
    sheet["A8"] = "Chỉ số tổng hợp phụ"  # under the total, before any sub-dimension
    for column in range(3, 10):
        sheet.cell(8, column, 0.5)
    book.save(tmp_path / "extra.xlsx")
    report = ingest([tmp_path / "extra.xlsx"], tmp_path / "db.duckdb")
    unrecognised = findings(report.sheets[0], "unrecognised_row")
    assert [(f.cells, f.params["count"]) for f in unrecognised] == [(["A8"], 7)]
