"""Every size limit, said once: the messages, the proxy's request cap, README and docs/operations.md read these.

A megabyte here is 1,048,576 bytes, as Streamlit counts `server.maxUploadSize` and as Windows shows file sizes,
so "50 MB" means the same in the app's refusal, Streamlit's own and the file's properties."""

MB = 1024 * 1024

UPLOAD_MB = 50  # an uploaded or ingested workbook; .streamlit/config.toml's server.maxUploadSize says the same
UNZIPPED_MB = 400  # a workbook's unzipped size (a zip bomb is refused before parsing)
COMPILATION_CSV_MB = 5  # one CSV file of a third-party compilation
PLAN_FILE_MB = 2  # a plan's appendix or an assignment table
# A sheet's used range (from A1 to its farthest cell), what the cell reader allocates, checked from the sheet's XML
# first: the published tables have fewer than 200 rows and 70 columns.
SHEET_ROWS = 10_000
SHEET_COLUMNS = 1_000
SHEET_CELLS = 1_000_000  # rows × columns of the used range
WORKBOOK_PART_MB = 10  # xl/workbook.xml and its relationships, parsed whole: a few KB in real files
PLAN_ROWS = 2_000  # a plan's appendix: one row a component or task; the consolidated report reads every one
# A request's body at the proxy: one upload and its multipart framing; the dashboard sends nothing larger.
REQUEST_BODY_BYTES = UPLOAD_MB * MB + 64 * 1024


def megabytes(size: int) -> str:
    """'50 MB', '0.3 MB': a size as the limits above are said."""
    value = size / MB
    return f"{value:.0f} MB" if value >= 10 or value == int(value) else f"{value:.1f} MB"
