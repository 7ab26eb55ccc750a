"""Server time of each page's rerun, against a trivial AppTest script in the same run; and the
cold start on the bundled data.

    python -m benchmarks.app

Goal: each page's warm rerun at most 5x the trivial script's (each view's tables and charts are built once
and replayed after), and at most 300 ms.
"""
from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1 import app_test as app_test_module
from streamlit.testing.v1 import local_script_runner

from tests.test_plans import save_built_appendix

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["overview", "trends", "weak", "agencies", "plan", "compare", "map", "data"]
ROUNDS = 15
TRIVIAL = "import streamlit as st\nst.title('x')\nst.write('y')\n"


class _NavigationPagesManager(PagesManager):
    """As in tests/test_app.py: behave as the server does once st.navigation has run."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        PagesManager.uses_pages_directory = False


def serve_like_the_server() -> None:
    """AppTest runs each script as the server does once st.navigation has run, and compiles each script once
    per process as the server's runtime does (AppTest alone compiles every script on every run)."""
    app_test_module.PagesManager = _NavigationPagesManager
    compiled = ScriptCache()
    app_test_module.ScriptCache = local_script_runner.ScriptCache = lambda: compiled


def best_rerun(app: AppTest) -> float:
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        app.run()
        times.append(time.perf_counter() - start)
    assert not app.exception, app.exception
    return min(times)


def main() -> None:
    serve_like_the_server()
    with tempfile.TemporaryDirectory() as folder:
        os.environ["PAPI_DB"] = str(Path(folder) / "papi.duckdb")  # absent: built from data/ on first use
        start = time.perf_counter()
        cold = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        cold.run()
        cold_start = time.perf_counter() - start
        trivial = AppTest.from_string(TRIVIAL)
        trivial.run()
        baseline = best_rerun(trivial)
        print(f"cold start on the bundled data (build database, load panel, first page): {cold_start:.2f} s")
        # Hòa Bình's 2024 appendix (the tests' example), so that the Plan page shows its targets
        db = Path(os.environ["PAPI_DB"])
        save_built_appendix(db, Path(folder))
        print(f"trivial script rerun: {baseline * 1000:.1f} ms")
        for page in PAGES:
            app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
            app.run()
            if page != "overview":
                app.switch_page(f"pages/{page}.py").run()
            warm = best_rerun(app)
            print(f"  {page:9s} rerun {warm * 1000:6.0f} ms  ({warm / baseline:4.1f}x trivial; goal <= 5x and <= 300 ms)")


if __name__ == "__main__":
    main()
