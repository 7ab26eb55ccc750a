"""Navigation and the 2025 units in a browser: one history entry per page change, and a unit's estimate
reached by a year change and reproduced by its link."""
import shutil

import pytest

from dashboard.server import running
from papi_analysis import assignments
from papi_analysis.ingest import ingest
from tests.browser.conftest import serve_env
from tests.browser.test_served_app import FINISHED, TIMEOUT, open_page
from tests.conftest import SHARED, build_2025_workbook


@pytest.fixture(scope="module")
def server_2025(ingested, tmp_path_factory):
    """The bundled years and a 2025 table of the 34 units, served."""
    folder = tmp_path_factory.mktemp("served-2025")
    db = folder / "papi.duckdb"
    shutil.copyfile(ingested[0], db)
    ingest([build_2025_workbook(folder / "papi-2025.xlsx")], db)
    draft = SHARED / "reference" / "agency-assignment-draft.csv"
    assignments.save_plan(db, assignments.DEFAULT_PLAN, 2024, assignments.read_file(draft), draft.name)
    with running(db, serve_env()) as served:
        yield served.url


SLOW = 3 * TIMEOUT  # a new process's first run loads the database and its panel; a unit's view is built once


def settled(page, title: str, timeout: int = SLOW) -> None:
    page.wait_for_selector(f"h1:has-text('{title}')", timeout=timeout)
    page.wait_for_selector(FINISHED, timeout=timeout)


def go_to(page, menu_entry: str, title: str) -> None:
    page.locator("[data-testid='stSidebar'] a").filter(has_text=menu_entry).first.click(timeout=SLOW)
    settled(page, title)


def test_back_after_three_page_changes_returns_to_the_previous_page_in_one_press(browser, server_2025):
    page = open_page(browser, f"{server_2025}/?province=125&year=2025")
    try:
        settled(page, "Phú Thọ (tỉnh mới) – PAPI 2025")
        start = page.evaluate("history.length")
        go_to(page, "Xu hướng", "Xu hướng – Phú Thọ (tỉnh mới)")
        page.get_by_role("heading", name="Xu hướng").wait_for(timeout=TIMEOUT)
        go_to(page, "Nội dung cần cải thiện", "Nội dung cần cải thiện – Phú Thọ (tỉnh mới) 2025")
        go_to(page, "So sánh", "So sánh – 2025")
        page.wait_for_timeout(1000)  # any late write to the address would add its entry by now
        assert page.evaluate("history.length") == start + 3
        page.go_back()
        settled(page, "Nội dung cần cải thiện – Phú Thọ (tỉnh mới) 2025")
        page.go_back()
        settled(page, "Xu hướng – Phú Thọ (tỉnh mới)")
    finally:
        page.close()


def test_a_units_2024_estimate_by_a_year_change_and_by_its_link(browser, server_2025):
    page = open_page(browser, f"{server_2025}/?province=125&year=2025&component=D2")
    try:
        settled(page, "Phú Thọ (tỉnh mới) – PAPI 2025")
        page.get_by_text("Thay đổi so với 2024 (ước tính, thiếu Vĩnh Phúc)").wait_for(timeout=TIMEOUT)
        year = page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").nth(1)
        year.click(timeout=SLOW)
        page.get_by_role("option", name="2024").click(timeout=SLOW)
        settled(page, "Phú Thọ (tỉnh mới) – PAPI 2024 (ước tính)")
        page.get_by_text("43,95").first.wait_for(timeout=SLOW)  # the unit's estimate, not the former Phú Thọ's 44,41
        page.wait_for_function("location.search.includes('year=2024')", timeout=TIMEOUT)
        link = page.url
        assert "province=125" in link and "component=D2" in link
    finally:
        page.close()
    fresh = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        again = fresh.new_page()
        again.goto(link)
        settled(again, "Phú Thọ (tỉnh mới) – PAPI 2024 (ước tính)")
        again.get_by_text("43,95").first.wait_for(timeout=SLOW)
        go_to(again, "Xu hướng", "Xu hướng – Phú Thọ (tỉnh mới)")
        assert "component=D2" in again.url
        again.wait_for_function("document.body.innerText.includes('D2 Công khai, minh bạch')", timeout=TIMEOUT)
    finally:
        fresh.close()


def test_after_an_upload_the_data_page_lists_the_new_year_and_offers_it(browser, admin_server, tmp_path):
    workbook = build_2025_workbook(tmp_path / "papi-2025.xlsx")
    page = open_page(browser, f"{admin_server}/data")
    try:
        settled(page, "Dữ liệu")
        page.get_by_label("Mật khẩu quản trị").fill("browser-test-secret")
        page.get_by_role("button", name="Mở khóa").click()
        page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(workbook))
        page.wait_for_selector("[data-testid='stFileChip']", timeout=SLOW)
        page.get_by_role("button", name="Nạp vào cơ sở dữ liệu").click(timeout=SLOW)
        page.get_by_text("Đã nạp: 2025.").wait_for(timeout=SLOW)
        page.wait_for_selector(FINISHED, timeout=SLOW)
        assert page.locator("[data-testid='stMetric']").first.inner_text().split()[-2].endswith("2025")  # 2015–2025
        page.get_by_role("button", name="Xem số liệu năm 2025").click(timeout=SLOW)
        page.wait_for_function("location.search.includes('year=2025')", timeout=SLOW)
        go_to(page, "Tổng quan", "Phú Thọ (tỉnh mới) – PAPI 2025")
    finally:
        page.close()
