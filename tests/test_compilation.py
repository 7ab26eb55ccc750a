"""The third-party compilation (ml-mcdm CSV files): read by content, sums derived and marked, published
workbooks preferred, and the bundled dataset answering for 2020, 2021 and 2024."""
import csv
import io
import shutil

import pytest

from papi_analysis.__main__ import main
from papi_analysis.ingest import IngestError, ingest
from tests.conftest import COMPILATION, file_digest
from tests.test_ingest_values import findings, one, report_for, score

SUBDIMENSIONS = """
    SELECT year, province_code, code, value FROM scores JOIN components USING (code)
    WHERE level = 'subdimension' AND statistic = 'score' AND weighting = 'unweighted' AND year IN (2018, 2019, 2022, 2023)
"""


@pytest.fixture(scope="module")
def compilation_only(tmp_path_factory):
    db = tmp_path_factory.mktemp("compilation") / "db.duckdb"
    return db, ingest([COMPILATION], db)


@pytest.fixture(scope="module")
def workbook_only(tmp_path_factory, workbook):
    db = tmp_path_factory.mktemp("workbook") / "db.duckdb"
    ingest([workbook], db)
    return db


def test_the_compilation_equals_the_official_workbook_where_both_exist(compilation_only, workbook_only):
    official = {row[:3]: row[3] for row in one(workbook_only, SUBDIMENSIONS)}
    compiled = {row[:3]: row[3] for row in one(compilation_only[0], SUBDIMENSIONS)}
    assert len(official) == 7018 and compiled.keys() == official.keys()
    assert max(abs(compiled[key] - official[key]) for key in official) < 1e-4
    assert {year for year, _, _ in official} == {2018, 2019, 2022, 2023}


def test_dimensions_and_totals_are_derived_sums_with_their_source(compilation_only):
    db, report = compilation_only
    line = report_for(report, "2024.csv")
    assert (line.file, line.origin, line.layout, line.status) == ("ml-mcdm/2024.csv", "third_party", "compilation", "loaded")
    rows = one(db, "SELECT code, value, derived, cell FROM scores WHERE year = 2024 AND province_code = 17 "
                   "AND code IN ('TOTAL', 'D6', '6.2')")
    by_code = {code: (value, derived, cell) for code, value, derived, cell in rows}
    assert by_code["6.2"][1:] == (False, "V12")  # Hòa Bình is P11, row 12; SC62 is column V
    assert by_code["D6"][1:] == (True, None) and by_code["TOTAL"][1:] == (True, None)
    parts = one(db, "SELECT sum(value) FROM scores WHERE year = 2024 AND province_code = 17 AND code LIKE '6._'")[0][0]
    assert by_code["D6"][0] == pytest.approx(parts)
    assert by_code["TOTAL"][0] == pytest.approx(43.4778, abs=1e-4)
    assert findings(line, "derived_sums")[0].params["count"] == 61 * 9  # 8 dimensions and the total, 61 provinces


def test_a_sub_dimension_outside_the_years_structure_is_named_not_loaded(compilation_only):
    db, report = compilation_only
    assert one(db, "SELECT count(*) FROM scores WHERE code = '5.2' AND year >= 2021")[0][0] == 0
    assert one(db, "SELECT count(*) FROM scores WHERE code = '8.3' AND year = 2018")[0][0] == 0
    assert [f.params["provinces"] for f in findings(report_for(report, "2021.csv"), "province_without_figures")] == \
        [[22, 24, 27]]  # Quảng Ninh, Bắc Giang, Bắc Ninh


def test_a_published_workbook_replaces_the_compilation_and_is_never_replaced_by_it(compilation_only, workbook, tmp_path):
    db = tmp_path / "db.duckdb"
    shutil.copyfile(compilation_only[0], db)
    report = ingest([workbook], db)
    assert report_for(report, "2023").status == "replaced"
    assert findings(report_for(report, "2023"), "year_replaced")[0].params["origin"] == "ml-mcdm/2023.csv, 2023.csv"
    origins = dict(one(db, "SELECT year, origin FROM sources WHERE status = 'loaded'"))
    assert origins[2023] == "published" and origins[2024] == "third_party" and origins[2020] == "third_party"
    assert score(db, 2023, 17, "TOTAL", "se") is not None  # the workbook's statistics came with it
    again = ingest([COMPILATION], db)
    assert report_for(again, "2023.csv").status == "skipped"
    assert findings(report_for(again, "2023.csv"), "official_kept")
    assert dict(one(db, "SELECT year, origin FROM sources WHERE status = 'loaded'"))[2023] == "published"


def test_the_compilations_csv_files_can_be_given_one_by_one(tmp_path):
    db = tmp_path / "db.duckdb"
    assert main(["ingest", str(COMPILATION / "2020.csv"), str(COMPILATION / "2021.csv"), "--db", str(db)]) == 0
    assert one(db, "SELECT DISTINCT year FROM scores ORDER BY 1") == [(2020,), (2021,)]


def bad_copy(tmp_path, year_file_change):
    folder = tmp_path / "ml-mcdm"
    shutil.copytree(COMPILATION, folder)
    path = folder / "2020.csv"
    path.write_text(year_file_change(path.read_text(encoding="utf-8")), encoding="utf-8")
    return folder


@pytest.mark.parametrize("change, cell, message", [
    (lambda text: text.replace("\nP11,", "\nP99,"), "A12", "unknown province key 'P99'"),
    (lambda text: text.replace("\nP11,", "\nP11,abc", 1).replace("abc0", "abc", 1), "B12", "text in a score cell"),
])
def test_a_bad_compilation_file_refuses_the_call(ingested_copy, tmp_path, change, cell, message):
    folder = bad_copy(tmp_path, change)
    before = file_digest(ingested_copy)
    with pytest.raises(IngestError) as refused:
        ingest([folder], ingested_copy)
    assert (refused.value.file, refused.value.cell) == ("ml-mcdm/2020.csv", cell)
    assert message in str(refused.value)
    assert file_digest(ingested_copy) == before


# ---- the bundled dataset, with no workbook given -------------------------------------------------

@pytest.fixture
def bundled(tmp_path, monkeypatch):
    monkeypatch.setenv("PAPI_DB", str(tmp_path / "bundled.duckdb"))


def cli_rows(capsys, *args):
    assert main(list(args)) == 0
    return list(csv.DictReader(io.StringIO(capsys.readouterr().out)))


@pytest.mark.parametrize("year, province, total", [
    (2024, "Hòa Bình", 43.4778), (2020, "Quảng Ninh", 48.8114), (2021, "Thừa Thiên Huế", 48.0591)])
def test_the_bundled_data_answers_for_the_compiled_years(bundled, capsys, year, province, total):
    (row,) = cli_rows(capsys, "scores", "--year", str(year), "--province", province, "--level", "total")
    assert float(row["score"]) == pytest.approx(total, abs=1e-4)
    assert (row["derived"], row["source_origin"]) == ("True", "third_party")


def test_the_bundled_data_ranks_hoa_binh_2024_and_keeps_no_data_as_no_data(bundled, capsys):
    total = next(r for r in cli_rows(capsys, "scorecard", "--province", "Hòa Bình", "--year", "2024")
                 if r["code"] == "TOTAL")
    assert (total["rank"], total["n"], total["derived"]) == ("32", "61", "True")
    assert cli_rows(capsys, "scores", "--year", "2021", "--province", "Quảng Ninh") == []
    assert cli_rows(capsys, "scores", "--year", "2024", "--province", "Vĩnh Phúc") == []


def test_a_new_database_made_by_ingest_names_the_lead_agencies(workbook, tmp_path, capsys):
    db = tmp_path / "new.duckdb"
    assert main(["ingest", str(workbook), "--db", str(db)]) == 0
    capsys.readouterr()
    rows = cli_rows(capsys, "flags", "--province", "Hòa Bình", "--year", "2023", "--db", str(db))
    assert rows and all(row["lead_agency"] for row in rows)
    assert next(r for r in rows if r["code"] == "6.2")["lead_agency"] == "Sở Giáo dục và Đào tạo"
