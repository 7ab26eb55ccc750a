"""Files built to cost: one far cell that makes a reader allocate the whole used range, formulas saved without
their results, numbers beyond a float. Refused (or named) from the file's own metadata, before the cells are read,
by every way a workbook comes in: ingest, plan import, assignment import, and the app's uploads."""
import subprocess
import sys
import zipfile

import openpyxl
import pytest

from papi_analysis import store
from papi_analysis.ingest import IngestError, ingest
from papi_analysis.limits import SHEET_ROWS
from tests.conftest import ROOT, file_digest, mutate

MEMORY_MIB = 200  # on top of what the process needs to refuse a small file
CPU_SECONDS = 30  # a blow-up (51 s and 4 GB for CV1048576 before) fails the run, whatever the machine's load


def sparse(path, far_cell):
    book = openpyxl.Workbook()
    book.active["A1"] = "PAPI 2017"
    book.active[far_cell] = 1
    book.save(path)
    return path


def limited(code: str, address_space: int | None = None) -> subprocess.CompletedProcess:
    """`code` in a fresh Python, its address space and CPU time capped: a reader that allocates the used range
    dies (MemoryError, or an abort) instead of passing."""
    limits = "" if address_space is None else (
        "import resource\n"
        f"resource.setrlimit(resource.RLIMIT_AS, ({address_space}, {address_space}))\n"
        f"resource.setrlimit(resource.RLIMIT_CPU, ({CPU_SECONDS}, {CPU_SECONDS}))\n")
    return subprocess.run([sys.executable, "-c", limits + code], cwd=ROOT, capture_output=True, text=True,
                          timeout=600)


def baseline_address_space(code: str) -> int:
    """The address space `code` reaches on a small file it refuses at once (the interpreter, DuckDB, ...)."""
    probe = limited("import atexit, re\natexit.register(lambda: print('peak', re.search(r'VmPeak:\\s+(\\d+)', "
                    "open('/proc/self/status').read())[1]))\n" + code)
    return int(probe.stdout.split("peak ")[-1].split()[0]) * 1024


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    small = folder / "small.xlsx"
    book = openpyxl.Workbook()
    book.active["A1"] = "PAPI 2017"
    book.save(small)
    return {"XFD1048576": sparse(folder / "sparse-xfd.xlsx", "XFD1048576"),
            "CV1048576": sparse(folder / "sparse-cv.xlsx", "CV1048576"), "small": small}


ENTRY_POINTS = {  # each way a workbook comes in, as the CLI and the app pages call them
    "ingest (CLI and Data page)": "from papi_analysis.ingest import ingest\ningest([{path!r}], {db!r})",
    "plan import (CLI and Plan page)": "from papi_analysis import plans\n"
                                       "plans.read_upload(open({path!r}, 'rb').read(), 'sparse.xlsx', "
                                       "lambda p, n: plans.read_appendix(p, n, 2024))",
    "assignment import (CLI and Agencies page)": "from papi_analysis import assignments\n"
                                                 "assignments.read_upload(open({path!r}, 'rb').read(), 'sparse.xlsx')",
}


@pytest.mark.parametrize("entry", ENTRY_POINTS)
@pytest.mark.parametrize("far_cell", ["XFD1048576", "CV1048576"])
def test_a_far_cell_is_refused_from_the_sheets_metadata_under_200_mib(hostile, ingested_copy, entry, far_cell):
    template = "import sys\ntry:\n    {call}\nexcept Exception as exc:\n    print(exc)\n    sys.exit(2)\n"
    code = template.format(call=ENTRY_POINTS[entry].format(path=str(hostile[far_cell]), db=str(ingested_copy))
                           .replace("\n", "\n    "))
    base = baseline_address_space(template.format(call=ENTRY_POINTS[entry].format(
        path=str(hostile["small"]), db=str(ingested_copy)).replace("\n", "\n    ")))
    before = file_digest(ingested_copy)
    result = limited(code, base + MEMORY_MIB * 1024 * 1024)
    assert result.returncode == 2, result.stderr[-2000:]  # refused, not killed
    assert f"cell {far_cell}" in result.stdout and f"{SHEET_ROWS:,} rows" in result.stdout
    assert file_digest(ingested_copy) == before


def test_the_cli_names_the_far_cell(hostile, ingested_copy):
    result = subprocess.run([sys.executable, "-m", "papi_analysis", "ingest", str(hostile["XFD1048576"]), "--db",
                             str(ingested_copy), "--lang", "en"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 2
    assert "'sparse-xfd.xlsx', sheet 'Sheet', cell XFD1048576" in result.stderr


def test_a_dimension_that_claims_the_whole_sheet_is_taken_at_its_word(hostile, tmp_path):
    # A reader may allocate what <dimension> says: a file whose cells are few but whose dimension is huge is refused.
    path = tmp_path / "lying.xlsx"
    with zipfile.ZipFile(hostile["small"]) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'<dimension ref="A1:A1"/>', b'<dimension ref="A1:ZZ900000"/>')
                assert b"ZZ900000" in data
            target.writestr(item, data)
    with pytest.raises(IngestError, match="cell ZZ900000"):
        ingest([path], tmp_path / "db.duckdb")


def test_a_million_unlabelled_rows_below_a_real_table_are_refused_naming_the_far_cell(sheet_files, ingested_copy,
                                                                                       tmp_path):
    path = mutate(sheet_files["2017"], tmp_path / "long.xlsx", "2017", {"A1000000": 1.5})
    before = file_digest(ingested_copy)
    with pytest.raises(IngestError, match=r"sheet .2017., cell AC1000000: .* \(1,000,000 rows × 29 columns\)"):
        ingest([path], ingested_copy)
    assert file_digest(ingested_copy) == before


# ---- formulas without values, numbers beyond a float ---------------------------------------------------------

def first_score_cell(sheet):
    return next(cell for row in sheet.iter_rows(min_row=2) for cell in row[1:2] if isinstance(cell.value, float))


def test_a_score_cell_holding_a_formula_without_its_result_is_refused(sheet_files, ingested_copy, tmp_path):
    book = openpyxl.load_workbook(sheet_files["2017"])
    cell = first_score_cell(book["2017"])
    cell.value = "=1+1"  # openpyxl saves the formula only: Excel would store its result beside it
    book.save(tmp_path / "formula.xlsx")
    with pytest.raises(IngestError, match=f"cell {cell.coordinate}: the score cell holds a formula without"):
        ingest([tmp_path / "formula.xlsx"], ingested_copy)


def test_formula_cells_without_results_elsewhere_are_named_in_a_finding(sheet_files, ingested_copy, tmp_path):
    path = mutate(sheet_files["2017"], tmp_path / "notes.xlsx", "2017", {"BZ3": "=SUM(B2:B4)", "BZ5": "=B2"})
    report = ingest([path], ingested_copy)
    findings = [f for sheet in report.sheets for f in sheet.findings if f.code == "formula_without_value"]
    assert len(findings) == 1 and findings[0].cells == ["BZ3", "BZ5"] and findings[0].params["count"] == 2
    from papi_analysis.i18n import finding_text
    assert "2 cells hold a formula without a saved result" in finding_text(findings[0], "en")
    assert "từ ô BZ3" in finding_text(findings[0], "vi")


@pytest.mark.parametrize("value", ["1e309", "-1e309"])
def test_a_number_beyond_a_float_is_refused_like_text(sheet_files, ingested_copy, tmp_path, value):
    book = openpyxl.load_workbook(sheet_files["2017"])
    cell = first_score_cell(book["2017"])
    cell.value = value  # as text
    book.save(tmp_path / "text.xlsx")
    cell.value = 98765.5  # as a number cell, its value then written as an exporter may: <v>1e309</v>
    book.save(tmp_path / "placeholder.xlsx")
    path = tmp_path / "number.xlsx"
    with zipfile.ZipFile(tmp_path / "placeholder.xlsx") as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.startswith("xl/worksheets/"):
                data = data.replace(b"<v>98765.5</v>", f"<v>{value}</v>".encode())
            target.writestr(item, data)
    for shown in (tmp_path / "text.xlsx", path):
        before = file_digest(ingested_copy)
        with pytest.raises(IngestError, match=f"cell {cell.coordinate}: .*is not a finite number"):
            ingest([shown], ingested_copy)
        assert file_digest(ingested_copy) == before
