"""The dashboard driven as a user would, with Streamlit's AppTest, on the real data."""
import json

import pytest
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1 import app_test as app_test_module

from papi_analysis import assignments, store
from tests.conftest import ROOT, SHARED

SECRET = "correct horse battery"


class _NavigationPagesManager(PagesManager):
    """What the server does once app.py calls st.navigation: stop treating pages/ as a v1
    multipage folder. AppTest resets that flag before every run, so without this each rerun after
    the first would execute the page script alone, without app.py's sidebar."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        PagesManager.uses_pages_directory = False


@pytest.fixture
def app(ingested_copy, monkeypatch):
    monkeypatch.setattr(app_test_module, "PagesManager", _NavigationPagesManager)
    assignments.save_plan(ingested_copy, assignments.DEFAULT_PLAN, 2024,
                          assignments.read_file(SHARED / "reference" / "agency-assignment-draft.csv"), "draft")
    monkeypatch.setenv("PAPI_DB", str(ingested_copy))
    monkeypatch.setenv("PAPI_ADMIN_SECRET", SECRET)
    monkeypatch.setenv("PAPI_GEOJSON", str(SHARED / "geo" / "vietnam_provinces_63.geojson"))
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)


def open_page(app, page, **params):
    for key, value in params.items():
        app.query_params[key] = value
    app.run()
    if page != "overview":
        app.switch_page(f"pages/{page}.py").run()
    assert not app.exception, app.exception
    return app


def metrics(app):
    return {m.label: m.value for m in app.metric}


def texts(app):
    return " ".join(m.value for m in app.markdown) + " " + " ".join(c.value for c in app.caption)


def chart_text(app, index=0):
    """A chart's spec as text, with Vietnamese unescaped whatever escaping Plotly's JSON uses."""
    return json.dumps(json.loads(app.get("plotly_chart")[index].proto.spec), ensure_ascii=False)


def test_overview_defaults_to_hoa_binh_latest_year(app):
    open_page(app, "overview")
    assert app.title[0].value == "Hòa Bình – PAPI 2024"
    assert metrics(app) == {"Điểm tổng hợp": "43,48", "Xếp hạng": "32/61", "Nhóm": "3/4",
                            "Thay đổi so với 2023": "-0,07"}
    # 2024 comes from the third-party compilation: the page and the chart say so.
    assert "Số liệu năm 2024 do bên thứ ba tổng hợp" in texts(app)
    assert "Điểm tổng hợp năm 2024 là tổng 8 chỉ số nội dung" in texts(app)
    assert "Trước 2018" not in texts(app)
    assert "2024: bên thứ ba tổng hợp" in chart_text(app)


def test_overview_of_an_official_year(app):
    open_page(app, "overview", year="2023")
    assert metrics(app) == {"Điểm tổng hợp": "43,55", "Xếp hạng": "20/61", "Nhóm": "2/4",
                            "Thay đổi so với 2022": "+2,54"}
    assert "Giảm so với 2022: 6.2 Giáo dục tiểu học công lập (−0,27)" in texts(app)
    assert "bên thứ ba" not in texts(app) and "bên thứ ba" not in chart_text(app)


def test_changing_province_year_and_language(app):
    open_page(app, "overview")
    assert [s.label for s in app.sidebar.selectbox] == ["Tỉnh, thành phố", "Năm"]
    app.sidebar.selectbox[0].set_value(1).run()  # Hà Nội
    assert app.title[0].value == "Hà Nội – PAPI 2024"
    app.sidebar.selectbox[1].set_value(2019).run()
    assert app.title[0].value == "Hà Nội – PAPI 2019"
    assert metrics(app)["Điểm tổng hợp"] == "41,53"
    app.sidebar.radio[0].set_value("en").run()
    assert app.title[0].value == "Ha Noi – PAPI 2019"
    assert metrics(app)["Total score"] == "41.53"
    assert "Rank" in metrics(app)


def test_choices_are_kept_across_page_changes(app):
    open_page(app, "trends", lang="en")
    app.sidebar.selectbox[1].set_value(2019).run()
    app.selectbox(key="component__en").set_value("D2").run()
    app.multiselect(key="peers__en").set_value([1, 79]).run()
    app.switch_page("pages/weak.py").run()
    assert app.title[0].value == "Weak components – Hoa Binh 2019"
    app.switch_page("pages/trends.py").run()
    assert not app.exception, app.exception
    assert app.selectbox(key="component__en").value == "D2"
    assert app.multiselect(key="peers__en").value == [1, 79]


def test_a_peer_that_becomes_the_province_is_dropped(app):
    open_page(app, "trends", lang="en")
    app.multiselect(key="peers__en").set_value([1, 79]).run()
    app.sidebar.selectbox[0].set_value(1).run()  # Hà Nội, one of the peers
    assert not app.exception, app.exception
    assert app.title[0].value == "Trends – Ha Noi"
    assert app.multiselect(key="peers__en").value == [79]


def test_a_link_reproduces_the_view(app):
    open_page(app, "overview", lang="en", province="Hà Nội", year="2019")
    assert app.title[0].value == "Ha Noi – PAPI 2019"
    assert metrics(app)["Total score"] == "41.53"


def test_a_comparability_note_reads_in_the_readers_language(app):
    open_page(app, "overview", year="2018")
    warnings = " ".join(w.value for w in app.warning)
    assert ("Điểm tổng hợp năm 2017 và 2018 không so sánh trực tiếp được (điểm tổng hợp gồm 6 chỉ số nội dung "
            "trước 2018, 8 chỉ số từ 2018)") in warnings
    scorecard = next(d.value for d in app.dataframe if "Khả năng so sánh" in d.value.columns)
    notes = set(scorecard["Khả năng so sánh"])
    assert "điểm tổng hợp gồm 6 chỉ số nội dung trước 2018, 8 chỉ số từ 2018" in notes
    assert "nội dung thay đổi năm 2018" in notes and not any("_" in note for note in notes)


def test_a_province_without_a_total_shows_no_zero(app):
    # Bắc Giang's 2022 total was published as 0 for incomplete results: it is no data, never a zero.
    open_page(app, "overview", lang="en", province="24", year="2022")
    assert metrics(app) == {}
    assert [w.value for w in app.warning] == [
        "Bac Giang has no total for 2022 (incomplete results); the dimensions with data are shown below."]
    assert "D1 Participation" in chart_text(app)  # kept on the axis, as a gap, not a zero bar


def test_years_before_2018_say_the_total_is_derived(app):
    open_page(app, "overview", year="2016")
    assert "Trước 2018 không công bố điểm tổng hợp" in texts(app)


def test_trends_page_shows_breaks_and_peers(app):
    open_page(app, "trends", lang="en")
    app.selectbox(key="component__en").set_value("D2").run()
    app.multiselect(key="peers__en").set_value([1, 79]).run()
    assert not app.exception
    history = app.dataframe[0].value
    assert list(history["Year"]) == list(range(2015, 2025))
    assert "definition change" in chart_text(app)  # the 2016 and 2018 breaks are marked
    assert "2020, 2021, 2024: compiled by a third party" in chart_text(app)


def test_weak_components_with_agencies_and_indicators(app):
    open_page(app, "weak", year="2023")
    flags = app.dataframe[0].value
    second = flags.iloc[1]
    assert second["Nội dung"] == "6.2 Giáo dục tiểu học công lập"
    assert second["Cơ quan chủ trì"] == "Sở Giáo dục và Đào tạo"
    assert "thuộc nhóm thấp nhất cả nước (hạng 48/61)" in second["Lý do"]
    app.selectbox(key="open__vi").set_value("1.1").run()
    indicators = app.dataframe[-1].value
    assert any("Hiểu biết về vị trí lãnh đạo" in label for label in indicators["Chỉ tiêu"])
    assert "có" in set(indicators["Kém hơn TB cả nước"])
    assert not indicators["Chỉ tiêu"].str.contains("🔻").any()  # the marker is a column, not part of the name
    app.selectbox(key="open__vi").set_value("6.2").run()
    indicators = app.dataframe[-1].value.set_index("Mã")
    # Travel time to school: 10 minutes against a national mean of 7,3, tied with 24 provinces for the longest.
    assert indicators.loc["6.2.2", "Chiều tốt"] == "thấp hơn là tốt"
    assert indicators.loc["6.2.2", "Hạng"] == "37–61/61" and indicators.loc["6.2.2", "Kém hơn TB cả nước"] == "có"
    assert indicators.loc["6.2.1", "Kém hơn TB cả nước"] == ""  # 1 km against a national 1,04: not worse
    assert "thấp hơn là tốt" not in indicators.loc["6.2.3", "Chiều tốt"]
    # a share of a '%' indicator reads as a percentage beside its '(%)': tap water 22,0 % against 57,0 %
    app.selectbox(key="open__vi").set_value("6.3").run()
    water = app.dataframe[-1].value.set_index("Mã").loc["6.3.5"]
    assert "(%)" in water["Chỉ tiêu"] and (water["Điểm"], water["TB cả nước"]) == pytest.approx((21.98, 56.97), abs=0.01)


def test_flag_rules_can_be_changed_on_the_page(app):
    open_page(app, "weak", year="2023")
    before = len(app.dataframe[0].value)
    app.toggle(key="rule_median").set_value(False).run()
    after = app.dataframe[0].value
    assert len(after) < before and not after["Lý do"].str.contains("dưới trung vị").any()


def test_agencies_page_verdict_and_ranking(app):
    open_page(app, "agencies", lang="en")
    ranking = app.dataframe[0].value
    assert ranking["Behind other provinces"].is_monotonic_decreasing
    app.selectbox(key="agency__en").set_value("Sở Giáo dục và Đào tạo").run()
    assert "**Department of Education and Training** — Leads 1 component; 1 needs attention (1 behind other " \
           "provinces)." in texts(app)
    assert "Sở" not in " ".join(ranking["Agency"])  # every agency of the draft has its English name


def test_plan_edit_refused_without_the_secret(app, ingested_copy, caplog):
    open_page(app, "plan")
    assert not any(b.label == "Lưu kế hoạch" for b in app.button)  # nothing to save before unlocking
    next(t for t in app.text_input if t.label == "Mật khẩu quản trị").input("wrong secret!")
    next(b for b in app.button if b.label == "Mở khóa").click().run()
    assert [e.value for e in app.error] == ["Sai mật khẩu quản trị."]
    assert "refused" in caplog.text
    assert not any(b.label == "Lưu kế hoạch" for b in app.button)


def test_the_agencies_page_has_no_editor_of_its_own_but_links_to_the_plan_s(app):
    open_page(app, "agencies")
    assert not any(b.label == "Lưu kế hoạch" for b in app.button) and not app.get("data_editor")
    assert [link.proto.label for link in app.main.get("page_link")] == [
        "Nhập hoặc sửa kế hoạch và bảng phân công ở trang Kế hoạch"]
    # the columns of its assignment table are headed in the reader's language, never 'code' or 'lead_agency'
    assert list(app.dataframe[-1].value.columns)[:3] == ["Mã", "Nội dung", "Cơ quan chủ trì"]


def test_compare_page_peers_and_2025_estimate(app):
    open_page(app, "compare", lang="en", year="2023")
    everyone = app.dataframe[0].value
    assert len(everyone) == 61
    app.radio(key="peer_group__en").set_value("unit_2025").run()
    unit = app.dataframe[0].value
    assert set(unit["Province"]) == {"Hoa Binh", "Phu Tho (former)", "Vinh Phuc"}  # the unit keeps the name
    assert any("ESTIMATE" in w.value for w in app.warning)
    estimate = app.dataframe[1].value
    assert len(estimate) == 34 and set(estimate["Method"]) == {"weighted by respondents", "–"}
    assert estimate.set_index("2025 unit").loc["Quang Ninh", "Score"] == "–"  # no data, not missing from the list
    assert "Ho Chi Minh City" in set(estimate["2025 unit"]) and "Region" in everyone
    assert set(everyone["Region"]) >= {"Red River Delta", "Mekong River Delta"}
    chart = json.loads(app.get("plotly_chart")[1].proto.spec)
    bars = chart["data"][0]
    assert len(bars["y"]) == 34 and len(bars["text"]) == 34 and "no data" in bars["text"]
    title = chart["layout"]["title"]["text"].replace("<br>", " ")  # titles wrap for phones
    assert "ESTIMATE for the 34 new provinces" in title and "(33 with data)" in title
    highlighted = [unit for unit, colour in zip(bars["y"], bars["marker"]["color"]) if colour == "#1f4e79"]
    assert highlighted == ["Phu Tho"]  # Hòa Bình's unit


def test_map_outlines_the_chosen_province_beside_the_ranking(app):
    open_page(app, "map", lang="en", province="17", year="2023")
    traces = json.loads(app.get("plotly_chart")[0].proto.spec)["data"]
    outlined = [t for t in traces if t.get("type") == "choroplethmap" and t.get("name") == "Hoa Binh"]
    assert len(outlined) == 1 and outlined[0]["locations"] == ["Hoa Binh"]
    ranking = app.dataframe[0].value
    assert len(ranking) == 61 and ranking.iloc[0]["Rank"] == "1/61"


def test_the_map_draws_the_publishers_quartile_groups_with_their_printed_ranges(app):
    open_page(app, "map", year="2022", component="D6")
    figure = chart_text(app)
    for legend in ("cao nhất (7,8579–8,3148)", "trung bình cao (7,5189–7,8072)", "trung bình thấp (7,2294–7,5173)",
                   "thấp nhất (6,4132–7,2275)"):
        assert f'"name": "{legend}"' in figure  # the 2022 report's D6 map
    assert "Bốn nhóm theo tứ phân vị điểm" in figure
    quang_tri = app.dataframe[0].value.set_index("Tỉnh").loc["Quảng Trị (cũ)"]  # also a 2025 unit's name
    assert (round(quang_tri["Điểm"], 4), quang_tri["Nhóm"], quang_tri["Điểm cần thêm để lên nhóm trên"]) == \
        (7.2275, 4, "0,0009")  # P25 is 7,2285 (between 7,2275 and Hà Nội's 7,2294)
    app.selectbox(key="component__vi").set_value("6.3").run()
    assert "Nhóm do bảng điều khiển tự xếp" in chart_text(app)  # no published groups for a sub-dimension


def test_map_page_marks_provinces_without_data(app):
    open_page(app, "map", lang="en", year="2023")
    figure = chart_text(app)
    assert "no data" in figure and "Quang Ninh" in figure and "Hoang Sa archipelago" in figure


def test_map_falls_back_to_tiles_without_boundaries(app, monkeypatch, tmp_path):
    monkeypatch.setenv("PAPI_GEOJSON", str(tmp_path / "missing.geojson"))
    open_page(app, "map")
    assert any("hiển thị bản đồ ô" in i.value for i in app.info)
    assert "Quần đảo Trường Sa" in chart_text(app)


def test_data_page_shows_provenance_and_findings_in_either_language(app):
    open_page(app, "data")
    assert metrics(app)["Bảng bị bỏ qua"] == "12"  # 8 sheets of the workbook, 4 years of the compilation
    sources = app.dataframe[0].value
    assert "2021" in set(sources["Trang tính"])
    origin = dict(zip(sources["Trang tính"], sources["Nguồn gốc"]))
    assert origin["2024.csv"] == "bên thứ ba tổng hợp" and origin["2023"] == "bảng công bố"
    findings = app.dataframe[1].value
    repeats = findings[findings["Mã phát hiện"] == "sheet_repeats_sheet"]
    assert repeats["Phát hiện"].str.contains("lặp lại số liệu của trang '2019'").any()
    assert "Số liệu năm 2020, 2021, 2024 do bên thứ ba tổng hợp" in texts(app)
    assert any("PAPI_ADMIN_SECRET" in i.value for i in app.info) is False  # a secret is configured here
    app.sidebar.radio[0].set_value("en").run()
    findings = app.dataframe[1].value
    outside = findings[(findings["Finding code"] == "outside_scale") & (findings["Year"] == 2022)]
    assert outside["Finding"].str.contains("R7 (Bac Giang) = 0.0000", regex=False).any()
    assert "R7, U7" in set(outside["Cells"])


def test_upload_is_absent_without_administration(app, monkeypatch):
    monkeypatch.delenv("PAPI_ADMIN_SECRET")
    open_page(app, "data", lang="en")
    assert any("Administration is disabled" in i.value for i in app.info)
    assert "PAPI_ADMIN_SECRET" not in " ".join(i.value for i in app.info)  # visitors never see where the secret lives
    assert not app.get("file_uploader")


@pytest.mark.parametrize("page", ["overview", "weak", "agencies"])
def test_no_data_is_said_plainly_and_the_nearest_year_offered(app, page):
    # Quảng Ninh published no 2023 figures: nothing reads as "all fine", and no empty meeting pack is offered.
    open_page(app, page, province="22", year="2023")
    assert [w.value for w in app.warning] == [
        "Không có số liệu PAPI của Quảng Ninh năm 2023: không có dữ liệu không có nghĩa là không có gì cần cải thiện."]
    assert not app.success
    assert not any("PPTX" in b.label for b in app.get("download_button"))
    offer = app.button(key="nearest_year")
    assert offer.label == "Xem năm 2022"
    offer.click().run()
    assert app.title[0].value.endswith("2022")
    assert not any("Không có số liệu" in w.value for w in app.warning)


def test_trends_never_compute_a_change_across_a_definition_change(app):
    open_page(app, "trends", lang="en")
    table = app.dataframe[0].value.set_index("Year")
    assert table.loc[2018, "Change"] == "–" and table.loc[2021, "Change"] == "–"  # 6 to 8 dimensions; D5 rebuilt
    assert table.loc[2019, "Change"].startswith(("+", "−"))
    heatmap = json.loads(app.get("plotly_chart")[1].proto.spec)["data"][0]
    assert "null" not in json.dumps(heatmap["text"]) and heatmap["text"][7][:3] == ["", "", ""]  # D7 before 2018
    assert heatmap["y"][:2] == ["PAPI total score", "D1 Participation at Local Levels"]


def test_the_first_year_reads_as_such(app):
    open_page(app, "overview", province="1", year="2015")
    assert metrics(app)["Thay đổi so với năm trước"] == "–"
    assert "2015 là năm đầu tiên có số liệu: chưa có năm trước để so sánh." in texts(app)
    assert "Hà Nội 2015: 6 chỉ số nội dung so với cả nước" in chart_text(app).replace("<br>", " ")


@pytest.fixture
def app_2025(app, ingested_copy, tmp_path):
    from papi_analysis.ingest import ingest
    from tests.conftest import build_2025_workbook
    ingest([build_2025_workbook(tmp_path / "papi-2025.xlsx")], ingested_copy)
    return app


def test_with_2025_loaded_hoa_binh_opens_as_its_unit_phu_tho(app_2025):
    open_page(app_2025, "overview")
    assert app_2025.title[0].value == "Phú Thọ (tỉnh mới) – PAPI 2025"
    assert any("Hòa Bình là một phần của tỉnh Phú Thọ từ ngày 1/7/2025" in i.value for i in app_2025.sidebar.info)
    province = app_2025.sidebar.selectbox[0]
    assert len(province.options) == 34 and "Hòa Bình" not in province.options
    assert metrics(app_2025)["Xếp hạng"].endswith("/32")  # among the units with data
    app_2025.sidebar.selectbox[1].set_value(2023).run()
    assert app_2025.title[0].value == "Hòa Bình – PAPI 2023"  # back to the province the user came from


def test_an_earlier_year_viewed_as_the_34_units_is_marked_as_an_estimate(app_2025):
    open_page(app_2025, "trends", year="2023")
    app_2025.sidebar.toggle(key="as_units").set_value(True).run()
    assert app_2025.title[0].value == "Xu hướng – Phú Thọ (tỉnh mới)"
    assert len(app_2025.sidebar.selectbox[0].options) == 34
    table = app_2025.dataframe[0].value.set_index("Năm")
    assert table.loc[2023, "Ước tính"] == "ước tính" and table.loc[2025, "Ước tính"] == ""
    traces = json.loads(app_2025.get("plotly_chart")[0].proto.spec)["data"]
    dashed = [t for t in traces if t.get("line", {}).get("dash") == "dash" and "ước tính" in t["name"]]
    assert len(dashed) == 1
    app_2025.switch_page("pages/overview.py").run()
    assert any("số liệu năm 2023 là ƯỚC TÍNH từ các tỉnh cũ (Phú Thọ (cũ), Vĩnh Phúc, Hòa Bình)" in w.value
               for w in app_2025.warning)


def test_the_map_of_2025_draws_the_34_units(app_2025):
    open_page(app_2025, "map", lang="en")
    traces = json.loads(app_2025.get("plotly_chart")[0].proto.spec)["data"]
    units = traces[0]
    assert len(units["locations"]) == 34 and "Phu Tho" in units["locations"] and "Hoa Binh" not in units["locations"]
    assert len(units["geojson"]["features"]) == 34
    outlined = [t for t in traces if t.get("type") == "choroplethmap" and t.get("name") == "Phu Tho"]
    assert outlined and outlined[0]["locations"] == ["Phu Tho"]


def test_a_view_is_built_once_for_every_session_and_again_after_an_ingest(app, ingested_copy, monkeypatch):
    from papi_analysis import analysis
    calls = []
    real = analysis.flags_with_agencies
    monkeypatch.setattr(analysis, "flags_with_agencies", lambda *args, **kwargs: calls.append(args[1:3]) or real(*args, **kwargs))
    open_page(app, "weak", province="17", year="2023")
    first = app.dataframe[0].value
    assert calls == [(17, 2023)]
    other_session = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    open_page(other_session, "weak", province="17", year="2023")
    assert calls == [(17, 2023)]  # the second reader is served the same view, tables replayed
    assert other_session.dataframe[0].value.equals(first)
    lead_before = first.set_index("Nội dung").loc["6.2 Giáo dục tiểu học công lập", "Cơ quan chủ trì"]
    assert lead_before == "Sở Giáo dục và Đào tạo"
    table = assignments.read_file(SHARED / "reference" / "agency-assignment-draft.csv")
    table.loc[table.code == "6.2", "lead_agency"] = "Sở Nội vụ"
    assignments.save_plan(ingested_copy, assignments.DEFAULT_PLAN, 2024, table, "changed")  # a new database file
    other_session.run()
    assert calls == [(17, 2023), (17, 2023)]
    changed = other_session.dataframe[0].value.set_index("Nội dung")
    assert changed.loc["6.2 Giáo dục tiểu học công lập", "Cơ quan chủ trì"] == "Sở Nội vụ"


def test_the_data_page_unlocked_offers_the_upload(app):
    """The administrator's upload flow (its refusal summary and confirmation are tested at the ingest: AppTest
    cannot upload a file) draws without a fault."""
    open_page(app, "data")
    next(t for t in app.text_input if t.label == "Mật khẩu quản trị").input(SECRET)
    next(b for b in app.button if b.label == "Mở khóa").click().run()
    assert not app.exception and app.get("file_uploader")
    assert not any(b.label == "Xác nhận thay thế số liệu công bố đã có" for b in app.button)  # nothing refused yet


def test_a_unit_chosen_in_2025_stays_the_unit_in_2024_as_its_estimate(app_2025):
    open_page(app_2025, "overview", province="125", year="2025")
    assert app_2025.title[0].value == "Phú Thọ (tỉnh mới) – PAPI 2025"
    change = next(m for m in app_2025.metric if m.label.startswith("Thay đổi"))
    assert change.label == "Thay đổi so với 2024 (ước tính, thiếu Vĩnh Phúc)"
    assert "Giảm so với 2024 (ước tính, thiếu Vĩnh Phúc)" in texts(app_2025)
    app_2025.sidebar.selectbox[1].set_value(2024).run()
    assert app_2025.title[0].value == "Phú Thọ (tỉnh mới) – PAPI 2024 (ước tính)"  # not the former Phú Thọ (44,41)
    assert metrics(app_2025)["Điểm tổng hợp"] == "43,95" and metrics(app_2025)["Xếp hạng"].endswith("/34")
    assert app_2025.sidebar.toggle(key="as_units").value is True
    banner = next(w.value for w in app_2025.warning if "ƯỚC TÍNH" in w.value)
    assert "(Phú Thọ (cũ), Hòa Bình)" in banner  # Vĩnh Phúc has no 2024 figures: no source of this estimate
    assert "Vĩnh Phúc không có số liệu năm 2024, nên ước tính thiếu tỉnh này." in banner


def test_a_former_province_is_called_so_and_a_move_to_its_unit_goes_back(app_2025):
    open_page(app_2025, "overview", province="25", year="2024")
    assert app_2025.title[0].value == "Phú Thọ (cũ) – PAPI 2024" and metrics(app_2025)["Điểm tổng hợp"] == "44,41"
    app_2025.sidebar.selectbox[1].set_value(2025).run()
    assert app_2025.title[0].value == "Phú Thọ (tỉnh mới) – PAPI 2025"
    app_2025.sidebar.selectbox[1].set_value(2024).run()
    assert app_2025.title[0].value == "Phú Thọ (cũ) – PAPI 2024"  # the view the user chose, kept


def test_a_link_to_a_unit_before_2025_opens_its_estimate_and_keeps_the_component(app_2025):
    open_page(app_2025, "trends", province="125", year="2024", component="D2")
    assert app_2025.title[0].value == "Xu hướng – Phú Thọ (tỉnh mới)"
    assert app_2025.selectbox(key="component__vi").value == "D2"
    app_2025.switch_page("pages/overview.py").run()
    assert metrics(app_2025)["Điểm tổng hợp"] == "43,95"


def test_reasons_say_a_change_is_measured_from_an_estimate(app_2025):
    open_page(app_2025, "weak", province="125", year="2025")
    reasons = " ".join(" ".join(frame.value.get("Lý do", [])) for frame in app_2025.dataframe)
    assert "so với năm 2024 (ước tính, thiếu Vĩnh Phúc)" in reasons
    assert "so với năm 2024 " not in reasons.replace("so với năm 2024 (ước tính", "")


def test_published_unit_figures_are_never_called_estimates(app_2025):
    open_page(app_2025, "compare", province="125", year="2025")
    assert not any("ƯỚC TÍNH" in w.value for w in app_2025.warning)
    assert "ƯỚC TÍNH" not in chart_text(app_2025) and len(app_2025.dataframe) == 1
    app_2025.sidebar.selectbox[1].set_value(2024).run()
    assert any("ƯỚC TÍNH" in w.value for w in app_2025.warning) and "ƯỚC TÍNH" in chart_text(app_2025)


@pytest.mark.parametrize("params, said", [
    ({"year": "2026"}, "Đường dẫn hỏi năm 2026, nhưng chưa có số liệu năm đó: đang hiển thị năm 2024."),
    ({"province": "Atlantis"}, "Đường dẫn hỏi tỉnh “Atlantis”, nhưng không nhận ra tỉnh này: đang hiển thị Hòa Bình."),
    ({"lang": "fr"}, "Đường dẫn hỏi ngôn ngữ “fr”, không có: đang hiển thị tiếng Việt."),
])
def test_a_bad_link_says_what_it_could_not_show(app, params, said):
    open_page(app, "overview", **params)
    assert said in [w.value for w in app.warning]
    app.run()
    assert said not in [w.value for w in app.warning]  # said once, not on every rerun


def test_a_link_to_a_choice_the_page_does_not_offer_says_so(app):
    open_page(app, "trends", component="D99")
    assert any("Đường dẫn hỏi “D99”" in w.value and "“TOTAL”" not in w.value for w in app.warning)
    assert app.selectbox(key="component__vi").value == "TOTAL"


def test_abolished_departments_on_the_agencies_ranking_name_their_successor(app):
    open_page(app, "agencies", year="2023")
    ranked = set(app.dataframe[0].value.iloc[:, 0])
    assert "Sở Thông tin và Truyền thông (nay là Sở Khoa học và Công nghệ)" in ranked
