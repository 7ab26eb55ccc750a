"""The Plan page served to a real browser: the targets shown, and the Word report downloaded as a user would."""
import shutil

import pytest
from docx import Document

from dashboard.server import running
from papi_analysis import plans, store
from tests.browser.conftest import serve_env
from tests.browser.test_served_app import TIMEOUT, open_page
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
        page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning'] .js-plotly-plot .main-svg",
                               timeout=TIMEOUT)
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
