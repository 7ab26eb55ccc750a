"""The Plan page served to a real browser: the targets shown, the Word report downloaded as a user would, the
one plan editor, and a later year's plan pending."""
import shutil
from urllib.parse import quote

import pytest
from docx import Document

from dashboard.server import running
from papi_analysis import plans, store
from papi_analysis.ingest import ingest
from tests.browser.conftest import serve_env
from tests.conftest import build_2025_workbook
from tests.browser.test_served_app import CHARTS_DRAWN, FINISHED, TIMEOUT, open_page
from tests.test_plans import build_appendix, save_built_appendix


@pytest.fixture(scope="module")
def planned_server(ingested, tmp_path_factory):
    folder = tmp_path_factory.mktemp("served-plan")
    db = folder / "papi.duckdb"
    shutil.copyfile(ingested[0], db)
    save_built_appendix(db, folder)
    with running(db, serve_env()) as served:
        yield served.url


def test_the_plan_page_downloads_the_consolidated_report(browser, planned_server):
    page = open_page(browser, f"{planned_server}/plan")
    try:
        page.wait_for_selector("h1:has-text('Kế hoạch – Hòa Bình 2024')", timeout=TIMEOUT)
        page.wait_for_selector(CHARTS_DRAWN, timeout=TIMEOUT)
        assert page.locator("[data-testid='stMetric']", has_text="Không đạt").inner_text().split()[-1] == "3"
        button = page.locator("[data-testid='stDownloadButton'] button", has_text="báo cáo tổng hợp")
        with page.expect_download(timeout=TIMEOUT) as download:
            button.click()
        assert download.value.suggested_filename == "bao-cao-PAPI-Hoa_Binh-2024-vi.docx"
        document = Document(download.value.path())
        content = "\n".join(p.text for p in document.paragraphs)
        assert "đạt 43,48 điểm, xếp thứ 32/61" in content
        assert page.locator("[data-testid='stException']").count() == 0
    finally:
        page.close()


def settled(page) -> None:
    """Wait for the rerun a widget's change started to finish."""
    page.wait_for_timeout(300)
    page.wait_for_selector(FINISHED, timeout=TIMEOUT)


def test_the_administrator_uploads_the_plan_s_appendix_and_its_targets_are_judged(browser, admin_server, tmp_path):
    appendix = build_appendix(tmp_path / "phu-luc-ke-hoach-123.xlsx")
    page = open_page(browser, f"{admin_server}/plan")
    try:
        page.wait_for_selector("text=chưa có chỉ tiêu (chỉ phân công cơ quan chủ trì)", timeout=TIMEOUT)
        page.get_by_label("Mật khẩu quản trị").fill("browser-test-secret")
        page.get_by_role("button", name="Mở khóa").click()
        name = page.get_by_label("Tên kế hoạch")
        name.fill("Kế hoạch 123/KH-UBND")
        name.press("Enter")
        settled(page)
        page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(appendix))
        page.wait_for_selector("[data-testid='stFileChip']", timeout=TIMEOUT)
        settled(page)
        page.get_by_role("button", name="Lưu kế hoạch").click()
        page.wait_for_selector("text=Đã lưu kế hoạch 'Kế hoạch 123/KH-UBND': 7 chỉ tiêu", timeout=TIMEOUT)
        metric = page.locator("[data-testid='stMetric']", has_text="Không đạt")
        metric.wait_for(timeout=TIMEOUT)
        assert metric.inner_text().split()[-1] == "3"
        assert page.locator("[data-testid='stException']").count() == 0
    finally:
        page.close()


@pytest.fixture
def planned_admin_server(ingested, tmp_path):
    db = tmp_path / "papi.duckdb"
    shutil.copyfile(ingested[0], db)
    save_built_appendix(db, tmp_path)
    with running(db, {**serve_env(), "PAPI_ADMIN_SECRET": "browser-test-secret"}) as served:
        yield served.url, db


def test_the_agencies_page_leads_to_the_one_editor_whose_save_keeps_every_target_and_task(browser,
                                                                                         planned_admin_server):
    url, db = planned_admin_server
    with store.reader(db) as con:
        before = plans.targets_of(con, "Kế hoạch 123/KH-UBND")
    page = open_page(browser, f"{url}/agencies")
    try:
        page.wait_for_selector("h1:has-text('Cơ quan – Hòa Bình 2024')", timeout=TIMEOUT)
        page.wait_for_selector(FINISHED, timeout=TIMEOUT)
        assert page.get_by_role("button", name="Lưu kế hoạch").count() == 0  # no second editor here
        page.get_by_role("link", name="Nhập hoặc sửa kế hoạch và bảng phân công ở trang Kế hoạch").click()
        page.wait_for_selector("h1:has-text('Kế hoạch – Hòa Bình 2024')", timeout=TIMEOUT)
        page.get_by_label("Mật khẩu quản trị").fill("browser-test-secret")
        page.get_by_role("button", name="Mở khóa").click()
        page.get_by_role("button", name="Lưu kế hoạch").click()
        page.wait_for_selector("text=Đã lưu kế hoạch 'Kế hoạch 123/KH-UBND': 7 chỉ tiêu; 1 nhiệm vụ chung",
                               timeout=TIMEOUT)
        metric = page.locator("[data-testid='stMetric']", has_text="Số chỉ tiêu")
        assert metric.inner_text().split()[-1] == "7"
        assert page.locator("[data-testid='stException']").count() == 0
    finally:
        page.close()
    with store.reader(db) as con:
        after = plans.targets_of(con, "Kế hoạch 123/KH-UBND")
        stored = plans.stored_plan(con, "Kế hoạch 123/KH-UBND")
    assert after == before  # every target, task, general task, result and deadline, as imported
    assert stored.document() == "Kế hoạch số 123/KH-UBND ngày 05/6/2024"


@pytest.fixture
def server_2025_with_a_2026_plan(ingested, tmp_path):
    """The bundled years, a 2025 table of the 34 units, and Phú Thọ's 2026 plan drafted from the 2024 one."""
    db = tmp_path / "papi.duckdb"
    shutil.copyfile(ingested[0], db)
    ingest([build_2025_workbook(tmp_path / "papi-2025.xlsx")], db)
    save_built_appendix(db, tmp_path, province=125)
    store.write(db, lambda con: plans.save_appendix(con, "Kế hoạch năm 2026", 2026, plans.next_year_rows(
        plans.next_year_rows(plans.targets_of(con, "Kế hoạch 123/KH-UBND"))), "dashboard editor", 125))
    with running(db, serve_env()) as served:
        yield served.url


def test_a_2026_plan_has_no_result_yet_on_the_2025_results(browser, server_2025_with_a_2026_plan):
    page = open_page(browser, f"{server_2025_with_a_2026_plan}/plan?province=125&year=2025&plan="
                              f"{quote('Kế hoạch năm 2026')}")
    try:
        page.wait_for_selector("h1:has-text('Kế hoạch – Phú Thọ')", timeout=TIMEOUT)
        page.wait_for_selector(CHARTS_DRAWN, timeout=TIMEOUT)
        page.wait_for_selector("text=Chỉ tiêu đặt cho năm 2026; chưa có kết quả năm 2026", timeout=TIMEOUT)
        pending = page.locator("[data-testid='stMetric']", has_text="Chưa có kết quả")
        assert pending.inner_text().split()[-1] == "6"  # every target understood; "Cải thiện rõ rệt" is not
        for status in ("Đạt", "Không đạt"):
            assert page.locator("[data-testid='stMetric']", has_text=status).first.inner_text().split()[-1] == "0"
        assert page.locator("[data-testid='stException']").count() == 0
    finally:
        page.close()
