"""The Plan page served to a real browser: the targets shown, and the Word report downloaded as a user would."""
import shutil

import pytest
from docx import Document

from dashboard.server import running
from papi_analysis import plans, store
from tests.browser.conftest import serve_env
from tests.browser.test_served_app import CHARTS_DRAWN, FINISHED, TIMEOUT, open_page
from tests.test_plans import build_appendix


@pytest.fixture(scope="module")
def planned_server(ingested, tmp_path_factory):
    folder = tmp_path_factory.mktemp("served-plan")
    db = folder / "papi.duckdb"
    shutil.copyfile(ingested[0], db)
    rows, _ = plans.read_appendix(build_appendix(folder / "phu-luc.xlsx"), "phu-luc.xlsx", 2024)
    store.write(db, lambda con: plans.save_appendix(con, "Kế hoạch 123/KH-UBND", 2024, rows, "phu-luc.xlsx", 17))
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


@pytest.fixture(scope="module")
def admin_server(ingested, tmp_path_factory):
    db = tmp_path_factory.mktemp("served-admin") / "papi.duckdb"
    shutil.copyfile(ingested[0], db)
    with running(db, {**serve_env(), "PAPI_ADMIN_SECRET": "browser-test-secret"}) as served:
        yield served.url


def test_the_administrator_uploads_the_plan_s_appendix_and_its_targets_are_judged(browser, admin_server, tmp_path):
    appendix = build_appendix(tmp_path / "phu-luc-ke-hoach-123.xlsx")
    page = open_page(browser, f"{admin_server}/plan")
    try:
        page.wait_for_selector("text=Chưa có kế hoạch có chỉ tiêu cho Hòa Bình", timeout=TIMEOUT)
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
