"""Dữ liệu / Data: what is loaded and from where, data-quality warnings, upload (administrator), downloads."""
import tempfile
from pathlib import Path

import streamlit as st

from dashboard import admin, context, widgets
from papi_analysis import store
from papi_analysis.i18n import text
from papi_analysis.ingest import IngestError, ingest
from papi_analysis.ingest.workbook import MAX_FILE_BYTES

context.require_frame()
lang = st.session_state.lang
st.title(text("page.data", lang))

sources = context.sources()
loaded = sources[sources.status == "loaded"]
years = sorted(loaded.year.unique())
columns = st.columns(4)
columns[0].metric(text("home.years", lang), f"{min(years)}–{max(years)} ({len(years)})" if years else "–")
columns[1].metric(text("home.provinces", lang), int(loaded.provinces.max()) if len(loaded) else 0)
columns[2].metric(text("home.figures", lang),
                  f"{int(loaded.n_values.sum()):,}".replace(",", "." if lang == "vi" else ","))
columns[3].metric(text("home.skipped", lang), int((sources.status == "skipped").sum()))

st.subheader(text("data.sources", lang))
shown = sources.assign(status=sources.status.map(lambda s: text(f"status.{s}", lang)),
                       layout=sources.layout.map(lambda s: text(f"layout.{s}", lang)))
widgets.table(shown[["year", "file_name", "sheet", "layout", "status", "provinces", "n_values", "n_warnings",
                     "loaded_at", "sha256"]].rename(columns={"file_name": "file", "n_values": "values",
                                                             "n_warnings": "warnings"}), lang, "sources")

st.subheader(text("data.quality", lang))
warnings = shown[["year", "sheet", "status", "warnings"]].explode("warnings").dropna(subset=["warnings"])
widgets.table(warnings.rename(columns={"warnings": "warning"}), lang, "data-quality-warnings")

st.subheader(text("data.download", lang))
st.download_button(text("data.download_scores", lang), context.tidy_csv(), file_name="papi-scores.csv",
                   mime="text/csv")
st.caption(" ".join(text(k, lang) for k in ("note.unweighted", "note.missing", "note.comparability")))

st.subheader(text("data.upload", lang))
if admin.is_admin(lang, "upload"):
    mb = MAX_FILE_BYTES // 1_000_000
    files = st.file_uploader(text("data.upload_help", lang).format(mb=mb), type=["xlsx", "xlsm"],
                             accept_multiple_files=True, key="workbooks")
    if files and st.button(text("data.ingest", lang), type="primary"):
        too_big = [f.name for f in files if f.size > MAX_FILE_BYTES]
        if too_big:
            st.error(text("data.too_big", lang).format(name=", ".join(too_big), mb=mb))
            st.stop()
        progress = st.progress(0.0)
        with tempfile.TemporaryDirectory() as folder:
            # Uploaded names are shown, never used as paths.
            paths = []
            for index, upload in enumerate(files):
                path = Path(folder) / f"upload-{index}.xlsx"
                path.write_bytes(upload.getvalue())
                paths.append(path)
            try:
                report = ingest(paths, store.default_db_path(), [f.name for f in files],
                                progress=lambda share, label: progress.progress(share, text=label))
            except (IngestError, store.DatabaseBusy) as exc:
                st.error(text("data.refused", lang).format(error=exc))
            else:
                context.clear_caches()
                st.success(text("data.loaded", lang).format(years=", ".join(map(str, report.years_loaded))))
                for sheet in report.sheets:
                    st.markdown(f"- **{sheet.file} [{sheet.sheet}]**: {sheet.status}"
                                + (f" – {sheet.year}, {sheet.provinces} / {sheet.values}" if sheet.year else ""))
                    for warning in sheet.warnings:
                        st.caption(f"   {warning}")
