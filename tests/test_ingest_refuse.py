"""Published figures are never overwritten by mistake; refusals are typed and rendered in the reader's language;
tables come in the layouts people hand over (CSV, a panel with a year column), statistic and label columns
named and never loaded as scores."""
import csv

import openpyxl
import pytest

from papi_analysis.__main__ import main
from papi_analysis.ingest import IngestError, ingest
from tests.conftest import file_digest
from tests.test_ingest_values import findings, one, report_for, score

HOA_BINH = 17


@pytest.fixture(scope="module")
def changed_workbook(tmp_path_factory, workbook):
    """The official workbook with Hòa Bình's 2019 '1.1' raised by 0.25. Loaded with data_only: its *_Process
    sheets hold formulas, and openpyxl would save them without their cached values."""
    book = openpyxl.load_workbook(workbook, data_only=True)
    sheet = book["2019"]
    column = next(c for c in range(1, sheet.max_column + 1) if sheet.cell(2, c).value == "Hòa Bình")
    row = next(r for r in range(1, 40) if str(sheet.cell(r, 1).value).startswith("1.1:"))
    cell = sheet.cell(row, column)
    original = cell.value
    cell.value = original + 0.25
    path = tmp_path_factory.mktemp("changed") / "PAPI-2015-2023-sua.xlsx"
    book.save(path)
    return path, cell.coordinate, original


def test_a_changed_published_figure_is_refused_naming_the_year_and_cell(ingested_copy, changed_workbook, capsys):
    path, cell, original = changed_workbook
    before = file_digest(ingested_copy)
    assert main(["ingest", str(path), "--db", str(ingested_copy), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert file_digest(ingested_copy) == before
    assert "published_figures_differ" in err and f"sheet '2019', cell {cell}" in err
    assert "2019 already holds published figures" in err and "would change 1 of them" in err
    assert f"1.1 Hoa Binh ({cell}): {original:.4f} → {original + 0.25:.4f}" in err and "--replace" in err
    assert "Traceback" not in err
    assert main(["ingest", str(path), "--db", str(ingested_copy)]) == 2  # Vietnamese by default
    err = capsys.readouterr().err
    assert "năm 2019 đã có số liệu công bố" in err and f"ô {cell}" in err and "không thay đổi" in err
    assert file_digest(ingested_copy) == before


def test_the_refusal_is_typed(ingested_copy, changed_workbook):
    path, cell, original = changed_workbook
    with pytest.raises(IngestError) as refused:
        ingest([path], ingested_copy)
    error = refused.value
    assert (error.code, error.sheet, error.cells) == ("published_figures_differ", "2019", [cell])
    assert (error.params["years"], error.params["count"], error.params["changed"]) == ("2019", 1, 1)
    assert error.params["examples"] == [[2019, cell, HOA_BINH, "1.1", original, pytest.approx(original + 0.25)]]


def test_replace_loads_the_changed_figure(ingested_copy, changed_workbook, capsys):
    path, cell, original = changed_workbook
    assert main(["ingest", str(path), "--db", str(ingested_copy), "--replace", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "[2019]: replaced" in out and "[2018]: no change" in out
    assert score(ingested_copy, 2019, HOA_BINH, "1.1") == pytest.approx(original + 0.25)
    assert one(ingested_copy, "SELECT count(*) FROM sources WHERE year = 2019 AND status = 'loaded'")[0][0] == 1


def test_the_same_workbook_again_changes_nothing(ingested_copy, workbook, capsys):
    before = file_digest(ingested_copy)
    assert main(["ingest", str(workbook), "--db", str(ingested_copy), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert file_digest(ingested_copy) == before
    for year in (2015, 2019, 2023):
        assert f"[{year}]: no change" in out
    assert "no change" in out and "years loaded: none" in out


def test_a_compilation_never_replaces_a_published_year(ingested_copy):
    from tests.conftest import COMPILATION
    report = ingest([COMPILATION], ingested_copy)
    assert findings(report_for(report, "2023.csv"), "official_kept")
    assert report_for(report, "2020.csv").status == "no change"


# ---- panels and CSV tables -------------------------------------------------------------------------------

def _published(workbook, year: str) -> dict[str, dict[str, float]]:
    """{province: {label: figure}} of a year's dimensions and sub-dimensions, as the official sheet has them
    (Vietnamese labels; 2022 has an English label column first)."""
    book = openpyxl.load_workbook(workbook, read_only=True, data_only=True)
    rows = list(book[year].iter_rows(values_only=True))
    first = next(j for j, value in enumerate(rows[0]) if isinstance(value, int))  # the 'Mã tỉnh' row's first code
    names = rows[1]
    figures: dict[str, dict[str, float]] = {}
    for row in rows:
        label = next((str(v) for v in row[:first] if isinstance(v, str) and (
            v.startswith("Chỉ số nội dung") or (v[:1].isdigit() and v[1:2] == "." and ":" in v[:5]))), None)
        for name, value in zip(names[first:], row[first:]) if label else ():
            if name and isinstance(value, float) and value > 0:
                figures.setdefault(name, {})[label] = value
    return figures


def _code(label: str) -> str:
    return f"D{label.split(':')[0][-1]}" if label.startswith("Chỉ số") else label.split(":")[0]


@pytest.fixture(scope="module")
def panel_rows(workbook):
    """A panel as an analyst writes one: a row per province and year, components by code (5.2 blank in 2022,
    after the publishers dropped it), a rank, a region, a group, a respondent count and a row number beside them."""
    years = {year: _published(workbook, year) for year in ("2019", "2022")}
    codes = list(dict.fromkeys(_code(label) for published in years.values() for figures in published.values()
                               for label in figures))
    header = ["STT", "Tỉnh", "Năm", *codes, "Xếp hạng D1", "Vùng", "Nhóm", "Số quan sát"]
    rows = []
    for year, published in years.items():
        for province, figures in published.items():
            by_code = {_code(label): value for label, value in figures.items()}
            rows.append([len(rows) + 1, province, int(year), *[by_code.get(code, "") for code in codes],
                         7, "Tây Bắc", "Cao", 420])
    return header, rows


def test_a_panel_csv_loads_each_year_as_published_and_never_ranks_or_labels(panel_rows, ingested, tmp_path):
    header, rows = panel_rows
    path = tmp_path / "papi-panel.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *rows])
    db = tmp_path / "panel.duckdb"
    report = ingest([path], db)
    assert report.years_loaded == [2019, 2022]
    query = "SELECT year, province_code, code, value FROM scores WHERE statistic = 'score' AND year IN (2019, 2022)"
    official = {row[:3]: row[3] for row in one(ingested[0], query)}
    compared = one(db, query)
    assert len(compared) > 2 * 60 * 30
    for year, province, code, value in compared:
        assert value == pytest.approx(official[(year, province, code)], abs=1e-6), (year, province, code)
    line = next(s for s in report.sheets if s.year == 2019)
    kinds = {f.params["label"]: f.params["holds"] for f in line.findings if f.code == "label_column"}
    assert kinds == {"STT": "id", "Xếp hạng D1": "rank", "Vùng": "region", "Nhóm": "group", "Số quan sát": "count"}
    assert one(db, "SELECT count(*) FROM scores WHERE value IN (7, 420)")[0][0] == 0
    stt = next(f for f in line.findings if f.code == "label_column" and f.params["label"] == "STT")
    assert stt.cells == [f"A2:A{1 + sum(1 for r in rows if r[2] == 2019)}"]
    assert {s.status for s in ingest([path], db).sheets} == {"no change"}


def test_a_panel_workbook_by_name_equals_the_stored_published_figures(workbook, ingested_copy, tmp_path):
    """Headers by name, as the official sheet labels them; against the database that holds the workbook: no change."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Panel"
    sheet.append(["Bảng tổng hợp điểm PAPI theo tỉnh và năm"])
    years = {year: _published(workbook, year) for year in ("2019", "2022")}
    labels = {}  # code -> the label it is first published under (2019's wording; 5.2 only in 2019)
    for published in years.values():
        for label in next(iter(published.values())):
            labels.setdefault(_code(label), label)
    sheet.append(["Tỉnh/Thành phố", "Năm", *labels.values()])
    for year, published in years.items():
        for province, figures in published.items():
            by_code = {_code(label): value for label, value in figures.items()}
            sheet.append([province, int(year), *[by_code.get(code) for code in labels]])
    path = tmp_path / "panel.xlsx"
    book.save(path)
    before = file_digest(ingested_copy)
    report = ingest([path], ingested_copy)
    assert [(s.year, s.status) for s in report.sheets] == [(2019, "no change"), (2022, "no change")]
    assert file_digest(ingested_copy) == before


# ---- refusals in the reader's language, with what to do next -----------------------------------------------

def test_a_plan_appendix_is_sent_to_the_plan_page(ingested_copy, tmp_path, capsys):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["UBND TỈNH HÒA BÌNH"])
    sheet.append(["STT", "Nội dung", "Chỉ tiêu năm 2025", "Nhiệm vụ, giải pháp", "Cơ quan chủ trì", "Cơ quan phối hợp"])
    sheet.append(["1", "1.1: Tri thức công dân", "Tăng điểm", "Tuyên truyền", "Sở Tư pháp", "Sở Nội vụ"])
    path = tmp_path / "ke-hoach.xlsx"
    book.save(path)
    before = file_digest(ingested_copy)
    assert main(["ingest", str(path), "--db", str(ingested_copy)]) == 2
    err = capsys.readouterr().err
    assert "plan_appendix" in err and "phụ lục kế hoạch" in err and "trang Kế hoạch" in err
    assert "no PAPI table" not in err and file_digest(ingested_copy) == before
    with pytest.raises(IngestError) as refused:
        ingest([path], ingested_copy)
    assert refused.value.text("en").endswith("Load it on the Kế hoạch (Plan) page.")


def test_a_refusal_reads_in_vietnamese(ingested_copy, tmp_path, capsys):
    path = tmp_path / "trong.xlsx"
    openpyxl.Workbook().save(path)
    assert main(["ingest", str(path), "--db", str(ingested_copy), "--lang", "vi"]) == 2
    err = capsys.readouterr().err
    assert "error: no_table: Tệp 'trong.xlsx': không tìm thấy bảng PAPI nào" in err
    assert "no PAPI table" not in err


# ---- a year whose structure is new ------------------------------------------------------------------------

def test_numbered_components_new_in_a_year_load_as_published(ingested_copy, tmp_path, capsys):
    """PAPI 2025 may add components: a dimension 9 with its sub-dimension, and a 3.4, load as that year's own."""
    from tests.conftest import build_2025_workbook
    book = openpyxl.load_workbook(build_2025_workbook(tmp_path / "papi-2025.xlsx"))
    sheet = book.active
    units = sheet.max_column - 3
    sheet.append(["Dimension 9: Digital Transformation", "Chỉ số nội dung 9: Chuyển đổi số", "1-10 điểm",
                  *[4 + (k % 30) / 10 for k in range(units)]])
    sheet.append(["Online Public Services", "9.1: Dịch vụ công trực tuyến", "0.33-3.33 điểm",
                  *[1 + (k % 20) / 10 for k in range(units)]])
    sheet.append(["Commune Responsiveness", "3.4: Phản hồi của chính quyền cấp xã", "0.25-2.5 điểm",
                  *[1 + (k % 10) / 10 for k in range(units)]])
    book.save(tmp_path / "papi-2025-moi.xlsx")
    report = ingest([tmp_path / "papi-2025-moi.xlsx"], ingested_copy)
    new = {f.params["code"]: f for f in findings(report.sheets[0], "new_component")}
    assert set(new) == {"D9", "9.1", "3.4"} and new["D9"].params["year"] == 2025
    rows = {code: rest for code, *rest in one(ingested_copy, "SELECT code, level, parent, label_vi, label_en, scale_min, "
                                                           "scale_max FROM codebook WHERE year = 2025")}
    assert rows["D9"] == ["dimension", "TOTAL", "Chỉ số nội dung 9: Chuyển đổi số", "Dimension 9: Digital Transformation",
                          1.0, 10.0]
    assert rows["9.1"][:2] == ["subdimension", "D9"] and rows["3.4"][:3] == ["subdimension", "D3",
                                                                            "3.4: Phản hồi của chính quyền cấp xã"]
    assert main(["scores", "--db", str(ingested_copy), "--year", "2025", "--province", "Phú Thọ"]) == 0
    listed = {row["code"]: row for row in csv.DictReader(capsys.readouterr().out.splitlines())}
    assert listed["D9"]["component_en"] == "Dimension 9: Digital Transformation" and listed["D9"]["new_in"] == "2025"
    assert listed["3.4"]["new_in"] == "2025" and listed["D1"]["new_in"] == ""
    assert main(["scorecard", "--db", str(ingested_copy), "--year", "2025", "--province", "Phú Thọ"]) == 0
    card = {row["code"]: row for row in csv.DictReader(capsys.readouterr().out.splitlines())}
    assert card["9.1"]["name_vi"] == "9.1: Dịch vụ công trực tuyến" and card["9.1"]["n"] == "34"
    assert card["D9"]["prev_year"] == card["D9"]["change"] == ""  # never compared with an earlier year
