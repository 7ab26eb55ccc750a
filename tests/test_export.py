"""Meeting exports checked against the database: the PPTX pack, chart images, Excel tables."""
import io
import os
import re
import shutil
import struct
import subprocess

import duckdb
import openpyxl
import pandas as pd
import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE

from papi_analysis import analysis, assignments, charts, plans, store
from papi_analysis.__main__ import main
from papi_analysis.export import excel, images
from papi_analysis.export import component_title
from papi_analysis.export.pack import PackRequest, meeting_pack
from tests.conftest import SHARED

DRAFT = SHARED / "reference" / "agency-assignment-draft.csv"


@pytest.fixture(scope="module")
def plan():
    rows = assignments.read_file(DRAFT)
    return assignments.Assignment(assignments.DEFAULT_PLAN, 2024, rows)


@pytest.fixture(scope="module")
def sources(ingested):
    with store.reader(ingested[0]) as con:
        return store.sources(con)


def slides_by_title(deck):
    return {slide.shapes[0].text_frame.paragraphs[0].text: slide for slide in deck.slides}


def charts_of(slide):
    return [shape.chart for shape in slide.shapes if shape.has_chart]


def db_value(db, year, province, code):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT value FROM scores WHERE year=? AND province_code=? AND code=? "
                           "AND statistic='score' AND weighting='unweighted'", [year, province, code]).fetchone()[0]
    finally:
        con.close()


def test_pack_slides_charts_and_values(ingested, panel, plan, sources):
    deck = Presentation(io.BytesIO(meeting_pack(panel, plan, PackRequest(17, 2023, "vi"), sources)))
    titles = list(slides_by_title(deck))
    # Hòa Bình merged into Phú Thọ in 2025: a former province, named so as the reports name it
    assert titles[:3] == ["Chỉ số PAPI 2023: Hòa Bình (cũ)", "Tổng quan: Hòa Bình (cũ) 2023",
                          "Chỉ số nội dung 1: Tham gia của người dân ở cấp cơ sở"]
    assert titles[-1] == "Nguồn số liệu và lưu ý"
    assert sum(t.startswith("Chỉ số nội dung ") for t in titles) == 8
    assert {plans.agency_label(a, "vi") for a in plan.agencies()} <= set(titles)  # one slide per lead agency
    assert "Sở Thông tin và Truyền thông (nay là Sở Khoa học và Công nghệ)" in titles  # a plan of 2024, read today
    overview = charts_of(slides_by_title(deck)["Tổng quan: Hòa Bình (cũ) 2023"])[0]
    assert overview.chart_type == XL_CHART_TYPE.COLUMN_CLUSTERED
    province_series = overview.plots[0].series[0]
    assert province_series.name == "Hòa Bình (cũ)"
    expected = [db_value(ingested[0], 2023, 17, f"D{i}") for i in range(1, 9)]
    assert list(province_series.values) == pytest.approx(expected)
    d6 = charts_of(slides_by_title(deck)["Chỉ số nội dung 6: Cung ứng dịch vụ công"])[0]
    assert list(d6.plots[0].series[0].values) == pytest.approx(
        [db_value(ingested[0], 2023, 17, f"6.{i}") for i in range(1, 5)])
    national = panel.year_rows(2023).query("code == '6.2'").score.mean()
    assert d6.plots[0].series[1].values[1] == pytest.approx(national)


def test_flag_slides_name_the_assigned_agencies(panel, plan, sources):
    deck = Presentation(io.BytesIO(meeting_pack(panel, plan, PackRequest(17, 2023, "vi"), sources)))
    rows = []
    for title, slide in slides_by_title(deck).items():
        if title.startswith("Nội dung cần cải thiện"):
            table = next(shape.table for shape in slide.shapes if shape.has_table)
            rows += [[cell.text for cell in row.cells] for row in list(table.rows)[1:]]
    flagged = analysis.flags(panel, 17, 2023)
    assert len(rows) == len(flagged)
    for (component, _, _, lead), (_, row) in zip(rows, flagged.iterrows()):
        assert component == component_title(row, "vi")
        assert lead == (plans.agency_label(plan.lead(row.code), "vi") or "–")
    assert rows[1][0] == "6.2 Giáo dục tiểu học công lập" and rows[1][3] == "Sở Giáo dục và Đào tạo"


def test_pack_narrowed_to_an_agency_in_english(panel, plan, sources):
    deck = Presentation(io.BytesIO(meeting_pack(panel, plan, PackRequest(17, 2023, "en", "Sở Y tế"), sources)))
    titles = list(slides_by_title(deck))
    assert titles == ["PAPI 2023: Hoa Binh (former)", "Overview: Hoa Binh (former) 2023",
                      "Dimension 4: Control of Corruption in the Public Sector", "Dimension 6: Public Service Delivery",
                      "Components needing attention: Hoa Binh (former) 2023", "Department of Health",
                      "Sources and caveats"]
    agency_slide = slides_by_title(deck)["Department of Health"]
    table = next(shape.table for shape in agency_slide.shapes if shape.has_table)
    assert [row.cells[0].text.split(" ")[0] for row in list(table.rows)[1:]] == ["4.2", "6.1"]


def test_cli_export_pack(ingested_copy, tmp_path, capsys):
    out = tmp_path / "pack.pptx"
    assert main(["export-pack", "--province", "Hoà Bình", "--year", "2019", "--out", str(out), "--lang", "en",
                 "--db", str(ingested_copy)]) == 0
    assert slides_by_title(Presentation(out))["PAPI 2019: Hoa Binh (former)"]
    with pytest.raises(SystemExit, match="no data for 2014"):
        main(["export-pack", "--province", "17", "--year", "2014", "--out", str(out), "--db", str(ingested_copy)])


def test_excel_round_trip(panel, sources):
    card = analysis.scorecard(panel, 17, 2023)[["code", "name_vi", "score", "rank", "n", "change"]]
    content = excel.workbook({"Bảng điểm Hòa Bình 2023": card}, sources, "vi")
    back = pd.read_excel(io.BytesIO(content), sheet_name="Bảng điểm Hòa Bình 2023", engine="openpyxl")
    assert list(back.code) == list(card.code)
    assert back.score.tolist() == pytest.approx(card.score.tolist())
    assert back.change.isna().tolist() == card.change.isna().tolist()  # no data stays empty, not 0
    book = openpyxl.load_workbook(io.BytesIO(content))
    sheet = book["Bảng điểm Hòa Bình 2023"]
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.bold and sheet["C2"].number_format == "0.00"
    notes = [row[0] for row in book["Ghi chú"].iter_rows(values_only=True)]
    assert any("không trọng số" in str(n) for n in notes)
    assert any(row[1] == "PAPI-2015-2023.xlsx" for row in book["Ghi chú"].iter_rows(values_only=True))


needs_browser = pytest.mark.skipif(images.browser_path() is None and not os.environ.get("CI"),
                                   reason="Chromium is not installed")


@needs_browser
def test_png_has_the_requested_size_and_svg_the_title(panel):
    figure = charts.dimensions_against_nation(analysis.scorecard(panel, 17, 2023), 17, 2023, "vi")
    png = images.image(figure, "png", width=800, height=450, scale=2)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (1600, 900)
    svg = images.image(figure, "svg").decode("utf-8")
    assert "Hòa Bình 2023: 8 chỉ số nội dung so" in svg and "với cả nước" in svg  # a title wrapped over two lines


@needs_browser
def test_batched_images_match_one_at_a_time(panel):
    figures = [charts.ranking_bar(analysis.ranking(panel, 2023, code).assign(province=lambda t: t.province), "Hòa Bình",
                                  code, 2023, "en") for code in ("D1", "D2")]
    batch = images.images(figures, "svg")
    assert len(batch) == 2 and b"D1" in batch[0] and b"D2" in batch[1]


def test_without_a_browser_the_export_says_what_is_missing(monkeypatch):
    monkeypatch.setattr(images, "browser_path", lambda: None)
    with pytest.raises(images.ExportUnavailable, match="needs Chromium or Chrome"):
        images.image(charts.go.Figure())


def test_zero_has_no_sign():
    from papi_analysis.i18n import number, signed
    assert [number(-0.001, "vi"), number(-0.004, "en"), signed(-0.004, "vi"), signed(0.16, "vi"), signed(-0.35, "vi")] \
        == ["0,00", "0.00", "0,00", "+0,16", "−0,35"]


def test_every_slide_is_titled_in_its_title_placeholder(panel, plan, sources):
    deck = Presentation(io.BytesIO(meeting_pack(panel, plan, PackRequest(17, 2024, "vi"), sources)))
    for slide in deck.slides:
        assert slide.shapes.title is not None and slide.shapes.title.text  # outline view, screen readers
    texts = [shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame]
    cells = [c.text for slide in deck.slides for s in slide.shapes if s.has_table for r in s.table.rows for c in r.cells]
    assert not [t for t in texts + cells if re.search(r"[-−]0,00\b", t)]


def test_the_pack_has_a_slide_of_the_plan_s_targets(ingested_copy, tmp_path):
    from tests.test_plans import build_appendix
    assert main(["plan", "import", str(build_appendix(tmp_path / "phu-luc.xlsx")), "--name", "Kế hoạch 123/KH-UBND",
                 "--year", "2024", "--province", "Hòa Bình", "--db", str(ingested_copy)]) == 0
    out = tmp_path / "pack.pptx"
    assert main(["export-pack", "--province", "Hòa Bình", "--year", "2024", "--out", str(out),
                 "--db", str(ingested_copy)]) == 0
    slide = slides_by_title(Presentation(out))["Chỉ tiêu của Kế hoạch số 123/KH-UBND ngày 05/6/2024: kết quả năm 2024"]
    table = next(shape.table for shape in slide.shapes if shape.has_table)
    rows = {row.cells[0].text: [c.text for c in row.cells][1:] for row in list(table.rows)[1:]}
    assert rows["6.2 Giáo dục tiểu học công lập"] == ["Đạt từ 1,50 điểm trở lên", "1,45", "Không đạt",
                                                     "Sở Giáo dục và Đào tạo"]
    assert rows["Chỉ số PAPI tổng hợp"][2] == "Không đạt"
    assert any("7 chỉ tiêu: " in shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
    if shutil.which("soffice") is None:
        return  # LibreOffice Impress prints it below, where installed
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), str(out)], capture_output=True, timeout=300)
    if not (tmp_path / "pack.pdf").exists():
        pytest.skip("LibreOffice has no Impress here (libreoffice-impress-nogui): the pack was not printed")
    from pypdf import PdfReader
    printed = " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(tmp_path / "pack.pdf").pages)
    for expected in ("Chỉ số PAPI 2024: Hòa Bình (cũ)", "Chỉ tiêu của Kế hoạch số 123/KH-UBND", "1,45", "Không đạt"):
        assert expected in printed
