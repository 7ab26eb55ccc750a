"""A plan's appendix (Chỉ tiêu, nhiệm vụ, giải pháp) imported as provinces type it, and its targets tracked."""
import csv
import io
import json
import zipfile
from datetime import date

import openpyxl
import pytest
from docx import Document

from papi_analysis import analysis, assignments, plans, store, targets
from papi_analysis.__main__ import main
from papi_analysis.codebook import subdimensions_in
from papi_analysis.targets import MET, NOT_MET, NOT_UNDERSTOOD, parse

HEADER = ["STT", "Chỉ số nội dung / nội dung thành phần", "Kết quả năm 2023", "Chỉ tiêu năm 2024",
          "Nhiệm vụ, giải pháp", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện"]
SECTION = "section"  # a merged heading row: its text in A or B, the rest of the row merged into it
ROWS = [  # as Hòa Bình's appendix to Kế hoạch 123/KH-UBND might read, typed by the province's office
    (SECTION, "A", "CHỈ TIÊU CHUNG"),
    ["", "Chỉ số PAPI tổng hợp", "43,55 điểm; xếp thứ 20/61", "Tăng ít nhất 01 bậc (so với năm trước)",
     "Triển khai đồng bộ các giải pháp", "Sở Nội vụ", "Các sở, ban, ngành;\nUBND các huyện, thành phố", "Cả năm"],
    (SECTION, "B", "CHỈ TIÊU, NHIỆM VỤ THEO TỪNG CHỈ SỐ NỘI DUNG"),
    ["I", "Tham gia của người dân ở cấp cơ sở", 5.16, "Không giảm điểm", "", "Sở Nội vụ", "", "Cả năm"],
    [1, "Tri thức công dân", 0.92, "Đạt từ 1,00 điểm trở lên", "Tuyên truyền, phổ biến pháp luật", "Sở Tư pháp",
     "Sở Thông tin và Truyền thông", "Quý II/2024"],
    ["VI", "Cung ứng dịch vụ công", 7.19, "Đạt từ 7,30 điểm trở lên", "", "Sở Y tế",
     "Sở Giáo dục và Đào tạo; Sở Xây dựng", "Cả năm"],
    [2, "Giáo dục tiểu học công lập", 1.41, "Đạt từ 1,50 điểm trở lên", "Nâng cấp trường lớp",
     "Sở Giáo dục và Đào tạo", "UBND các huyện", "Năm học 2024-2025"],
    [3, "Cơ sở hạ tầng căn bản", 1.81, "Thoát khỏi nhóm thấp nhất", "Đầu tư điện, nước, đường",
     "Sở Xây dựng", "Sở Công Thương", "Cả năm"],
    ["VIII", "Quản trị điện tử", 3.15, "Cải thiện rõ rệt", "Phát triển cổng dịch vụ công",
     "Sở Thông tin và Truyền thông", "Văn phòng UBND tỉnh", "Cả năm"],
    (SECTION, "C", "NHIỆM VỤ CHUNG"),
    [1, "Tổ chức sơ kết, đánh giá việc thực hiện kế hoạch", "", "", "Báo cáo UBND tỉnh", "Sở Nội vụ", "",
     "Tháng 12/2024"],  # a general task: it names no component
]
PLAN_ROWS = sum(1 for row in ROWS if row[0] != SECTION)  # the rows a plan keeps: components and the general task
NOTES = ["Ghi chú: Kết quả năm 2023 theo Báo cáo PAPI 2023 (UNDP công bố tháng 4/2024); thứ hạng so với 61 tỉnh, "
         "thành phố có số liệu.", "- Các nội dung không nêu tại Phụ lục do Sở Nội vụ theo dõi chung."]
SIGNATURE = [("Nơi nhận:", "TM. ỦY BAN NHÂN DÂN"), ("- Như trên;", "KT. CHỦ TỊCH"), ("- Lưu: VT, NV.", "PHÓ CHỦ TỊCH"),
             (None, "(Đã ký)"), (None, "Nguyễn Văn Chương")]


def build_appendix(path):
    """Hòa Bình's 2024 appendix as a province's office types it in Excel: the letterhead beside the national motto,
    a merged title with the plan's number and date, the header, the column-numbering row "(1) … (8)", section
    headings merged across the table, Roman numerals on dimension rows and local numbers on sub-dimension rows,
    results typed as numbers, a general task, notes under the table and the signature block."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Phụ lục"
    sheet.append(["UBND TỈNH HÒA BÌNH", None, None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"])
    sheet.append([None, None, None, None, "Độc lập - Tự do - Hạnh phúc"])
    sheet.merge_cells("A1:C1"), sheet.merge_cells("E1:H1"), sheet.merge_cells("E2:H2")
    sheet.append([])
    for title in ("PHỤ LỤC", "CHỈ TIÊU, NHIỆM VỤ, GIẢI PHÁP NÂNG CAO CHỈ SỐ HIỆU QUẢ QUẢN TRỊ VÀ HÀNH CHÍNH CÔNG "
                             "(PAPI) TỈNH HÒA BÌNH NĂM 2024",
                  "(Kèm theo Kế hoạch số 123/KH-UBND ngày 05/6/2024 của Ủy ban nhân dân tỉnh Hòa Bình)"):
        sheet.append([title])
        sheet.merge_cells(f"A{sheet.max_row}:H{sheet.max_row}")
    sheet.append([])
    sheet.append(HEADER)
    sheet.append([f"({i})" for i in range(1, 9)])
    for row in ROWS:
        if row[0] == SECTION:
            sheet.append([row[1], row[2]])
            sheet.merge_cells(f"B{sheet.max_row}:H{sheet.max_row}")
        else:
            sheet.append(row)
    for note in NOTES:
        sheet.append([note])
        sheet.merge_cells(f"A{sheet.max_row}:H{sheet.max_row}")
    sheet.append([])
    for left, right in SIGNATURE:
        sheet.append([left, None, None, None, None, right])
    book.save(path)
    return path


def save_built_appendix(db, folder, province: int = 17) -> str:
    """The appendix built, read and stored whole (with its number and date) as 'Kế hoạch 123/KH-UBND'."""
    read = plans.read_appendix(build_appendix(folder / "phu-luc.xlsx"), "phu-luc.xlsx", 2024)
    store.write(db, lambda con: plans.save_appendix(con, read.name, read.year, read.rows, "phu-luc.xlsx", province,
                                                    read.number, read.date))
    return read.name


@pytest.fixture
def appendix(tmp_path):
    return build_appendix(tmp_path / "phu-luc-ke-hoach-123.xlsx")


def run(capsys, *args):
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_the_appendix_imports_with_every_row_kept(appendix, ingested_copy, capsys):
    # no --name and no --year: the title says "Kế hoạch số 123/KH-UBND ngày 05/6/2024" and "NĂM 2024"
    code, out, _ = run(capsys, "plan", "import", str(appendix), "--province", "Hòa Bình", "--db", str(ingested_copy))
    assert code == 0
    assert "stored plan 'Kế hoạch 123/KH-UBND' (2024): 8 rows, 7 components, 7 targets, 6 understood" in out
    assert "document: Kế hoạch số 123/KH-UBND ngày 05/6/2024" in out
    assert "row 20: names no component ('Tổ chức sơ kết, đánh giá việc thực hiện kế hoạch'); kept as a general task" in out
    assert "row 18: target not understood ('Cải thiện rõ rệt'); kept as text" in out
    assert "row 9: the column-numbering row; left out" in out
    assert "row 24: the signature block (and every row below it); left out" in out
    with store.reader(ingested_copy) as con:
        plan = assignments.load(con, "Kế hoạch 123/KH-UBND")
        kept = con.execute("SELECT count(*), count(code), max(deadline) FILTER (code = '6.2') FROM plan_targets "
                           "JOIN assignment_plans USING (plan_id) WHERE name = 'Kế hoạch 123/KH-UBND'").fetchone()
    # Roman numerals name the dimensions, local numbers under them the sub-dimensions (by name); a plan with
    # targets is an assignment too.
    assert plan.lead("D6") == "Sở Y tế" and plan.lead("6.2") == "Sở Giáo dục và Đào tạo" and plan.lead("1.1") == "Sở Tư pháp"
    assert plan.lead("TOTAL") == "Sở Nội vụ" and plan.supporting("6.3") == ["Sở Công Thương"]
    assert kept == (8, 7, "Năm học 2024-2025")
    assert plan.document() == "Kế hoạch số 123/KH-UBND ngày 05/6/2024" and plan.stored.province == 17


def test_the_form_s_own_rows_never_become_plan_rows(appendix):
    read = plans.read_appendix(appendix, appendix.name, 2024)
    assert read.skipped == [(9, "numbering"), (10, "section"), (12, "section"), (19, "section"), (21, "notes"),
                            (22, "notes"), (24, "footer")]
    assert [row.row for row in read.rows] == [11, 13, 14, 15, 16, 17, 18, 20]
    typed = {value for row in read.rows for value in (row.label, row.target, row.lead, row.previous)}
    assert not typed & {"(2)", "(4)", "(6)", "CHỈ TIÊU CHUNG", "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "(Đã ký)"}
    # results typed as numbers read as the province wrote them, not as 5.16 or 1.0
    assert [row.previous for row in read.rows][1:3] == ["5,16", "0,92"]
    general = read.rows[-1]
    assert (general.code, general.lead, general.deadline) == (None, "Sở Nội vụ", "Tháng 12/2024")
    assert (read.number, read.date, read.year, read.name) == ("123/KH-UBND", date(2024, 6, 5), 2024,
                                                              "Kế hoạch 123/KH-UBND")


@pytest.mark.parametrize("title, number, when", [
    ("(Kèm theo Kế hoạch số 45/KH-UBND ngày 05 tháng 02 năm 2025 của UBND tỉnh)", "45/KH-UBND", date(2025, 2, 5)),
    ("(Kèm theo Kế hoạch số: 07/KH-SNV ngày .../.../2025)", "07/KH-SNV", None),  # the date left for the signature
    ("PHỤ LỤC CHỈ TIÊU NĂM 2025", None, None),
])
def test_the_plan_s_number_and_date_are_read_from_the_title_when_it_gives_them(title, number, when):
    found_number, found_date, year = plans._title_facts([title])
    assert (found_number, found_date, year) == (number, when, 2025)


def test_a_general_task_with_a_target_is_never_judged_and_nothing_reading_the_plan_fails_on_it(panel):
    rows = [plans.AppendixRow(3, None, "Tổ chức sơ kết", "", "100% cơ quan báo cáo đúng hạn", "", "Sở Nội vụ", [], ""),
            plans.AppendixRow(4, "6.2", "Giáo dục tiểu học công lập", "", "Đạt từ 1,50 điểm trở lên", "", "", [], "")]
    tracked = targets.track(analysis.scorecard(panel, 17, 2024), rows)
    assert list(tracked.code) == ["6.2"]
    assert targets.by_agency(tracked).codes.tolist() == ["6.2"]  # a lead left blank: '–', never a crash


def test_the_appendix_template_is_read_back_as_the_year_s_components(tmp_path, capsys):
    path = tmp_path / "mau-phu-luc.xlsx"
    assert run(capsys, "plan", "template", str(path), "--year", "2025", "--db", str(tmp_path / "db.duckdb"))[0] == 0
    read = plans.read_appendix(path, path.name)
    assert read.year == 2025 and read.number is None
    assert [code for code in (row.code for row in read.rows)][:6] == ["TOTAL", "D1", "1.1", "1.2", "1.3", "1.4"]
    assert all(row.code for row in read.rows) and len(read.rows) == 1 + 8 + len(
        [c for codes in subdimensions_in(2025).values() for c in codes])
    assert [kind for _, kind in read.skipped] == ["numbering", "notes", "footer"]


def test_plans_are_deleted_renamed_and_copied_to_the_next_year_whole(appendix, ingested_copy, capsys):
    run(capsys, "plan", "import", str(appendix), "--province", "Hòa Bình", "--db", str(ingested_copy))
    db = str(ingested_copy)
    assert run(capsys, "plan", "copy", "--plan", "Kế hoạch 123/KH-UBND", "--name", "Dự thảo kế hoạch 2025",
               "--db", db)[0] == 0
    assert run(capsys, "plan", "rename", "--plan", "Kế hoạch 123/KH-UBND", "--name", "KH 123 (2024)", "--db", db)[0] == 0
    with store.reader(ingested_copy) as con:
        copied, original = plans.targets_of(con, "Dự thảo kế hoạch 2025"), plans.targets_of(con, "KH 123 (2024)")
        draft = plans.stored_plan(con, "Dự thảo kế hoạch 2025")
    assert [(r.code, r.target, r.lead, r.tasks) for r in copied] == [(r.code, r.target, r.lead, r.tasks) for r in original]
    assert [r.deadline for r in copied][4:] == ["Năm học 2025-2026", "Cả năm", "Cả năm", "Tháng 12/2025"]
    assert (draft.year, draft.province, draft.number, draft.targets) == (2025, 17, None, 7)
    assert run(capsys, "plan", "delete", "--plan", "KH 123 (2024)", "--db", db)[0] == 0
    code, _, err = run(capsys, "plan", "delete", "--plan", "KH 123 (2024)", "--db", db)
    assert code == 2 and "no plan named 'KH 123 (2024)'" in err
    with store.reader(ingested_copy) as con:
        assert not con.execute("SELECT count(*) FROM plan_targets JOIN assignment_plans USING (plan_id) "
                               "WHERE name = 'KH 123 (2024)'").fetchone()[0]


def test_a_table_of_leads_never_overwrites_a_plan_with_targets(appendix, ingested_copy, capsys, tmp_path):
    run(capsys, "plan", "import", str(appendix), "--province", "Hòa Bình", "--db", str(ingested_copy))
    leads = tmp_path / "leads.csv"
    leads.write_text("code,lead_agency\n6.2,Sở Y tế\n", encoding="utf-8")
    code, _, err = run(capsys, "assignment", "import", str(leads), "--plan", "Kế hoạch 123/KH-UBND", "--year", "2024",
                       "--db", str(ingested_copy))
    assert code != 0 and "has 7 targets, which a table of lead agencies would delete" in err
    with store.reader(ingested_copy) as con:
        assert len(plans.targets_of(con, "Kế hoạch 123/KH-UBND")) == 8


def test_the_targets_are_judged_against_the_published_2024_results(appendix, ingested_copy, capsys):
    main(["plan", "import", str(appendix), "--name", "KH 123", "--province", "Hòa Bình", "--db", str(ingested_copy)])
    capsys.readouterr()
    code, out, _ = run(capsys, "targets", "--province", "Hòa Bình", "--year", "2024", "--db", str(ingested_copy))
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and list(rows[0])[:5] == ["code", "target", "actual", "status", "lead_agency"]
    status = {row["code"]: (row["status"], row["actual"]) for row in rows}
    assert status["6.2"] == (NOT_MET, "1.4517")  # "Đạt từ 1,50 điểm trở lên"
    assert status["6.3"] == (NOT_MET, "4")  # "Thoát khỏi nhóm thấp nhất": still in the lowest group (53rd of 61)
    infrastructure = next(row for row in rows if row["code"] == "6.3")
    assert round(float(infrastructure["points_to_target"]), 3) == 0.033  # below P25 by 0,033 points
    assert targets.actual_text({**infrastructure, "value": 3.0, "points_to_target": 0.0334}, "vi") == \
        "nhóm 4 (thấp nhất), hạng 53/61; còn 0,033 điểm nữa để thoát nhóm thấp nhất"
    assert status["TOTAL"] == (NOT_MET, "-12")  # "Tăng ít nhất 01 bậc": from 20th in 2023 to 32nd in 2024
    assert status["D6"][0] == MET  # "Đạt từ 7,30 điểm trở lên": 7.38
    assert status["D8"][0] == NOT_UNDERSTOOD and status["1.1"][0] in (MET, NOT_MET)
    code, out, _ = run(capsys, "targets", "--province", "Hòa Bình", "--year", "2024", "--format", "json",
                       "--db", str(ingested_copy))
    assert {r["code"] for r in json.loads(out)} == {"TOTAL", "D1", "1.1", "D6", "6.2", "6.3", "D8"}


def test_a_plan_naming_some_components_says_which_sub_dimensions_are_left_without_a_lead(appendix, ingested_copy,
                                                                                         capsys):
    _, out, _ = run(capsys, "plan", "import", str(appendix), "--name", "KH 123", "--year", "2024",
                    "--db", str(ingested_copy))
    # D1, D6 and D8 have leads, so their sub-dimensions are led by them; 1.1 and 6.2, 6.3 by their own
    unled = out.split("have no lead agency in this plan, and show none while it is in force: ")[1].splitlines()[0]
    assert unled.split(", ") == ["2.1", "2.2", "2.3", "2.4", "3.1", "3.2", "3.3", "4.1", "4.2", "4.3", "4.4", "5.1",
                                 "5.3", "5.4", "7.1", "7.2", "7.3"]  # 2024 has no 5.2
    with store.reader(ingested_copy) as con:
        plan = assignments.load(con, "KH 123")
    assert plan.lead("6.1") == "Sở Y tế"  # D6's lead, where the plan names none for 6.1
    assert plan.lead("6.2") == "Sở Giáo dục và Đào tạo" and plan.lead("2.1") is None


def test_the_consolidated_report_and_every_agency_s_report_build_from_the_appendix(appendix, ingested_copy, capsys,
                                                                                  tmp_path):
    run(capsys, "plan", "import", str(appendix), "--province", "Hòa Bình", "--db", str(ingested_copy))
    common = ["--province", "Hòa Bình", "--year", "2024", "--no-charts", "--db", str(ingested_copy)]
    code, out, err = run(capsys, "report", *common, "--out", str(tmp_path / "bao-cao.docx"))
    assert code == 0, err
    content = "\n".join(p.text for p in Document(tmp_path / "bao-cao.docx").paragraphs)
    assert "có 7 chỉ tiêu" in content  # the general task and the form's rows are no targets
    code, out, err = run(capsys, "report", *common, "--every-agency", "--out", str(tmp_path / "bao-cao.zip"))
    assert code == 0, err
    with zipfile.ZipFile(tmp_path / "bao-cao.zip") as archive:
        assert len(archive.namelist()) == 6  # the six lead agencies the plan names, none from its signature block


@pytest.mark.parametrize("phrase, kind, value", [
    ("Đạt từ 1,50 điểm trở lên", "score_at_least", 1.5), ("Tăng ít nhất 01 bậc (so với năm trước)", "rank_rise_at_least", 1),
    ("Tăng điểm", "score_rises", None), ("Không giảm điểm", "score_holds", None),
    ("Duy trì trong nhóm cao nhất", "group_at_most", 1), ("Đạt nhóm trung bình cao", "group_at_most", 2),
    ("Thoát khỏi nhóm thấp nhất", "group_at_most", 3), ("Xếp hạng từ 20 trở lên", "rank_at_most", 20),
    ("Nằm trong tốp 10", "rank_at_most", 10), ("At least 7.5 points", "score_at_least", 7.5),
    ("Rise at least 2 places", "rank_rise_at_least", 2), ("Leave the lowest group", "group_at_most", 3),
    ("Cải thiện rõ rệt", None, None),
])
def test_target_phrases_are_read_or_kept_as_text(phrase, kind, value):
    target = parse(phrase)
    assert (target.kind, target.value) == (kind, value) and target.text == phrase
