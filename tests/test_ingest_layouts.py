"""Layouts of other published files, built from the real sheets: recognised by content alone."""
import openpyxl
import pytest

from papi_analysis.ingest import ingest
from papi_analysis.provinces import match_province
from tests.test_ingest_values import score


def test_2024_style_mapping_rows_and_blank_separator_columns(sheet_files, tmp_path):
    """The 2024 file adds four rows mapping provinces to the 34 units of 2025 above the table, and
    blank separator columns; its sheet names say nothing."""
    book = openpyxl.load_workbook(sheet_files["2022"])
    sheet = book["2022"]
    sheet.title = "Bảng tổng hợp kết quả"
    names = [sheet.cell(2, c).value for c in range(1, sheet.max_column + 1)]
    sheet.insert_rows(1, 4)
    sheet.cell(1, 1, "Kết quả PAPI năm 2022")
    sheet.cell(2, 1, "Tỉnh/thành phố sau sáp nhập (từ 1/7/2025)")
    sheet.cell(3, 1, "Mã tỉnh mới")
    for column, name in enumerate(names, start=1):
        province = match_province(name) if isinstance(name, str) else None
        if province:
            sheet.cell(2, column, province.unit_2025)
    for column in (40, 20, 10):  # blank separators between province columns
        sheet.insert_cols(column)
    path = tmp_path / "PAPI_2024_style.xlsx"
    book.save(path)
    db = tmp_path / "db.duckdb"
    report = ingest([path], db)
    line = report.sheets[0]
    assert (line.status, line.year, line.provinces) == ("loaded", 2022, 63)
    assert score(db, 2022, 17, "TOTAL") == pytest.approx(score_of_2022_hoa_binh(sheet_files, tmp_path))
    assert score(db, 2022, 96, "8.3") is not None


def score_of_2022_hoa_binh(sheet_files, tmp_path):
    db = tmp_path / "plain.duckdb"
    ingest([sheet_files["2022"]], db)
    return score(db, 2022, 17, "TOTAL")


def test_english_only_labels(sheet_files, tmp_path):
    book = openpyxl.load_workbook(sheet_files["2022"])
    book["2022"].delete_cols(2)  # the Vietnamese label column
    path = tmp_path / "english.xlsx"
    book.save(path)
    db = tmp_path / "db.duckdb"
    report = ingest([path], db)
    assert report.sheets[0].status == "loaded"
    assert score(db, 2022, 1, "D1") == pytest.approx(5.825, abs=1e-3)
    # English sub-dimension labels carry no numbering: their rows are not guessed, the dimensions are read.
    assert score(db, 2022, 1, "TOTAL") == pytest.approx(43.905, abs=1e-3)


def test_older_layout_with_english_headers_and_a_title(sheet_files, tmp_path):
    book = openpyxl.load_workbook(sheet_files["2017"])
    sheet = book["2017"]
    sheet.title = "Sheet1"
    headers = {"B1": "Dimension 1: Participation at Local Levels", "C1": "1.1: Civic Knowledge",
               "G1": "Dimension 2: Transparency", "H1": "2.1: Access to Information"}
    for cell, value in headers.items():
        sheet[cell] = value
    sheet.insert_rows(1, 2)
    sheet["A1"] = "PAPI 2017 – Provincial results"
    for row in range(4, 67):
        name = sheet.cell(row, 1).value
        province = match_province(name) if name else None
        if province:
            sheet.cell(row, 1, province.name_en + " Province" if row % 2 else "TP. " + province.name_vi)
    path = tmp_path / "old-english.xlsx"
    book.save(path)
    db = tmp_path / "db.duckdb"
    report = ingest([path], db)
    assert (report.sheets[0].status, report.sheets[0].year, report.sheets[0].provinces) == ("loaded", 2017, 63)
    assert score(db, 2017, 1, "D1") == pytest.approx(5.25095272064209)
    assert score(db, 2017, 1, "1.1") == pytest.approx(1.0389890670776367)
