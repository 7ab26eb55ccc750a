"""Each page of the served app, loaded in headless Chromium: its key content renders."""
import socket

import pytest
from playwright.sync_api import expect

from dashboard import server as server_module
from dashboard.server import running
from tests.browser.conftest import serve_env

TIMEOUT = 45_000
FINISHED = "[data-testid='stApp'][data-test-script-state='notRunning']"  # the app, its script run finished
CHARTS_DRAWN = f"{FINISHED} .js-plotly-plot .main-svg"


def open_page(browser, url):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(url)
    page.wait_for_selector("h1", timeout=TIMEOUT)
    return page


@pytest.mark.parametrize("path, title, content", [
    ("", "Hòa Bình – PAPI 2024", "text=Số liệu năm 2024 do bên thứ ba tổng hợp"),
    ("?year=2023", "Hòa Bình – PAPI 2023", "text=43,55"),
    ("trends?component=D2", "Xu hướng – Hòa Bình", ".js-plotly-plot"),
    ("weak?year=2023", "Nội dung cần cải thiện – Hòa Bình 2023", "text=Xem chỉ tiêu thành phần (câu hỏi khảo sát) của nội dung"),
    ("agencies?year=2023", "Cơ quan – Hòa Bình 2023", "text=Chủ trì"),
    ("plan", "Kế hoạch – Hòa Bình 2024", "text=chưa có chỉ tiêu (chỉ phân công cơ quan chủ trì)"),
    ("compare?lang=en&year=2023", "Compare – 2023", "text=ESTIMATE"),
    ("map?year=2023", "Bản đồ – 2023", ".maplibregl-canvas"),
    ("data", "Dữ liệu", "text=Cảnh báo chất lượng dữ liệu"),
])
def test_each_page_renders_its_key_content(browser, server, path, title, content):
    page = open_page(browser, f"{server}/{path}")
    try:
        page.wait_for_selector(f"h1:has-text('{title}')", timeout=TIMEOUT)
        page.wait_for_selector(content, timeout=TIMEOUT)
        assert page.locator("[data-testid='stException']").count() == 0
    finally:
        page.close()


def test_sidebar_selection_changes_the_page_and_the_link(browser, server):
    page = open_page(browser, f"{server}/?lang=en")
    try:
        page.wait_for_selector("h1:has-text('Hoa Binh – PAPI 2024')", timeout=TIMEOUT)
        sidebar = page.locator("[data-testid='stSidebar']")
        sidebar.locator("[data-testid='stSelectbox']").nth(1).click()
        page.keyboard.type("2019")  # the list of ten years scrolls; typing filters it
        page.get_by_role("option", name="2019").click()
        page.wait_for_selector("h1:has-text('Hoa Binh – PAPI 2019')", timeout=TIMEOUT)
        page.wait_for_function("location.search.includes('year=2019')", timeout=TIMEOUT)
        assert sidebar.locator("[data-testid='stSelectbox']").count() == 2  # the sidebar survives the rerun
    finally:
        page.close()


def test_a_deep_link_as_a_servers_first_request(browser, ingested):
    with running(ingested[0], serve_env()) as served:
        page = open_page(browser, f"{served.url}/weak?lang=en&province=1&year=2019")
        page.wait_for_selector("h1:has-text('Weak components – Ha Noi 2019')", timeout=TIMEOUT)
        page.wait_for_selector("[data-testid='stSidebar'] [data-testid='stSelectbox']", timeout=TIMEOUT)
        assert page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").count() == 2
        page.close()


def test_the_first_session_of_a_server_keeps_its_choices_across_pages(browser, ingested):
    # A server process's first run goes through Streamlit's pages-folder mode; its sidebar once lost
    # the province and year on the first page change.
    with running(ingested[0], serve_env()) as served:
        page = open_page(browser, f"{served.url}/?lang=en&province=48&year=2019")
        # Đà Nẵng is also a 2025 unit's name: the former province is called so
        page.wait_for_selector("h1:has-text('Da Nang (former) – PAPI 2019')", timeout=TIMEOUT)
        page.click("[data-testid='stSidebar'] a[href^='trends']")
        page.wait_for_selector("h1:has-text('Trends – Da Nang')", timeout=TIMEOUT)
        page.click("[data-testid='stSidebar'] a[href^='weak']")
        page.wait_for_selector("h1:has-text('Weak components – Da Nang (former) 2019')", timeout=TIMEOUT)
        page.wait_for_function("location.search.includes('province=48') && location.search.includes('lang=en')",
                               timeout=TIMEOUT)
        page.close()


def test_a_tables_csv_download_holds_its_rows_in_the_chosen_language(browser, server):
    page = open_page(browser, f"{server}/trends?lang=en&component=D2")
    try:
        page.wait_for_selector("h1:has-text('Trends – Hoa Binh')", timeout=TIMEOUT)
        page.wait_for_selector(CHARTS_DRAWN, timeout=TIMEOUT)
        button = page.locator("[data-testid='stDownloadButton'] button", has_text="CSV").first
        with page.expect_download(timeout=TIMEOUT) as download:
            button.click()
        body = open(download.value.path(), encoding="utf-8").read()
        assert download.value.suggested_filename.endswith(".csv")
        assert body.startswith("\ufeffYear,Score,Estimate,Rank")  # a BOM, so that Excel reads Vietnamese names
        rows = body.splitlines()
        assert len(rows) == 1 + 10  # the years with D2 scores, 2015-2024
        assert rows[-1].startswith("2024,")
    finally:
        page.close()


def test_a_port_taken_before_the_server_binds_it_is_retried(ingested, monkeypatch):
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        taken = squatter.getsockname()[1]
        ports = iter([taken])
        real_free_port = server_module.free_port
        monkeypatch.setattr(server_module, "free_port", lambda: next(ports, None) or real_free_port())
        with running(ingested[0], serve_env()) as served:
            assert not served.url.endswith(f":{taken}")


def sidebar_province(page):
    return page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox'] input[role='combobox']").first.input_value()


def test_switching_language_keeps_the_province_on_every_page(browser, server):
    page = open_page(browser, f"{server}/?province=17")
    try:
        page.wait_for_selector("h1:has-text('Hòa Bình – PAPI')", timeout=TIMEOUT)
        steps = [("English", "trends", "Hoa Binh"), ("Tiếng Việt", "weak", "Hòa Bình"), ("English", "agencies", "Hoa Binh"),
                 ("Tiếng Việt", "plan", "Hòa Bình"), ("English", "compare", "Hoa Binh"),
                 ("Tiếng Việt", "compare", "Hòa Bình"), ("English", "map", "Hoa Binh"), ("Tiếng Việt", "data", "Hòa Bình"),
                 ("English", "overview", "Hoa Binh")]
        for language, target, name in steps:
            page.locator(f"[data-testid='stSidebar'] label:has-text('{language}')").click()
            page.wait_for_function(f"location.search.includes('lang={'en' if language == 'English' else 'vi'}')",
                                   timeout=TIMEOUT)
            link = page.locator("[data-testid='stSidebar'] a").first if target == "overview" else \
                page.locator(f"[data-testid='stSidebar'] a[href^='{target}']")
            link.click()
            # the menu's Overview link is /overview; the bare address / runs the same page
            ending = "/overview') || location.pathname.endsWith('/" if target == "overview" else f"/{target}"
            page.wait_for_function(f"location.pathname.endsWith('{ending}')", timeout=TIMEOUT)
            page.wait_for_selector(FINISHED, timeout=TIMEOUT)
            assert name in sidebar_province(page), (language, target)
            assert "province=17" in page.url, (language, target)
            if target in ("trends", "weak", "agencies", "plan", "overview"):
                assert name in page.locator("h1").first.inner_text(), (language, target)
    finally:
        page.close()


def test_a_year_without_data_says_so_and_offers_the_nearest(browser, server):
    page = open_page(browser, f"{server}/weak?province=22&year=2023")
    try:
        page.wait_for_selector("text=Không có số liệu PAPI của Quảng Ninh năm 2023", timeout=TIMEOUT)
        assert page.locator("text=Không có nội dung nào cần cảnh báo").count() == 0
        assert page.locator("[data-testid='stDownloadButton']", has_text="PPTX").count() == 0
        page.get_by_role("button", name="Xem năm 2022").click()
        page.wait_for_selector("h1:has-text('Quảng Ninh 2022')", timeout=TIMEOUT)
        page.wait_for_function("location.search.includes('year=2022')", timeout=TIMEOUT)
    finally:
        page.close()


def test_the_weak_components_table_shows_every_row_and_its_owner(browser, server):
    page = open_page(browser, f"{server}/weak?year=2023")  # 1400 px wide
    try:
        page.wait_for_selector(f"{FINISHED} [data-testid='stDataFrame']",
                               timeout=TIMEOUT)
        first = page.locator("[data-testid='stDataFrame']").first
        # The grid keeps accessible headers and rows for what is on screen only, and draws them after the script
        # has finished: wait for every row to be there before reading.
        expect(first.locator("[role='row']")).to_have_count(1 + 10, timeout=TIMEOUT)  # the ten behind other provinces
        headers = [h.inner_text() for h in first.locator("[role='columnheader']").all()]
        assert headers[:3] == ["Nội dung", "Cơ quan chủ trì", "Điểm"]
        assert "Ưu tiên" not in headers
        assert page.locator("h3", has_text="Kém hơn các tỉnh khác (10)").count() == 1
    finally:
        page.close()


def boxes(page, selector):
    return [b for b in (e.bounding_box() for e in page.locator(selector).all()) if b]


def overlap(a, b):
    return a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"] and \
        a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"]


@pytest.mark.parametrize("width, height", [(390, 844), (1440, 900)])
def test_the_overview_chart_fits_a_phone_and_a_wide_screen(browser, server, width, height):
    page = browser.new_page(viewport={"width": width, "height": height})
    try:
        page.goto(f"{server}/?year=2023")
        plot = page.locator(".js-plotly-plot").first
        page.wait_for_selector(CHARTS_DRAWN, timeout=TIMEOUT)
        plot.scroll_into_view_if_needed()
        frame = plot.bounding_box()
        texts = boxes(page, ".js-plotly-plot >> nth=0 >> .gtitle, .gtitle-subtitle")
        assert texts and all(t["x"] >= frame["x"] and t["x"] + t["width"] <= frame["x"] + frame["width"] + 1
                             for t in texts), (texts, frame)  # the title and subtitle are not cut
        legend = boxes(page, ".js-plotly-plot >> nth=0 >> .legend")[0]
        assert not any(overlap(legend, t) for t in texts)
        ticks = boxes(page, ".js-plotly-plot >> nth=0 >> .ytick text")
        assert len(ticks) == 8 and not any(overlap(a, b) for a, b in zip(ticks, ticks[1:]))
    finally:
        page.close()
