"""Dữ liệu / Data: what is loaded and from where, the ingest's findings, upload (administrator), downloads."""
import tempfile
from pathlib import Path

import streamlit as st

from dashboard import admin, context, widgets
from papi_analysis import store
from papi_analysis.i18n import finding_text, text
from papi_analysis.ingest import IngestError, ingest, upload_file_name
from papi_analysis.ingest.findings import findings_table
from papi_analysis.ingest.workbook import MAX_FILE_BYTES
from papi_analysis.limits import UPLOAD_MB

context.require_frame()
lang = st.session_state.lang
st.title(text("page.data", lang))
if "ingest_report" in st.session_state:  # the run after an upload: what was loaded, and the newest year offered
    loaded_years, lines = st.session_state.pop("ingest_report")
    st.success(text("data.loaded", lang).format(years=", ".join(map(str, loaded_years))
                                                 or text("data.nothing_loaded", lang)))
    for line in lines:  # names from the upload: shown as text, never as markdown
        st.text(line)
    if loaded_years and max(loaded_years) != st.session_state.year:
        newest = max(loaded_years)
        st.button(text("data.show_year", lang).format(year=newest), type="primary", key="show_loaded_year",
                  on_click=lambda: st.session_state.update(year=newest))

sources = context.sources()
loaded = sources[sources.status == "loaded"]
years = sorted(loaded.year.unique())
columns = st.columns(4)
columns[0].metric(text("home.years", lang), f"{min(years)}–{max(years)} ({len(years)})" if years else "–")
columns[1].metric(text("home.provinces", lang), int(loaded.provinces.max()) if len(loaded) else 0)
columns[2].metric(text("home.figures", lang),
                  f"{int(loaded.n_values.sum()):,}".replace(",", "." if lang == "vi" else ","))
columns[3].metric(text("home.skipped", lang), int((sources.status == "skipped").sum()))


def loaded_sources():
    """The sources and the ingest's findings, as shown."""
    shown = sources.assign(status=sources.status.map(lambda s: text(f"status.{s}", lang)),
                           layout=sources.layout.map(lambda s: text(f"layout.{s}", lang)),
                           origin=sources.origin.map(lambda s: text(f"origin.{s}", lang)),
                           loaded_at=sources.loaded_at.dt.strftime("%Y-%m-%d %H:%M UTC"))
    shown = shown[["year", "file_name", "sheet", "layout", "origin", "status", "provinces", "n_values", "n_findings",
                   "loaded_at", "sha256"]].rename(columns={"file_name": "file", "n_values": "values",
                                                           "n_findings": "findings"})
    findings = findings_table(sources, lang)
    return shown, findings.assign(status=findings.status.map(lambda s: text(f"status.{s}", lang)))


shown, findings = context.model("data", (lang,), loaded_sources)
st.subheader(text("data.sources", lang))
widgets.table(shown, lang, "sources", view=(lang,))
third_party = sorted(loaded[loaded.origin == "third_party"].year.unique())
if third_party:
    st.caption(text("note.third_party", lang).format(years=", ".join(map(str, third_party))))

st.subheader(text("data.quality", lang))
widgets.table(findings, lang, "data-quality-findings", view=(lang,))

st.subheader(text("data.download", lang))
st.download_button(text("data.download_scores", lang), context.tidy_csv, file_name="papi-scores.csv",
                   mime="text/csv", on_click="ignore")
widgets.notes(lang)

st.subheader(text("data.upload", lang))


def load(files, replace: bool) -> None:
    """Ingest the uploads; a published year they would change is refused with its summary and kept for the
    administrator to confirm (`replace`), never replaced at the first click."""
    too_big = [f.name for f in files if f.size > MAX_FILE_BYTES]
    if too_big:
        st.error(text("data.too_big", lang).format(name=widgets.as_plain_text(", ".join(too_big)), mb=mb))
        return
    progress = st.progress(0.0)
    with tempfile.TemporaryDirectory() as folder:
        # Uploaded names are shown, never used as paths as given (see `upload_file_name`).
        paths = []
        for index, upload in enumerate(files):
            path = Path(folder) / upload_file_name(upload.name, index)
            path.write_bytes(upload.getvalue())
            paths.append(path)
        try:
            report = ingest(paths, store.default_db_path(), [f.name for f in files], replace=replace,
                            progress=lambda share, label: progress.progress(share, text=label))
        except IngestError as exc:
            confirm = exc.code == "published_figures_differ" and not replace
            st.session_state.ingest_to_confirm = (uploads_key, exc) if confirm else None
            if not confirm:
                st.error(text("data.refused", lang).format(error=widgets.as_plain_text(exc.text(lang))))
            return
        except store.DatabaseBusy as exc:
            st.error(text("data.refused", lang).format(error=widgets.as_plain_text(exc)))
            return
    st.session_state.ingest_to_confirm = None
    lines = []
    for sheet in report.sheets:
        lines.append(f"{sheet.file} [{sheet.sheet}]: {text(f'status.{sheet.status}', lang)}"
                     + (f" – {sheet.year}, {sheet.provinces} / {sheet.values}" if sheet.year else ""))
        lines += [f"    {finding_text(finding, lang)}" for finding in sheet.findings]
    # The page is drawn again from the new database (its sources, years and findings), the report on top.
    st.session_state.ingest_report = (list(report.years_loaded), lines)
    context.clear_caches()
    st.rerun()


if admin.is_admin(lang, "upload"):
    mb = UPLOAD_MB
    files = st.file_uploader(text("data.upload_help", lang).format(mb=mb), type=["xlsx", "xlsm", "csv"],
                             accept_multiple_files=True, key="workbooks")
    uploads_key = tuple(f.file_id for f in files or ())
    if files and st.button(text("data.ingest", lang), type="primary"):
        load(files, replace=False)
    pending = st.session_state.get("ingest_to_confirm")
    if files and pending and pending[0] == uploads_key:  # the same uploads, refused for changing published figures
        question = st.empty()
        with question.container():
            st.warning(text("data.refused", lang).format(error=widgets.as_plain_text(pending[1].text(lang))))
            st.caption(text("data.confirm_replace_help", lang))
            confirmed = st.button(text("data.confirm_replace", lang))
        if confirmed:
            question.empty()
            load(files, replace=True)
