"""A plan's appendix (Chỉ tiêu, nhiệm vụ, giải pháp) imported as provinces type it, and its targets tracked."""
import csv
import io
import json

import openpyxl
import pytest

from papi_analysis import assignments, store, targets
from papi_analysis.__main__ import main
from papi_analysis.targets import MET, NOT_MET, NOT_UNDERSTOOD, parse

HEADER = ["STT", "Chỉ số nội dung / nội dung thành phần", "Kết quả năm 2023", "Chỉ tiêu năm 2024",
          "Nhiệm vụ, giải pháp", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện"]
ROWS = [  # as Hòa Bình's appendix to Kế hoạch 123/KH-UBND might read
    ["", "Chỉ số PAPI tổng hợp", "43,55 điểm; xếp thứ 20/61", "Tăng ít nhất 01 bậc (so với năm trước)",
     "Triển khai đồng bộ các giải pháp", "Sở Nội vụ", "Các sở, ban, ngành; UBND các huyện", "Cả năm"],
    ["I", "Tham gia của người dân ở cấp cơ sở", "5,16", "Không giảm điểm", "", "Sở Nội vụ", "", "Cả năm"],
    ["1", "Tri thức công dân", "0,92", "Đạt từ 1,00 điểm trở lên", "Tuyên truyền, phổ biến pháp luật", "Sở Tư pháp",
     "Sở Thông tin và Truyền thông", "Quý II/2024"],
    ["VI", "Cung ứng dịch vụ công", "7,19", "Đạt từ 7,30 điểm trở lên", "", "Sở Y tế",
     "Sở Giáo dục và Đào tạo; Sở Xây dựng", "Cả năm"],
    ["2", "Giáo dục tiểu học công lập", "1,41", "Đạt từ 1,50 điểm trở lên", "Nâng cấp trường lớp",
     "Sở Giáo dục và Đào tạo", "UBND các huyện", "Năm học 2024-2025"],
    ["3", "Cơ sở hạ tầng căn bản", "1,81", "Thoát khỏi nhóm thấp nhất", "Đầu tư điện, nước, đường",
     "Sở Xây dựng", "Sở Công Thương", "Cả năm"],
    ["VIII", "Quản trị điện tử", "3,15", "Cải thiện rõ rệt", "Phát triển cổng dịch vụ công",
     "Sở Thông tin và Truyền thông", "Văn phòng UBND tỉnh", "Cả năm"],
    ["", "Tổ chức sơ kết, đánh giá việc thực hiện kế hoạch", "", "", "Báo cáo UBND tỉnh", "Sở Nội vụ", "", "Tháng 12"],
]


def build_appendix(path):
    """Hòa Bình's 2024 appendix as a province types it: letterhead, merged title, header, Roman numerals."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Phụ lục"
    sheet.append(["UBND TỈNH HÒA BÌNH", None, None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"])
    sheet.append([None, None, None, None, "Độc lập - Tự do - Hạnh phúc"])
    sheet.append(["PHỤ LỤC: CHỈ TIÊU, NHIỆM VỤ, GIẢI PHÁP NÂNG CAO CHỈ SỐ PAPI TỈNH HÒA BÌNH NĂM 2024"])
    sheet.merge_cells("A3:H3")
    sheet.append(["(Kèm theo Kế hoạch số 123/KH-UBND ngày .../.../2024 của UBND tỉnh Hòa Bình)"])
    sheet.merge_cells("A4:H4")
    sheet.append(HEADER)
    for row in ROWS:
        sheet.append(row)
    book.save(path)
    return path


@pytest.fixture
def appendix(tmp_path):
    return build_appendix(tmp_path / "phu-luc-ke-hoach-123.xlsx")


def run(capsys, *args):
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_the_appendix_imports_with_every_row_kept(appendix, ingested_copy, capsys):
    code, out, _ = run(capsys, "plan", "import", str(appendix), "--name", "Kế hoạch 123/KH-UBND", "--year", "2024",
                       "--province", "Hòa Bình", "--db", str(ingested_copy))
    assert code == 0
    assert "8 rows, 7 components, 7 targets, 6 understood" in out
    assert "row 13: names no component ('Tổ chức sơ kết, đánh giá việc thực hiện kế hoạch'); kept" in out
    assert "row 12: target not understood ('Cải thiện rõ rệt'); kept as text" in out
    with store.reader(ingested_copy) as con:
        plan = assignments.load(con, "Kế hoạch 123/KH-UBND")
        kept = con.execute("SELECT count(*), count(code), max(deadline) FILTER (code = '6.2') FROM plan_targets").fetchone()
    # Roman numerals name the dimensions, local numbers under them the sub-dimensions (by name); a plan with
    # targets is an assignment too.
    assert plan.lead("D6") == "Sở Y tế" and plan.lead("6.2") == "Sở Giáo dục và Đào tạo" and plan.lead("1.1") == "Sở Tư pháp"
    assert plan.lead("TOTAL") == "Sở Nội vụ" and plan.supporting("6.3") == ["Sở Công Thương"]
    assert kept == (8, 7, "Năm học 2024-2025")


def test_the_targets_are_judged_against_the_published_2024_results(appendix, ingested_copy, capsys):
    main(["plan", "import", str(appendix), "--name", "KH 123", "--year", "2024", "--db", str(ingested_copy)])
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
