"""The CLI's output shape, which other tools depend on."""
import csv
import io
import json

import pytest

from papi_analysis.__main__ import main


def run(capsys, *args):
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_ingest_prints_a_summary_per_sheet(tmp_path, workbook, capsys):
    code, out, _ = run(capsys, "ingest", str(workbook), "--db", str(tmp_path / "db.duckdb"), "--lang", "en")
    assert code == 0
    assert "PAPI-2015-2023.xlsx [2019]: loaded - year 2019, indicator-per-row, published, 63 provinces, 11003 values" in out
    assert "PAPI-2015-2023.xlsx [2021]: skipped - year 2021" in out
    assert "sheet_repeats_sheet: Skipped: repeats the figures of sheet '2019'" in out
    assert out.strip().endswith("years loaded: 2015, 2016, 2017, 2018, 2019, 2022, 2023")


def test_ingest_reports_findings_in_vietnamese_by_default(tmp_path, workbook, capsys):
    code, out, _ = run(capsys, "ingest", str(workbook), "--db", str(tmp_path / "db.duckdb"))
    assert code == 0
    assert "sheet_repeats_sheet: Bỏ qua: lặp lại số liệu của trang '2019'" in out
    assert "outside_scale [R7, U7]: TOTAL" in out and "R7 (Bắc Giang) = 0,0000" in out


def test_scores_csv_columns_and_values(ingested, capsys):
    code, out, _ = run(capsys, "scores", "--db", str(ingested[0]), "--year", "2023", "--province", "Hoà Bình",
                       "--level", "dimension")
    rows = list(csv.reader(io.StringIO(out)))
    assert code == 0
    assert rows[0][:6] == ["year", "province_code", "province", "level", "code", "score"]
    assert [r[4] for r in rows[1:]] == [f"D{i}" for i in range(1, 9)]
    assert rows[1][:5] == ["2023", "17", "Hòa Bình", "dimension", "D1"]
    assert float(rows[1][5]) == pytest.approx(5.15765380859375)


def test_scores_filter_by_code_and_level(ingested, capsys):
    _, out, _ = run(capsys, "scores", "--db", str(ingested[0]), "--year", "2019", "--province", "1",
                    "--level", "total")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["code"], r["level"]) for r in rows] == [("TOTAL", "total")]
    assert float(rows[0]["score"]) == pytest.approx(41.533, abs=1e-3)  # the unweighted total, not 43.524


def test_missing_values_are_not_printed(ingested, capsys):
    _, out, _ = run(capsys, "scores", "--db", str(ingested[0]), "--year", "2023", "--province", "Quảng Ninh")
    assert out.strip().splitlines() == ["year,province_code,province,level,code,score,component_vi,component_en,"
                                        "parent,source_file,source_sheet,source_cell,derived,source_origin,unit_set,new_in"]
    _, out, _ = run(capsys, "scores", "--db", str(ingested[0]), "--year", "2022", "--level", "total")
    codes = [r["province_code"] for r in csv.DictReader(io.StringIO(out))]
    assert len(codes) == 61 and "24" not in codes and "27" not in codes  # Bắc Giang, Bắc Ninh published 0


def test_scores_json(ingested, capsys):
    _, out, _ = run(capsys, "scores", "--db", str(ingested[0]), "--year", "2018", "--province", "Ha Noi",
                    "--level", "subdimension", "--format", "json")
    records = json.loads(out)
    assert len(records) == 28 and records[0]["code"] == "1.1" and records[0]["province"] == "Hà Nội"
    assert "8.3" not in {r["code"] for r in records}  # introduced in 2019


def test_unknown_province_argument(ingested, capsys):
    with pytest.raises(SystemExit, match="unknown province 'Gotham'"):
        main(["scores", "--db", str(ingested[0]), "--province", "Gotham"])


def test_indicators_where_lower_is_better_rank_the_other_way(ingested, capsys):
    code, out, _ = run(capsys, "scorecard", "--db", str(ingested[0]), "--province", "Hòa Bình", "--year", "2023",
                       "--indicators", "--format", "csv")
    rows = {r["code"]: r for r in csv.DictReader(io.StringIO(out))}
    assert code == 0 and "better" in rows["TOTAL"]
    travel = rows["6.2.2"]  # minutes to school: 10 against a national mean of 7.3, the longest (25 provinces tie)
    assert travel["name_vi"].startswith("Quãng thời gian tới trường")
    assert (travel["better"], travel["rank"], travel["rank_last"], travel["n"]) == ("lower", "37", "61", "61")
    assert float(travel["national_best"]) == 5.0 and travel["best_province"] != "17"
    assert rows["6.2.3"]["better"] == "higher" and rows["TOTAL"]["better"] == "higher"
    victims = rows["6.4.3"]  # a share of crime victims: fewer is better
    assert victims["better"] == "lower" and int(victims["rank"]) == 15


RANKING_HEAD = ["province_code", "province", "code", "score", "rank", "rank_last", "n", "group"]


def test_ranking_lists_a_year_as_the_publishers_print_it(ingested, capsys):
    code, out, _ = run(capsys, "ranking", "--db", str(ingested[0]), "--year", "2019")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and list(rows[0])[:8] == RANKING_HEAD
    assert list(rows[0])[8:14] == ["cutoff_high", "cutoff_mid", "cutoff_low", "next_group_cutoff",
                                   "points_to_next_group", "borderline"]
    assert {r["code"] for r in rows} == {"TOTAL", *(f"D{i}" for i in range(1, 9))}  # the total and the dimensions
    totals = [r for r in rows if r["code"] == "TOTAL"]
    assert [sum(r["group"] == str(g) for r in totals) for g in (1, 2, 3, 4)] == [16, 16, 15, 16]
    vinh_long = next(r for r in totals if r["province"] == "Vĩnh Long")
    assert (vinh_long["rank"], vinh_long["n"], vinh_long["group"]) == ("48", "63", "4")


def test_ranking_of_one_component_in_json(ingested, capsys):
    code, out, _ = run(capsys, "ranking", "--db", str(ingested[0]), "--year", "2022", "--code", "D6", "--format", "json")
    records = json.loads(out)
    quang_tri = next(r for r in records if r["province"] == "Quảng Trị")
    assert code == 0 and len(records) == 63 and [r["rank"] for r in records[:3]] == [1, 2, 3]
    assert (quang_tri["score"], quang_tri["group"], quang_tri["group_basis"]) == (7.2275, 4, "publishers")
    assert quang_tri["points_to_next_group"] == 0.0009  # P25, 7,2285: Hà Nội's 7,2294 is above it
    _, out, _ = run(capsys, "ranking", "--db", str(ingested[0]), "--year", "2024", "--code", "6.3")
    hoa_binh = next(r for r in csv.DictReader(io.StringIO(out)) if r["province"] == "Hòa Bình")
    assert (hoa_binh["group"], hoa_binh["points_to_next_group"], hoa_binh["group_basis"]) == ("4", "0.0334", "dashboard")


def test_ranking_of_a_year_without_figures_is_refused(ingested, capsys):
    with pytest.raises(SystemExit, match="no figures for 2009"):
        main(["ranking", "--db", str(ingested[0]), "--year", "2009"])
