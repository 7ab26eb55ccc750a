"""The Plan page, and the targets beside each component on the Weak components and Agencies pages (AppTest)."""
import pytest

from papi_analysis import plans, store
from papi_analysis.plans import AssignmentError
from tests.test_app import SECRET, app, metrics, open_page  # noqa: F401 (app: the fixture)
from papi_analysis.__main__ import main
from tests.test_plans import build_appendix, save_built_appendix

PLAN = "Kế hoạch 123/KH-UBND"


@pytest.fixture
def planned_app(app, ingested_copy, tmp_path):  # noqa: F811
    save_built_appendix(ingested_copy, tmp_path)
    return app


def rows_of(frame, column):
    return frame.set_index(column)


def test_the_plan_page_judges_each_target_and_sums_them_up_per_agency(planned_app):
    app = open_page(planned_app, "plan")
    assert app.title[0].value == "Kế hoạch – Hòa Bình 2024"
    assert metrics(app) == {"Số chỉ tiêu": "7", "Đạt": "3", "Không đạt": "3", "Chưa có kết quả": "0",
                            "Chưa có số liệu": "0", "Chưa đọc được chỉ tiêu": "1"}
    assert "Kế hoạch số 123/KH-UBND ngày 05/6/2024" in [c.value for c in app.caption]
    by_agency = rows_of(app.dataframe[0].value, "Cơ quan")
    assert by_agency.loc["Sở Giáo dục và Đào tạo", "Không đạt"] == 1
    assert by_agency.loc["Sở Thông tin và Truyền thông (nay là Sở Khoa học và Công nghệ)", "Chưa đọc được"] == 1
    each = rows_of(app.dataframe[1].value, "Nội dung")
    assert list(each.loc["6.2 Giáo dục tiểu học công lập", ["Kết quả", "Đánh giá"]]) == ["1,4517", "Không đạt"]
    assert list(each.loc["6.3 Cơ sở hạ tầng căn bản", ["Kết quả", "Đánh giá"]]) == [
        "nhóm 4 (thấp nhất), hạng 53/61; còn 0,033 điểm nữa để thoát nhóm thấp nhất", "Không đạt"]
    assert list(each.loc["Chỉ số PAPI tổng hợp", ["Kết quả", "Đánh giá"]]) == ["−12 bậc (hạng 20 → 32/61)", "Không đạt"]
    assert list(each.loc["D6 Cung ứng dịch vụ công", ["Kết quả", "Đánh giá"]]) == ["7,3846", "Đạt"]
    assert any("Kế hoạch không giao cơ quan chủ trì cho 17 nội dung thành phần" in c.value for c in app.caption)
    labels = [b.label for b in app.get("download_button")]
    assert {"Tải báo cáo tổng hợp (Word)", "Tải báo cáo chuyên đề của cơ quan (Word)",
            "Tải dự thảo báo cáo chuyên đề của mọi cơ quan (ZIP)"} <= set(labels)


def test_the_overview_sums_up_the_plan_and_links_to_it(planned_app):
    app = open_page(planned_app, "overview")
    # the plan's name as typed, escaped: never markdown
    assert any("**Kế hoạch 123\\/KH\\-UBND**: 3/7 chỉ tiêu đạt, 3 không đạt" in m.value for m in app.markdown)
    assert app.main.get("page_link")[0].proto.label == "Xem từng chỉ tiêu và báo cáo năm"


def test_one_agency_s_targets(planned_app):
    app = open_page(planned_app, "plan")
    app.selectbox(key="plan_agency__vi").set_value("Sở Xây dựng").run()
    each = app.dataframe[1].value
    assert list(each["Nội dung"]) == ["6.3 Cơ sở hạ tầng căn bản"]


def test_targets_of_an_earlier_year_are_said_to_be(planned_app, ingested_copy):
    with store.reader(ingested_copy) as con:
        rows = plans.targets_of(con, PLAN)
    store.write(ingested_copy, lambda con: plans.save_appendix(con, "KH 2023", 2023, rows, "phu-luc.xlsx", 17))
    app = open_page(planned_app, "plan", plan="KH 2023")  # a link naming the plan
    assert app.selectbox(key="plan__vi").value == "KH 2023"
    assert any("Chỉ tiêu đặt cho năm 2023, đang so với kết quả năm 2024" in w.value for w in app.warning)


def test_targets_of_a_later_year_are_pending_never_met_or_not(planned_app):
    app = open_page(planned_app, "plan", year="2023")  # the 2024 plan, the only one for Hòa Bình, on 2023 results
    assert metrics(app) == {"Số chỉ tiêu": "7", "Đạt": "0", "Không đạt": "0", "Chưa có kết quả": "6",
                            "Chưa có số liệu": "0", "Chưa đọc được chỉ tiêu": "1"}
    assert any("chưa có kết quả năm 2024, nên mọi chỉ tiêu là \"chưa có kết quả\"" in i.value for i in app.info)
    each = rows_of(app.dataframe[1].value, "Nội dung")
    assert list(each.loc["6.2 Giáo dục tiểu học công lập", ["Kết quả", "Đánh giá"]]) == ["–", "Chưa có kết quả"]


def test_without_a_plan_with_targets_the_page_says_how_to_add_one(app):  # noqa: F811
    app = open_page(app, "plan")
    # the plan in force, the default draft, assigns lead agencies only
    assert any("Kế hoạch 'Dự thảo phân công \\(mặc định\\)' chưa có chỉ tiêu" in i.value for i in app.info)
    assert "Tải báo cáo tổng hợp (Word)" in [b.label for b in app.get("download_button")]  # still drafted


def test_weak_components_and_agencies_show_each_target_and_its_status(planned_app):
    app = open_page(planned_app, "weak")
    behind = rows_of(app.dataframe[0].value, "Nội dung")
    assert list(behind.loc["6.3 Cơ sở hạ tầng căn bản", ["Chỉ tiêu", "Đánh giá"]]) == ["Thoát khỏi nhóm thấp nhất",
                                                                                      "Không đạt"]
    app.switch_page("pages/agencies.py").run()
    app.selectbox(key="agency__vi").set_value("Sở Giáo dục và Đào tạo").run()
    card = rows_of(app.dataframe[1].value, "Nội dung")
    assert list(card.loc["6.2 Giáo dục tiểu học công lập", ["Chỉ tiêu", "Đánh giá"]]) == ["Đạt từ 1,50 điểm trở lên",
                                                                                          "Không đạt"]
    assert "Tải báo cáo chuyên đề của cơ quan (Word)" in [b.label for b in app.get("download_button")]


def test_the_administrator_saves_the_plan_as_a_new_version_from_the_editor(planned_app, ingested_copy):
    app = open_page(planned_app, "plan")
    assert not any(b.label == "Lưu kế hoạch" for b in app.button)  # nothing to save before unlocking
    next(t for t in app.text_input if t.label == "Mật khẩu quản trị").input(SECRET)
    next(b for b in app.button if b.label == "Mở khóa").click().run()
    next(t for t in app.text_input if t.label == "Tên kế hoạch").input("Kế hoạch 123/KH-UBND (sửa đổi)").run()
    next(b for b in app.button if b.label == "Lưu kế hoạch").click().run()
    assert not app.exception
    assert [s.value for s in app.success][-1] == ("Đã lưu kế hoạch 'Kế hoạch 123\\/KH\\-UBND \\(sửa đổi\\)': 7 chỉ tiêu; "
                                                  "1 nhiệm vụ chung (không gắn với nội dung nào).")
    with store.reader(ingested_copy) as con:
        saved = plans.targets_of(con, "Kế hoạch 123/KH-UBND (sửa đổi)")
        original = plans.targets_of(con, PLAN)
    assert saved == original  # every row whole: targets, tasks, general task, results, deadlines, sheet rows
    assert app.selectbox(key="plan__vi").value == "Kế hoạch 123/KH-UBND (sửa đổi)"


def test_a_changed_target_is_judged_anew(planned_app, ingested_copy):
    app = open_page(planned_app, "plan")
    assert metrics(app)["Đạt"] == "3"
    with store.reader(ingested_copy) as con:
        rows = plans.targets_of(con, PLAN)
    eased = [row if row.code != "6.2" else row.__class__(**{**row.__dict__, "target": "Đạt từ 1,40 điểm trở lên"})
             for row in rows]
    store.write(ingested_copy, lambda con: plans.save_appendix(con, PLAN, 2024, eased, "dashboard editor", 17))
    app.run()  # a new database file: the cached judgements go with the old one
    assert metrics(app)["Đạt"] == "4"


def test_edited_rows_name_components_by_code_or_name_and_refuse_unknown_codes():
    rows = plans.appendix_rows([
        {"code": "6.2", "target": "Đạt từ 1,50 điểm trở lên", "lead": "Sở Giáo dục và Đào tạo",
         "supporting": "UBND cấp xã; Sở Tài chính"},
        {"label": "Cơ sở hạ tầng căn bản", "target": "Thoát khỏi nhóm thấp nhất", "lead": "Sở Xây dựng"},
        {"label": "Tổ chức sơ kết", "lead": "Sở Nội vụ"},
        {"code": "", "label": ""}], 2024)
    assert [(r.code, r.supporting) for r in rows] == [("6.2", ["UBND cấp xã", "Sở Tài chính"]), ("6.3", []),
                                                      (None, [])]
    with pytest.raises(AssignmentError, match="row 1: unknown component code '9.9'"):
        plans.appendix_rows([{"code": "9.9", "target": "Tăng điểm"}], 2024)


def unlocked(app):
    next(t for t in app.text_input if t.label == "Mật khẩu quản trị").input(SECRET)
    next(b for b in app.button if b.label == "Mở khóa").click().run()
    return app


def test_the_editor_previews_what_will_be_saved_with_empty_cells_empty(planned_app):
    app = unlocked(open_page(planned_app, "plan"))
    shown = app.data_editor[0].value
    general = shown[shown.label == "Tổ chức sơ kết, đánh giá việc thực hiện kế hoạch"].iloc[0]
    assert general.code == "" and general.target == ""  # never "None"
    assert list(shown.previous)[:3] == ["43,55 điểm; xếp thứ 20/61", "5,16", "0,92"]
    assert any("8 dòng; 7 chỉ tiêu (6 đọc được, 1 chưa đọc được); 1 nhiệm vụ chung." in m.value for m in app.markdown)
    assert any("D8 “Cải thiện rõ rệt”" in w.value for w in app.warning)
    preview = rows_of(app.dataframe[-1].value, "Nội dung")
    assert preview.loc["6.2 Giáo dục tiểu học công lập", "Đọc là"] == "điểm từ 1,50 trở lên"
    assert preview.loc["Tổ chức sơ kết, đánh giá việc thực hiện kế hoạch", "Đọc là"] == "nhiệm vụ chung"
    assert "Tải mẫu phụ lục (Excel)" in [b.label for b in app.get("download_button")]


def test_the_administrator_copies_the_plan_to_the_next_year_renames_and_deletes_it(planned_app, ingested_copy):
    app = unlocked(open_page(planned_app, "plan"))
    next(b for b in app.button if b.label == "Sao chép sang năm 2025").click().run()
    assert not app.exception
    copied = "Dự thảo kế hoạch năm 2025 (từ Kế hoạch 123/KH-UBND)"
    assert app.selectbox(key="plan__vi").value == copied
    with store.reader(ingested_copy) as con:
        assert [r.target for r in plans.targets_of(con, copied)] == [r.target for r in plans.targets_of(con, PLAN)]
    app.text_input(key="plan_rename").input("Kế hoạch năm 2025").run()
    next(b for b in app.button if b.label == "Đổi tên").click().run()
    assert app.selectbox(key="plan__vi").value == "Kế hoạch năm 2025"
    app.checkbox(key="plan_delete_confirm").check().run()
    next(b for b in app.button if b.label == "Xóa kế hoạch").click().run()
    assert any("Đã xóa kế hoạch 'Kế hoạch năm 2025'" in s.value for s in app.success)
    assert app.selectbox(key="plan__vi").value == PLAN  # the plan in force again
    with store.reader(ingested_copy) as con:
        assert {p.name for p in plans.stored_plans(con)} == {PLAN, plans.DEFAULT_PLAN, plans.DEFAULT_PLAN_2025}


def test_the_import_message_the_overview_and_the_plan_page_count_the_same_targets(appendix_cli_import):
    out, app = appendix_cli_import
    assert "7 targets" in out
    assert metrics(open_page(app, "plan"))["Số chỉ tiêu"] == "7"
    app.switch_page("pages/overview.py").run()
    assert any("3/7 chỉ tiêu đạt" in m.value for m in app.markdown)


@pytest.fixture
def appendix_cli_import(app, ingested_copy, tmp_path, capsys):  # noqa: F811
    main(["plan", "import", str(build_appendix(tmp_path / "phu-luc.xlsx")), "--province", "Hòa Bình",
          "--db", str(ingested_copy)])
    return capsys.readouterr().out, app
