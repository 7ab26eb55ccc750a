"""N concurrent headless-browser sessions walking through the served dashboard.

    python -m benchmarks.load [SESSIONS]

Serves the app with `streamlit run` on the bundled data and drives, in one headless Chromium,
one session alone and then SESSIONS (default 20) at once through five pages. Reports the p50 and
p95 time until each page's content shows, the concurrent p95 against the single session's, and the
errors seen. Goal: 20 sessions, zero errors, p95 within 3x the single-session time.
"""
from __future__ import annotations

import asyncio
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from dashboard.server import running
from papi_analysis.dataset import load_bundled

PAGES = [("", "Hòa Bình – PAPI"), ("trends", "Xu hướng"), ("weak", "Nội dung cần cải thiện"),
         ("compare", "So sánh"), ("agencies", "Cơ quan")]
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]
TIMEOUT = 120_000


async def session(browser, url: str, times: list[float], errors: list[str]) -> None:
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    try:
        for path, title in PAGES:
            start = time.perf_counter()
            await page.goto(f"{url}/{path}")
            await page.wait_for_selector(f"h1:has-text('{title}')", timeout=TIMEOUT)
            await page.wait_for_selector("[data-testid='stDataFrame'], .js-plotly-plot", timeout=TIMEOUT)
            times.append(time.perf_counter() - start)
            if await page.locator("[data-testid='stException']").count():
                errors.append(f"exception shown on /{path}")
    except Exception as exc:  # counted and reported, not hidden
        errors.append(f"{type(exc).__name__}: {str(exc)[:120]}")
    finally:
        await context.close()


async def run(url: str, sessions: int) -> tuple[list[float], list[float], list[str]]:
    from playwright.async_api import async_playwright
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=shutil.which("chromium"), args=ARGS)
        single, errors = [], []
        await session(browser, url, [], errors)  # warm the server's caches
        await session(browser, url, single, errors)
        crowd: list[float] = []
        await asyncio.gather(*(session(browser, url, crowd, errors) for _ in range(sessions)))
        await browser.close()
    return single, crowd, errors


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    sessions = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    if shutil.which("chromium") is None:
        raise SystemExit("needs Debian's chromium (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "papi.duckdb"
        load_bundled(db)
        with running(db) as url:
            single, crowd, errors = asyncio.run(run(url, sessions))
    one = statistics.median(single)
    print(f"single session: p50 {one:.2f} s per page")
    if crowd:
        p50, p95 = statistics.median(crowd), percentile(crowd, 0.95)
        print(f"{sessions} concurrent sessions: p50 {p50:.2f} s, p95 {p95:.2f} s per page "
              f"({len(crowd)} page loads); p95 is {p95 / one:.1f}x the single session (goal <= 3x)")
    print(f"errors: {len(errors)}" + ("".join(f"\n  {e}" for e in errors[:10])))


if __name__ == "__main__":
    main()
