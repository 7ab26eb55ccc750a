"""One meeting pack, and PNG export of ten charts one at a time against batched, in the same run.

    python -m benchmarks.export

Goal: a pack in at most 3 s warm.
"""
from __future__ import annotations

import tempfile
import time
from pathlib import Path

from papi_analysis import analysis, assignments, charts, store
from papi_analysis.codebook import DIMENSION_CODES
from papi_analysis.dataset import load_bundled
from papi_analysis.export import images
from papi_analysis.export.pack import PackRequest, meeting_pack


def timed(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.duckdb"
        load_bundled(db)
        with store.reader(db) as con:
            panel = analysis.Panel.load(con)
            plan = assignments.load(con)
            sources = store.sources(con)
    request = PackRequest(17, panel.latest_year())
    meeting_pack(panel, plan, request, sources)  # warm
    pack_time = min(timed(lambda: meeting_pack(panel, plan, request, sources)) for _ in range(3))
    print(f"meeting pack (Hòa Bình {request.year}, all agencies): {pack_time:.2f} s warm (goal <= 3 s)")

    if images.browser_path() is None:
        print("PNG export: skipped, no Chromium/Chrome installed")
        return
    codes = ["TOTAL", *DIMENSION_CODES, "1.1"]
    figures = [charts.ranking_bar(analysis.ranking(panel, request.year, code), 17, code, request.year, "vi")
               for code in codes]
    import kaleido
    options = {"format": "png", "width": images.WIDTH, "height": images.HEIGHT, "scale": images.SCALE}
    # One at a time: a browser session for each chart, as a plain `plotly.io.to_image` call does.
    one_at_a_time = timed(lambda: [kaleido.calc_fig_sync(figure, options) for figure in figures])
    # Batched: the export module's one browser session for the process (started inside this timing).
    batched = timed(lambda: images.images(figures))
    print(f"PNG export of {len(figures)} charts: one at a time {one_at_a_time:.1f} s, batched {batched:.1f} s "
          f"({one_at_a_time / batched:.1f}x faster batched)")


if __name__ == "__main__":
    main()
