"""A served dashboard (`streamlit run`) and Debian's headless Chromium driven by Playwright."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from papi_analysis import assignments
from tests.conftest import ROOT, SHARED

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


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


def serve(db, tmp_path_factory, extra_env=None):
    port = free_port()
    log = tmp_path_factory.mktemp("server") / "streamlit.log"
    env = {**os.environ, "PAPI_DB": str(db), "PAPI_GEOJSON": str(SHARED / "geo" / "vietnam_provinces_63.geojson"),
           **(extra_env or {})}
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return process, url
        except OSError:
            time.sleep(0.3)
        if process.poll() is not None:
            break
    process.kill()
    raise RuntimeError(f"streamlit did not start: {log.read_text()[-2000:]}")


@pytest.fixture(scope="module")
def server(ingested, tmp_path_factory):
    db = tmp_path_factory.mktemp("served") / "papi.duckdb"
    shutil.copyfile(ingested[0], db)
    draft = SHARED / "reference" / "agency-assignment-draft.csv"
    assignments.save_plan(db, assignments.DEFAULT_PLAN, 2024, assignments.read_file(draft), draft.name)
    process, url = serve(db, tmp_path_factory, {"PAPI_ADMIN_SECRET": "browser-test-secret"})
    yield url
    process.terminate()
    process.wait(timeout=20)
