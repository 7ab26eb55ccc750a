"""A served dashboard (`streamlit run`) and Debian's headless Chromium driven by Playwright."""
from __future__ import annotations

import os
import shutil

import pytest

from dashboard.server import CHROMIUM, CHROMIUM_ARGS, running
from papi_analysis import assignments
from tests.conftest import SHARED



@pytest.fixture(scope="session")
def browser():
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing: .ci/run installs Debian's chromium package")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def serve_env() -> dict[str, str]:
    return {"PAPI_GEOJSON": str(SHARED / "geo" / "vietnam_provinces_63.geojson")}


@pytest.fixture(scope="module")
def server(ingested, tmp_path_factory):
    db = tmp_path_factory.mktemp("served") / "papi.duckdb"
    shutil.copyfile(ingested[0], db)
    draft = SHARED / "reference" / "agency-assignment-draft.csv"
    assignments.save_plan(db, assignments.DEFAULT_PLAN, 2024, assignments.read_file(draft), draft.name)
    with running(db, {**serve_env(), "PAPI_ADMIN_SECRET": "browser-test-secret"}) as served:
        yield served.url


@pytest.fixture(scope="module")
def admin_server(ingested, tmp_path_factory):
    """A served dashboard of its own with the administrator's secret set, for a module whose tests write."""
    db = tmp_path_factory.mktemp("served-admin") / "papi.duckdb"
    shutil.copyfile(ingested[0], db)
    with running(db, {**serve_env(), "PAPI_ADMIN_SECRET": "browser-test-secret"}) as served:
        yield served.url
