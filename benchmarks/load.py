"""N concurrent sessions using the served dashboard as staff do: the server's answers, and pages in
headless browsers.

    python -m benchmarks.load [--sessions 20] [--think 5 15] [--ramp 10] [--walks 3] [--server-only] [--workers N]

Serves the app on the bundled data as `docs/operations.md` recommends for the machine: one Streamlit process
a core behind HAProxy with sticky sessions (`dashboard.server.deployed`; `--workers 1` serves one process
alone, without the proxy). A session opens the dashboard, then changes
page from the sidebar through four more pages, reading each for a random 5-15 s (`--think`). One
session walks alone `--walks` times, then SESSIONS walk at once, starting at random within the first
`--ramp` seconds. This is done twice:

1. Server: each session is a websocket client sending what the browser sends on a page change, and
   timing the server's answer (until its "script finished" message), with no browser to draw it.
   Each answer must hold a table or a chart and no exception.
2. Browsers: each session is its own headless Chromium context (a user with an empty cache), timed
   until the new page's title is there, its script has finished and every chart is drawn. Errors are
   exceptions shown, JavaScript errors and timeouts.

Both report p50 and p95 alone and in the crowd. The browsers run on the same cores as the server,
as users' browsers never do; on Linux they run at a lower priority (nice 10), and the benchmark
prints the CPU seconds they and the server used, so that the share of the slowdown that is theirs
is plain. Goal: 20 sessions, zero errors, p95 within 3x the single session's.
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from dashboard.server import CHROMIUM, CHROMIUM_ARGS, default_workers, deployed, running
from papi_analysis.dataset import load_bundled

# (URL path, the start of its title in Vietnamese); the first is opened by address.
WALK = [("", "Hòa Bình – PAPI"), ("trends", "Xu hướng"), ("weak", "Nội dung cần cải thiện"),
        ("compare", "So sánh"), ("agencies", "Cơ quan")]
TIMEOUT_S = 180
CONTENT_SHOWN = """title => {
    const titled = [...document.querySelectorAll('h1')].some(h => h.textContent.includes(title));
    const app = document.querySelector('[data-testid="stApp"]');
    const finished = app !== null && app.getAttribute('data-test-script-state') === 'notRunning';
    const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
    const content = document.querySelector('[data-testid="stDataFrame"], [data-testid="stPlotlyChart"]');
    return titled && finished && content !== null && charts.every(c => c.querySelector('.main-svg'));
}"""


@dataclass
class Views:
    """Seconds per page view, by kind ('load': the first page; 'change': a page change), and errors."""
    seconds: list[tuple[str, float]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def add(self, number: int, seconds: float) -> None:
        self.seconds.append(("load" if number == 0 else "change", seconds))

    def values(self, kind: str | None = None) -> list[float]:
        return [s for k, s in self.seconds if kind in (None, k)]


Walker = Callable[[Views, tuple[float, float], random.Random], Awaitable[None]]
PageShower = Callable[[int, str, str], Awaitable[None]]  # (number in the walk, URL path, title)


def walker(session: Callable[[Views], contextlib.AbstractAsyncContextManager[PageShower]]) -> Walker:
    """A session walking through WALK, timing each page as `session` shows it, reading in between."""

    async def walk(views: Views, think: tuple[float, float], rng: random.Random) -> None:
        try:
            async with session(views) as show:
                for number, (path, title) in enumerate(WALK):
                    start = time.perf_counter()
                    await show(number, path, title)
                    views.add(number, time.perf_counter() - start)
                    if number < len(WALK) - 1:
                        await asyncio.sleep(rng.uniform(*think))
        except Exception as exc:  # counted and reported, not hidden
            views.errors.append(f"{type(exc).__name__}: {str(exc)[:160]}")

    return walk


def server_walker(url: str) -> Walker:
    """Sessions as websocket clients: the server's part of each page view, without a browser."""
    stream = url.replace("http", "ws", 1) + "/_stcore/stream"

    @contextlib.asynccontextmanager
    async def session(views: Views):
        pages: dict[str, str] = {}  # URL path -> page script hash, from the server's navigation message

        async def show(number: int, path: str, title: str) -> None:
            request = BackMsg()
            request.rerun_script.query_string = "" if number else "lang=vi"
            request.rerun_script.page_script_hash = pages.get(path, "")
            await socket.send(request.SerializeToString())
            content = False
            while True:
                message = ForwardMsg()
                message.ParseFromString(await asyncio.wait_for(socket.recv(), TIMEOUT_S))
                kind = message.WhichOneof("type")
                if kind == "navigation":
                    pages.update({p.url_pathname: p.page_script_hash for p in message.navigation.app_pages})
                elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                    element = message.delta.new_element.WhichOneof("type")
                    if element == "exception":
                        views.errors.append(
                            f"exception on /{path}: {message.delta.new_element.exception.message[:120]}")
                    content = content or element in ("dataframe", "plotly_chart")
                elif kind == "script_finished" and message.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
                    if not content:
                        views.errors.append(f"no table or chart on /{path}")
                    return

        async with websockets.connect(stream, subprotocols=["streamlit"], max_size=None) as socket:
            yield show

    return walker(session)


def browser_walker(browser, url: str) -> Walker:
    """Sessions as headless Chromium contexts, timed until the page's content shows."""

    @contextlib.asynccontextmanager
    async def session(views: Views):
        context = await browser.new_context(viewport={"width": 1280, "height": 900})
        context.set_default_timeout(TIMEOUT_S * 1000)
        page = await context.new_page()
        page.on("pageerror", lambda error: views.errors.append(f"JavaScript error: {str(error)[:120]}"))

        async def show(number: int, path: str, title: str) -> None:
            if number == 0:
                await page.goto(f"{url}/", wait_until="commit")
            else:
                await page.click(f"[data-testid='stSidebar'] a[href^='{path}']")
            await page.wait_for_function(CONTENT_SHOWN, arg=title, polling=50)
            if await page.locator("[data-testid='stException']").count():
                views.errors.append(f"exception shown on /{path}")

        try:
            yield show
        finally:
            await context.close()

    return walker(session)


async def alone_then_together(walk: Walker, args, rng: random.Random) -> tuple[Views, Views]:
    # Warms the server's caches: one walk a worker at once, so that the proxy gives each worker one.
    await asyncio.gather(*(walk(Views(), (0.5, 0.5), rng) for _ in range(args.workers)))
    alone = Views()
    for _ in range(args.walks):
        await walk(alone, (1, 1), rng)
    together = Views()

    async def session(delay: float, seed: int) -> None:
        await asyncio.sleep(delay)
        await walk(together, tuple(args.think), random.Random(seed))

    await asyncio.gather(*(session(rng.uniform(0, args.ramp), rng.randrange(2**32)) for _ in range(args.sessions)))
    return alone, together


def cpu_seconds(pid: int) -> float:
    """CPU time of a process and of its children that have ended (Linux /proc)."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return sum(int(v) for v in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def browsers_cpu_seconds() -> float:
    total = 0.0
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and "chrom" in (entry / "comm").read_text():
                total += cpu_seconds(int(entry.name))
        except OSError:  # the process ended meanwhile
            continue
    return total


async def in_browsers(url: str, server_pids: tuple[int, ...], args, rng) -> tuple[Views, Views, tuple[float, float] | None]:
    from playwright.async_api import async_playwright
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        linux = Path("/proc/self/stat").exists()
        server_cpu = lambda: sum(cpu_seconds(pid) for pid in server_pids)  # noqa: E731
        before = (server_cpu(), browsers_cpu_seconds()) if linux else None
        alone, together = await alone_then_together(browser_walker(browser, url), args, rng)
        cpu = (server_cpu() - before[0], browsers_cpu_seconds() - before[1]) if before else None
        await browser.close()
    return alone, together, cpu


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def report(title: str, alone: Views, together: Views, sessions: int) -> float:
    """Prints the comparison; returns the p95 ratio over all page views."""
    print(title)
    for label, views in (("alone", alone), (f"{sessions} at once", together)):
        values = views.values()
        print(f"  {label:12} p50 {statistics.median(values):6.2f} s   p95 {percentile(values, 0.95):6.2f} s   "
              f"({len(values)} page views)" if values else f"  {label:12} no page view completed")
    ratios = {}
    for kind, label in ((None, "all page views"), ("load", "first pages"), ("change", "page changes")):
        if together.values(kind) and alone.values(kind):
            ratios[kind] = percentile(together.values(kind), 0.95) / percentile(alone.values(kind), 0.95)
            print(f"  p95 together / alone, {label:15} {ratios[kind]:5.1f}x")
    errors = alone.errors + together.errors
    print(f"  errors: {len(errors)}" + "".join(f"\n    {e}" for e in errors[:10]))
    return ratios.get(None, float("inf"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--think", type=float, nargs=2, default=(5, 15), metavar=("MIN", "MAX"),
                        help="seconds a user reads each page (uniform between MIN and MAX)")
    parser.add_argument("--ramp", type=float, default=10, help="sessions start at random within this many seconds")
    parser.add_argument("--walks", type=int, default=3, help="walks of the single session")
    parser.add_argument("--server-only", action="store_true", help="skip part 2, the browsers")
    parser.add_argument("--workers", type=int, default=default_workers(),
                        help="Streamlit processes behind HAProxy (default: as recommended, one a core); 1: no proxy")
    args = parser.parse_args()
    if CHROMIUM is None and not args.server_only:
        raise SystemExit("needs Debian's chromium (apt-get install chromium)")
    rng = random.Random(20)
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "papi.duckdb"
        load_bundled(db)
        serving = running(db) if args.workers == 1 else deployed(db, args.workers)
        with serving as served:
            processes = (served.pid, *served.workers)
            linux = Path("/proc/self/stat").exists()
            before = sum(cpu_seconds(pid) for pid in processes) if linux else None
            server = asyncio.run(alone_then_together(server_walker(served.url), args, rng))
            server_cpu = sum(cpu_seconds(pid) for pid in processes) - before if linux else None
            if not args.server_only:
                if hasattr(os, "nice"):
                    os.nice(10)  # the browsers, started from here on, give way to the server
                *browsers, cpu = asyncio.run(in_browsers(served.url, (served.pid, *served.workers), args, rng))

    print(f"{len(WALK)} pages a walk; together: reading {args.think[0]:g}-{args.think[1]:g} s a page, "
          f"starting within {args.ramp:g} s; {os.cpu_count()} cores; "
          + (f"{args.workers} Streamlit processes behind HAProxy" if args.workers > 1 else "one Streamlit process"))
    server_ratio = report("1. the server's answers (websocket clients, no browser)", *server, args.sessions)
    if server_cpu is not None:
        views = sum(len(v.seconds) for v in server) + len(WALK) * args.workers
        print(f"  CPU in part 1: server and proxy {server_cpu:.1f} s, {1000 * server_cpu / views:.0f} ms a page view")
    if args.server_only:
        print(f"goal: p95 within 3x alone, zero errors. server {server_ratio:.1f}x")
        return
    browser_ratio = report("2. content shown in headless Chromium (on the server's cores)", *browsers, args.sessions)
    if cpu:
        views = len(browsers[1].seconds) + len(browsers[0].seconds) + len(WALK)
        print(f"  CPU in part 2: server {cpu[0]:.0f} s ({cpu[0] / views:.2f} s a page view), "
              f"browsers {cpu[1]:.0f} s ({cpu[1] / views:.2f} s a page view)")
    print(f"goal: p95 within 3x alone, zero errors. server {server_ratio:.1f}x, browsers {browser_ratio:.1f}x")


if __name__ == "__main__":
    main()
