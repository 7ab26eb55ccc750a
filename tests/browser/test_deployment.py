"""Several Streamlit processes behind HAProxy, as `python tasks.py serve` runs them: each browser keeps to its
worker, every worker reads the same database file, and a worker that dies is started again while the others
serve."""
import os
import shutil
import signal
import time
import urllib.request

import pytest

from dashboard.server import HAPROXY, deployed
from papi_analysis import plans, store
from tests.browser.conftest import serve_env
from tests.conftest import require_haproxy
from tests.browser.test_served_app import FINISHED, TIMEOUT
from tests.test_plans import save_built_appendix



@pytest.fixture(scope="module")
def two_workers(ingested, tmp_path_factory):
    require_haproxy()
    db = tmp_path_factory.mktemp("deployed") / "papi.duckdb"
    shutil.copyfile(ingested[0], db)
    with deployed(db, 2, serve_env()) as served:
        yield served, db


def open_user(browser, url, path=""):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(f"{url}/{path}")
    page.wait_for_selector("h1", timeout=TIMEOUT)
    page.wait_for_selector(FINISHED, timeout=TIMEOUT)
    return context, page


def worker_of(context) -> str:
    return next(c["value"] for c in context.cookies() if c["name"] == "PAPI_WORKER")


def test_each_browser_keeps_to_its_worker_and_both_read_the_same_database(browser, two_workers, tmp_path):
    served, db = two_workers
    first, first_page = open_user(browser, served.url, "plan")
    second, second_page = open_user(browser, served.url, "plan")
    try:
        assert {worker_of(first), worker_of(second)} == {"worker1", "worker2"}  # one each: the fewest sessions
        for page in (first_page, second_page):
            assert page.locator("text=chưa có chỉ tiêu (chỉ phân công cơ quan chủ trì)").count() == 1
        save_built_appendix(db, tmp_path)
        for context, page in ((first, first_page), (second, second_page)):
            worker = worker_of(context)
            page.locator("[data-testid='stSidebar'] a[href^='weak']").click()
            page.wait_for_selector("h1:has-text('Nội dung cần cải thiện')", timeout=TIMEOUT)
            page.locator("[data-testid='stSidebar'] a[href^='plan']").click()
            page.wait_for_selector("h1:has-text('Kế hoạch')", timeout=TIMEOUT)
            metric = page.locator("[data-testid='stMetric']", has_text="Không đạt")
            metric.wait_for(timeout=TIMEOUT)
            assert metric.inner_text().split()[-1] == "3"  # the new file, read by this worker too
            assert worker_of(context) == worker  # the page changes went to the same process
            assert page.locator("[data-testid='stException']").count() == 0
    finally:
        first.close()
        second.close()


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


def test_a_killed_worker_is_started_again_and_the_service_keeps_answering(two_workers):
    served, _ = two_workers
    killed = served.workers[0]
    os.kill(killed, signal.SIGKILL)
    # Meanwhile every request is answered: the proxy sends it to the other worker, then leaves the dead one out.
    deadline = time.time() + 120
    while served.workers[0] == killed or not answers(served.worker_urls[0]):
        assert answers(served.url)
        assert time.time() < deadline, "the killed worker was not started again"
        time.sleep(0.5)
    assert answers(served.url) and served.workers[0] != killed and answers(served.worker_urls[1])


@pytest.fixture(scope="module")
def two_admin_workers(ingested, tmp_path_factory):
    if HAPROXY is None:
        pytest.skip("HAProxy is not installed (apt-get install haproxy)")
    folder = tmp_path_factory.mktemp("deployed-admin")
    db = folder / "papi.duckdb"
    shutil.copyfile(ingested[0], db)
    save_built_appendix(db, folder)
    with deployed(db, 2, {**serve_env(), "PAPI_ADMIN_SECRET": "browser-test-secret"}) as served:
        yield served, db


SAVED = "text=Đã lưu kế hoạch 'Kế hoạch 123/KH-UBND'"
STALE = "text=đã được lưu lại lúc"


def test_two_administrators_on_two_workers_saving_one_plan_at_once_lose_nothing_silently(browser, two_admin_workers):
    served, db = two_admin_workers
    users = []
    for _ in range(2):  # the first page of a worker builds its caches: on a busy machine, longer than a page change
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.goto(f"{served.url}/plan")
        page.wait_for_selector("text=Từng chỉ tiêu", timeout=3 * TIMEOUT)
        page.wait_for_selector(FINISHED, timeout=3 * TIMEOUT)
        users.append((context, page))
    try:
        assert {worker_of(context) for context, _ in users} == {"worker1", "worker2"}
        for _, page in users:
            page.get_by_label("Mật khẩu quản trị").fill("browser-test-secret")
            page.get_by_role("button", name="Mở khóa").click()
            page.get_by_role("button", name="Lưu kế hoạch").wait_for(timeout=TIMEOUT)
            page.wait_for_selector(FINISHED, timeout=TIMEOUT)
        for _, page in users:  # both click at once, each on the plan as its page showed it
            page.get_by_role("button", name="Lưu kế hoạch").click()
        outcomes = []
        for _, page in users:
            page.locator(SAVED).or_(page.locator(STALE)).first.wait_for(timeout=2 * TIMEOUT)
            outcomes.append("saved" if page.locator(SAVED).count() else "refused")
            assert page.locator("[data-testid='stException']").count() == 0
        assert sorted(outcomes) in (["refused", "saved"], ["saved", "saved"])
        with store.reader(db) as con:
            assert plans.version(con, "Kế hoạch 123/KH-UBND").source == "dashboard editor"
            assert len(plans.targets_of(con, "Kế hoạch 123/KH-UBND")) == 8
    finally:
        for context, _ in users:
            context.close()
