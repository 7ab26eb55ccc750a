"""Tables and charts as every page shows them: language-aware numbers, a download for each."""
from __future__ import annotations

import hashlib
import math
import pickle
from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import context
from papi_analysis import analysis, charts, plans, targets
from papi_analysis.units import entity, year_label
from papi_analysis.codebook import COMPONENTS, TOTAL6, TOTAL6_NAMES
from papi_analysis.export import excel, images, pack, report, slug  # noqa: F401 (slug: for the pages)
from papi_analysis.i18n import CATALOGUE, LANGUAGES, number, rank_text, text, third_party_note  # noqa: F401 (rank_text: for the pages)
from papi_analysis.plans import plan_name
from papi_analysis.sanitise import markdown_literal


def labelled(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Column names from the catalogue where it has them."""
    return frame.rename(columns={c: text(f"col.{c}", lang) for c in frame.columns if f"col.{c}" in CATALOGUE})


def table(frame: pd.DataFrame, lang: str, file_stem: str, decimals: int = 2, height: int | None = None,
          view: tuple = ()) -> None:
    """A table with numbers in the language's format and CSV and Excel downloads of the same rows.

    The styled table is built once and replayed after: once per `view` (with `file_stem`) where the frame comes
    from a view's model, else once per distinct content (a fingerprint of the frame)."""
    content = (file_stem, view) if view else hashlib.md5(pickle.dumps(frame), usedforsecurity=False).hexdigest()
    context.static("table", (content, lang, decimals, height), lambda: _dataframe(frame, lang, decimals, height))
    left, right, _ = st.columns([1, 1, 4])
    left.download_button(text("download.csv", lang), lambda: excel.csv_bytes(labelled(frame, lang), lang),
                         file_name=f"{slug(file_stem, lang)}.csv", mime="text/csv", key=f"csv-{file_stem}",
                         on_click="ignore", icon=":material/download:")
    right.download_button(text("export.xlsx", lang),
                          lambda: excel.workbook({file_stem: labelled(frame, lang)}, context.sources(), lang),
                          file_name=f"{slug(file_stem, lang)}.xlsx", key=f"xlsx-{file_stem}", on_click="ignore",
                          icon=":material/download:",
                          mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def _dataframe(frame: pd.DataFrame, lang: str, decimals: int, height: int | None) -> None:
    display = labelled(frame, lang)
    for column in SIGNED_COLUMNS & set(frame.columns):  # a change reads with its sign: +0,20, −0,27, +3
        label = text(f"col.{column}", lang)
        display[label] = [_cell(v, lang, 0 if column == "rank_change" else decimals, signed=True) for v in display[label]]
    # Streamlit draws a missing number as an English "None" whatever the styling: columns with gaps
    # are shown as formatted text with "–" (the download keeps the numbers).
    for column in display.columns:
        values = display[column]
        if values.isna().any():
            display[column] = [_cell(v, lang, decimals) for v in values]
    numeric = display.select_dtypes("float").columns
    styler = display.style.format(lambda value: number(value, lang, decimals), subset=list(numeric))
    st.dataframe(styler, hide_index=True, width="stretch", height=height or "auto")


def no_data_notice(panel, province: int, year: int, lang: str) -> bool:
    """Whether a province has no figures in a year; if so, say it plainly and offer the nearest year that has
    them: no data must never read as 'nothing needs attention'."""
    if not panel.rows(province, year).empty:
        return False
    st.warning(text("weak.no_data", lang).format(province=context.province_label(province, lang), year=year))
    nearest = analysis.nearest_year_with_data(panel, province, year)
    if nearest is not None:
        st.button(text("weak.nearest", lang).format(year=nearest), key="nearest_year", type="primary",
                  on_click=lambda: st.session_state.update(year=nearest))
    return True


def estimate_notice(panel, province: int, year: int, lang: str) -> None:
    """A 2025 unit viewed before 2025: its figures are estimates, and the page says so in bold, naming the former
    provinces it is estimated from and those without figures that year."""
    if panel.rows(province, year).estimate.fillna(False).any():
        unit = entity(province)
        lacking = analysis.lacking_members(panel, province, year)
        members = ", ".join(context.province_label(m, lang) for m in unit.members if m not in lacking)
        notice = text("overview.estimate", lang).format(unit=context.province_label(province, lang), year=year,
                                                        members=members)
        if lacking:
            notice += text("overview.estimate_lacking", lang).format(
                year=year, lacking=", ".join(context.province_label(m, lang) for m in lacking))
        st.warning(notice)


def year_title(province: int, year: int, lang: str) -> str:
    """The year as a title says it: '2024 (ước tính)' for a unit's estimated year."""
    return year_label(province, year, lang)


SIGNED_COLUMNS = {"change", "rank_change"}


def _cell(value, lang: str, decimals: int, signed: bool = False) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if signed:
        value = float(value)
        return ("+" if value > 0 else "−" if value < 0 else "±") + number(abs(value), lang, decimals)
    if isinstance(value, float):
        return number(value, lang, decimals)
    return str(value)


def chart(build: Callable[[], go.Figure], lang: str, file_stem: str, years=(), view: tuple = (),
          large: bool = False) -> None:
    """A chart, with PNG (3200 x 1800) and SVG downloads rendered on the server only when clicked. Where it
    shows years compiled by a third party, its subtitle says so, and so does every image exported from it.

    `build` makes a new figure from what `view` (with `file_stem`) names: the chart is built and drawn once
    per view and replayed after (`large`: kept in a smaller cache, for maps); the downloads build it again
    only when clicked."""
    note = charts.wrap(third_party_note(years, context.third_party_years(), lang, "chart.third_party"), 62)
    name = slug(file_stem, lang)

    def built() -> go.Figure:
        figure = build()
        if note:
            figure.update_layout(title_subtitle_text=f"{figure.layout.title.subtitle.text or ''}<br>{note}")
        return figure

    def draw() -> None:
        st.plotly_chart(built(), width="stretch", theme=None, config={
            "displaylogo": False, "toImageButtonOptions": {"filename": name, "format": "png", "scale": 2}})
    context.static("chart", (file_stem, lang, view, note), draw, large)
    if images.browser_path() is None:
        st.caption(text("export.no_browser", lang).format(why="apt-get install chromium / Google Chrome"))
        return
    columns = st.columns([1, 1, 6])
    for column, fmt, mime in ((columns[0], "png", "image/png"), (columns[1], "svg", "image/svg+xml")):
        column.download_button(text(f"export.{fmt}", lang), lambda fmt=fmt: images.image(built(), fmt),
                               file_name=f"{name}.{fmt}", mime=mime, key=f"{fmt}-{name}", on_click="ignore",
                               icon=":material/download:")


def notes(lang: str, years=()) -> None:
    """The caveats under a page: unweighted scores, no data is not zero, breaks, third-party years shown."""
    st.caption(" ".join(text(k, lang) for k in ("note.unweighted", "note.missing", "note.comparability", "note.groups")))
    third_party = third_party_note(years, context.third_party_years(), lang)
    if third_party:
        st.caption(third_party)


def component_choice(lang: str, with_six_dimension_total: bool = False) -> tuple[str, str]:
    """The component select box shared by the pages, kept in the URL: (code, its label)."""
    codes = list(COMPONENTS)
    names = {code: (c.name_vi, c.name_en) for code, c in COMPONENTS.items()}
    if with_six_dimension_total:
        codes.insert(1, TOTAL6)
        names[TOTAL6] = TOTAL6_NAMES
    labels = {code: charts.component_name({"code": code, "name_vi": names[code][0], "name_en": names[code][1]}, lang)
              for code in codes}
    context.url_choice("component", codes, "TOTAL", text("trends.component", lang), labels.get)
    code = context.localized(st.selectbox, "component", lang, label=text("trends.component", lang), options=codes,
                             format_func=labels.get)
    context.keep_in_url(component=code)
    return code, labels[code]


def meeting_pack_button(request: pack.PackRequest, lang: str, key: str) -> None:
    """The PPTX meeting pack for the current view, built when clicked."""
    def build() -> bytes:
        assignment = context.assignment(None, request.year, request.province)
        inputs = context.report_inputs(request.province, request.year, None, request.lang)  # the plan's targets
        return pack.meeting_pack(context.panel(), assignment, request, context.sources(), inputs.tracked,
                                 inputs.document)
    agency = f"-{request.agency}" if request.agency else ""
    name = slug("PAPI", context.province_label(request.province, "en"), request.year, agency, lang)
    st.download_button(text("pack.download", lang), build, file_name=f"{name}.pptx", key=f"pack-{key}",
                       mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
                       on_click="ignore", type="primary", icon=":material/slideshow:")


def report_button(province: int, year: int, plan: str | None, agency: str | None, lang: str, key: str,
                  every_agency: bool = False) -> None:
    """The year's report in Word, built when clicked: the agency's thematic report, the consolidated one, or
    (`every_agency`) a ZIP of every lead agency's thematic report."""
    signing = {} if every_agency else report_signing(province, agency, lang, key)  # each agency signs its own

    def build() -> bytes:
        inputs = context.report_inputs(province, year, plan, lang)
        request = report.ReportRequest(province, year, lang, agency, **signing)
        return (report.every_agency if every_agency else report.report)(context.panel(), inputs, request)
    label = text("report.download_every_agency" if every_agency else
                 "report.download_agency" if agency else "report.download", lang)
    name = slug("bao-cao" if lang == "vi" else "report", "PAPI", context.province_label(province, "en"), year,
                agency or "", lang)
    st.download_button(label, build, file_name=f"{name}.{'zip' if every_agency else 'docx'}", key=f"report-{key}",
                       on_click="ignore", icon=":material/description:",
                       mime="application/zip" if every_agency else
                       "application/vnd.openxmlformats-officedocument.wordprocessingml.document")


def report_signing(province: int, agency: str | None, lang: str, key: str) -> dict:
    """The report's number, date, signer's title and name, entered before download (blank: written in by hand)
    and kept for the province and issuing body for the rest of the session, so the next report is pre-filled."""
    kept = st.session_state.setdefault("report_signing", {})
    entered = dict(kept.get((province, agency or ""), {}))
    with st.expander(text("report.signing", lang), icon=":material/signature:"):
        left, right = st.columns(2)
        entered["number"] = left.text_input(text("report.signing.number", lang), entered.get("number", ""),
                                            max_chars=30, key=f"sign-number-{key}", placeholder="15/BC-SNV")
        entered["issued"] = right.date_input(text("report.signing.date", lang), entered.get("issued"),
                                             format="DD/MM/YYYY", key=f"sign-date-{key}")
        entered["signer_title"] = left.text_input(
            text("report.signing.title", lang), entered.get("signer_title", ""), max_chars=60,
            key=f"sign-title-{key}", placeholder=report.head_title(report.issuing_body(agency), lang),
            help=text("report.signing.title_help", lang))
        entered["signer"] = right.text_input(text("report.signing.signer", lang), entered.get("signer", ""),
                                             max_chars=60, key=f"sign-name-{key}")
    kept[(province, agency or "")] = entered
    return entered


def as_plain_text(value: object) -> str:
    """Text typed by a user or read from a file (a name, a refusal naming cells), escaped for markdown: shown as
    typed, never as formatting, a link or an image."""
    return markdown_literal(value)


def saved(choice: str, name: str, message: str) -> None:
    """After a write: every cache goes with the old database file, and the next run selects what was saved in
    the `choice` select box and says so (see `announce_saved`)."""
    context.clear_caches()
    st.session_state[f"saved_{choice}"] = name
    st.session_state.saved_message = message
    st.rerun()


def announce_saved(choice: str, lang: str) -> None:
    """The run after `saved`: the saved name chosen before the select box exists, and the message shown."""
    if f"saved_{choice}" in st.session_state:
        st.session_state[choice] = st.session_state[f"{choice}__{lang}"] = st.session_state.pop(f"saved_{choice}")
        st.success(st.session_state.pop("saved_message"))


def plan_progress(province: int, year: int, lang: str) -> None:
    """One line on the plan in force (how many targets met, not met, without a result yet), linking to the Plan
    page."""
    def counted_targets():
        plan, tracked = context.progress(province, year, None, lang)
        counts = tracked.status.value_counts()
        return plan, len(tracked), {status: int(counts.get(status, 0)) for status in targets.STATUSES}
    plan, total, counts = context.model("plan-progress", (province, year, lang), counted_targets)
    if total:
        line = "overview.plan_pending" if counts[targets.PENDING] == total else "overview.plan"
        st.markdown(text(line, lang).format(plan=as_plain_text(plan_name(plan, lang)), total=total, **counts))
        context.page_link("pages/plan.py", label=text("overview.plan_link", lang), icon=":material/flag:")


def plan_choice(province: int, year: int, lang: str) -> plans.StoredPlan | None:
    """The plan select box of the Plan and Agencies pages: one choice for both, kept in the URL, opening on the
    plan in force for the province in the year (`plans.in_force`), and again when the province or year
    changes. None: no plan is stored."""
    available = context.plans_for(province)
    if not available:
        return None
    seen, in_force = st.session_state.get("plan_view"), context.in_force(province, year)
    # a reader left on the plan in force follows it when a newer one is saved (on any worker); a plan chosen
    # by hand stays chosen
    superseded = st.session_state.get("plan_in_force") not in (None, in_force) \
        and st.session_state.get("plan") == st.session_state.get("plan_in_force")
    if (seen is not None and seen != (province, year)) or superseded:
        for key in ("plan", *(f"plan__{code}" for code in LANGUAGES)):
            st.session_state.pop(key, None)
        st.query_params.pop("plan", None)
    st.session_state.plan_view, st.session_state.plan_in_force = (province, year), in_force
    names = [p.name for p in available]
    context.url_choice("plan", names, in_force)
    chosen = context.localized(st.selectbox, "plan", lang, label=text("plan.choose", lang), options=names,
                               format_func=lambda p: plan_name(p, lang))
    context.keep_in_url(plan=chosen)
    return next(p for p in available if p.name == chosen)


def with_targets(frame: pd.DataFrame, province: int, year: int, lang: str, plan: str | None = None) -> list[str]:
    """Each component's target in the plan named (or else the plan in force) and its status, as columns `target`
    and `target_status`; returns the columns added (none where the plan has no targets)."""
    _, tracked = context.progress(province, year, plan, lang)
    if tracked.empty:
        return []
    goals = targets.by_code(tracked)
    frame["target"] = frame.code.map(goals.target)
    frame["target_status"] = frame.code.map(goals.status).map(
        lambda status: text(f"target.{status}", lang) if isinstance(status, str) else None)
    return ["target", "target_status"]
