"""Vietnam since 1 July 2025: a table of the 34 units, continuity from the 63 provinces, the new departments."""
import csv
import io
import shutil

import pytest

from papi_analysis.__main__ import main
from papi_analysis.ingest import IngestError, ingest
from papi_analysis.units import UNITS, UNITS_34, resolve
from tests.conftest import build_2025_workbook, file_digest
from tests.test_ingest_values import one


@pytest.fixture(scope="module")
def with_2025(ingested, tmp_path_factory):
    """The bundled years and a 2025 table of the 34 units (Cao Bằng blank; Quảng Ninh, whose stand-in
    figures are 2023's, has none either)."""
    folder = tmp_path_factory.mktemp("units")
    db = folder / "db.duckdb"
    shutil.copyfile(ingested[0], db)
    report = ingest([build_2025_workbook(folder / "papi-2025.xlsx")], db)
    return db, report


def cli(capsys, *args):
    code = main(list(args))
    captured = capsys.readouterr()
    return code, list(csv.DictReader(io.StringIO(captured.out))), captured.err


def test_a_2025_table_is_read_as_the_34_units_with_their_new_codes(with_2025):
    db, report = with_2025
    line = report.sheets[0]
    assert (line.status, line.year, line.provinces) == ("loaded", 2025, 32)
    stored = set(one(db, "SELECT DISTINCT province_code FROM scores WHERE year = 2025"))
    assert all(code >= 100 for (code,) in stored)  # never under a former province, though names and codes match
    assert one(db, "SELECT count(*) FROM scores WHERE year = 2025 AND province_code < 100")[0][0] == 0


def test_scores_list_each_unit_under_its_2025_name_and_code(with_2025, capsys):
    code, rows, _ = cli(capsys, "scores", "--db", str(with_2025[0]), "--year", "2025", "--level", "total")
    units = {row["province"]: row["province_code"] for row in rows}
    assert code == 0 and len(units) == 32 and units["Lào Cai"] == "15" and units["Phú Thọ"] == "25"
    assert "Hòa Bình" not in units and "Cao Bằng" not in units  # merged; blank in the table
    assert {row["unit_set"] for row in rows} == {UNITS_34.key}


def test_a_units_scorecard_ranks_among_units_and_compares_with_its_2024_estimate(with_2025, capsys):
    code, rows, _ = cli(capsys, "scorecard", "--db", str(with_2025[0]), "--province", "Phú Thọ", "--year", "2025")
    total = next(row for row in rows if row["code"] == "TOTAL")
    assert code == 0 and total["n"] == "32" and 1 <= int(total["rank"]) <= 32
    assert total["prev_year"] == "2024" and total["prev_estimate"] == "True" and total["prev_partial"] == "True"
    assert float(total["prev_score"]) != pytest.approx(44.4145, abs=1e-3)  # not the former, smaller Phú Thọ's
    _, former, _ = cli(capsys, "scorecard", "--db", str(with_2025[0]), "--province", "Phú Thọ", "--year", "2024")
    assert float(next(r for r in former if r["code"] == "TOTAL")["score"]) == pytest.approx(44.4145, abs=1e-4)


def test_a_former_province_leads_to_its_unit(with_2025, capsys):
    code, rows, err = cli(capsys, "scorecard", "--db", str(with_2025[0]), "--province", "Hòa Bình", "--year", "2025")
    assert code == 0 and "Hòa Bình is part of Phú Thọ since 1 July 2025" in err
    assert resolve("Hòa Bình", 2025).unit.name_vi == "Phú Thọ" and resolve("Hòa Bình", 2024).unit.code == 17
    assert resolve("15", 2025).unit.name_vi == "Lào Cai" and resolve("15", 2024).unit.name_vi == "Yên Bái"
    assert resolve("Thành phố Hồ Chí Minh", 2025).unit.official_code == 79 and resolve("TP. Huế", 2025).unit.code == 146


def test_flags_of_a_unit_name_only_the_departments_that_remain(with_2025, capsys):
    code, rows, _ = cli(capsys, "flags", "--db", str(with_2025[0]), "--province", "Phú Thọ", "--year", "2025")
    named = {a.strip() for row in rows for a in (row["lead_agency"] + ";" + row["supporting_agencies"]).split(";")
             if a.strip()}
    assert code == 0 and rows and "Ủy ban nhân dân cấp huyện" not in named and "Sở Thông tin và Truyền thông" not in named
    assert "nay là" not in " ".join(named) and "Ủy ban nhân dân cấp xã" in named


def test_a_plan_of_2024_shows_each_abolished_departments_successor(ingested, capsys):
    code, rows, _ = cli(capsys, "flags", "--db", str(ingested[0]), "--province", "Hòa Bình", "--year", "2023")
    e_gov = next(row for row in rows if row["code"] == "8.2")
    assert e_gov["lead_agency"] == "Sở Thông tin và Truyền thông (nay là Sở Khoa học và Công nghệ)"


def test_every_unit_has_an_estimate_for_the_years_before(with_2025):
    from papi_analysis import analysis, store
    with store.reader(with_2025[0]) as con:
        panel = analysis.Panel.load(con)
    estimates = panel.year_rows(2023, UNITS_34.key)
    totals = estimates[estimates.code == "TOTAL"]
    assert totals.estimate.all() and set(totals.province_code) == {u.code for u in UNITS} - {122}  # Quảng Ninh: none
    phu_tho = totals.set_index("province_code").loc[125]
    members = panel.year_rows(2023).query("code == 'TOTAL' and province_code in (17, 25, 26)")
    assert phu_tho.score == pytest.approx((members.score * members.observations).sum() / members.observations.sum())
    assert phu_tho.method == "weighted" and not phu_tho.partial and phu_tho["n"] == 33


def test_a_former_province_in_a_2025_table_refuses_the_call(ingested_copy, tmp_path):
    import openpyxl
    path = build_2025_workbook(tmp_path / "papi-2025.xlsx")
    book = openpyxl.load_workbook(path)
    book.active["P3"] = "Hòa Bình"  # in place of a unit
    book.save(path)
    before = file_digest(ingested_copy)
    with pytest.raises(IngestError, match="'Hòa Bình' is a province of before 1 July 2025 \\(now part of Phú Thọ\\)"):
        ingest([path], ingested_copy)
    assert file_digest(ingested_copy) == before


def test_the_meeting_pack_of_a_unit_before_2025_says_estimate(ingested, tmp_path, capsys):
    from pptx import Presentation
    out = tmp_path / "pack.pptx"
    assert main(["export-pack", "--province", "Hòa Bình", "--year", "2023", "--units", "--out", str(out),
                 "--db", str(ingested[0])]) == 0
    deck = Presentation(out)
    texts = [shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame]
    assert texts[0].startswith("Chỉ số PAPI 2023: Phú Thọ (ước tính)")
    assert any("số liệu năm 2023 là ƯỚC TÍNH từ các tỉnh cũ (Phú Thọ, Vĩnh Phúc, Hòa Bình)" in t for t in texts)


def test_changes_into_2025_list_the_units_against_their_2024_estimates(with_2025, capsys):
    code, rows, _ = cli(capsys, "changes", "--db", str(with_2025[0]), "--from", "2024", "--to", "2025")
    units = {row["province"]: row for row in rows}
    assert code == 0 and len(rows) == 34 and set(units) == {unit.name_vi for unit in UNITS}
    assert "Hòa Bình" not in units and {row["unit_set"] for row in rows} == {UNITS_34.key}
    phu_tho = units["Phú Thọ"]  # Phú Thọ, Vĩnh Phúc and Hòa Bình: 2024 estimated without Vĩnh Phúc's figures
    assert (phu_tho["estimate_2024"], phu_tho["partial_2024"], phu_tho["estimate_2025"]) == ("True", "True", "False")
    assert float(phu_tho["change"]) == pytest.approx(float(phu_tho["score_2025"]) - float(phu_tho["score_2024"]),
                                                     abs=1e-3)
    assert units["Cao Bằng"]["score_2025"] == "" and units["Cao Bằng"]["change"] == ""  # blank in the table: no data
    assert int(phu_tho["rank_2024"]) <= 34  # ranked among the units' estimates, not the 63 provinces


def test_changes_before_2025_stay_with_the_63_provinces_unless_asked(with_2025, capsys):
    _, rows, _ = cli(capsys, "changes", "--db", str(with_2025[0]), "--from", "2023", "--to", "2024")
    assert len(rows) == 63 and {row["estimate_2024"] for row in rows} == {"False"}
    _, rows, _ = cli(capsys, "changes", "--db", str(with_2025[0]), "--from", "2023", "--to", "2024", "--units")
    assert len(rows) == 34 and {row["estimate_2023"] for row in rows} == {"True"}
