"""The year's reports in Word, warm: the consolidated report and one agency's thematic report.

    python -m benchmarks.report

Goal: each report in at most 3 s warm (the panel loaded, the chart browser started). The ratio is against
python-docx reading and writing the same document in the same process, so that a slow machine does not
hide where the time goes.
"""
from __future__ import annotations

import io
import tempfile
from pathlib import Path

from docx import Document

from benchmarks.export import timed
from papi_analysis import analysis, store
from papi_analysis.dataset import load_bundled
from papi_analysis.export import images
from papi_analysis.export.report import ReportInputs, ReportRequest, report
from tests.test_plans import save_built_appendix

PROVINCE, YEAR = 17, 2024  # Hòa Bình, with the tests' appendix of its 2024 plan (targets, tasks)
AGENCY = "Sở Giáo dục và Đào tạo"


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.duckdb"
        load_bundled(db)
        save_built_appendix(db, Path(folder), PROVINCE)
        with store.reader(db) as con:
            panel = analysis.Panel.load(con)
            inputs = ReportInputs.gather(con, panel, PROVINCE, YEAR)
            plan = inputs.assignment.plan if inputs.assignment else "–"
    charts = "chart images" if images.browser_path() else "tables in place of charts (no browser)"
    print(f"Hòa Bình {YEAR}, plan '{plan}', {charts}")
    for name, agency in (("consolidated report", None), (f"thematic report ({AGENCY})", AGENCY)):
        request = ReportRequest(PROVINCE, YEAR, agency=agency)
        content = report(panel, inputs, request)  # warm: the browser started, the views computed
        seconds = min(timed(lambda: report(panel, inputs, request)) for _ in range(3))
        bare = min(timed(lambda: Document(io.BytesIO(content)).save(io.BytesIO())) for _ in range(3))
        print(f"{name}: {seconds:.2f} s warm (goal <= 3 s), {seconds / bare:.1f}x python-docx reading and "
              f"writing the same {len(content) // 1024} KB document")


if __name__ == "__main__":
    main()
