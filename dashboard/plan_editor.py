"""The one plan editor, on the Plan page: an appendix imported and previewed before it is saved, its rows edited,
the plan saved whole (rows, targets, tasks, deadlines, its document number and date); renamed, copied to the
next year or deleted by the administrator; the appendix template for everyone."""
from __future__ import annotations

from collections.abc import Callable

import duckdb
import pandas as pd
import streamlit as st

from dashboard import admin, context, widgets
from papi_analysis import plans, store, targets
from papi_analysis.i18n import text
from papi_analysis.plans import AssignmentError, plan_name

_COLUMNS = ("row", *plans.EDITABLE)  # "row": the sheet's row, kept with the row but not shown


def template(year: int, lang: str) -> None:
    st.download_button(text("plan.template", lang), lambda: plans.template_xlsx(year), on_click="ignore",
                       file_name=f"mau-phu-luc-PAPI-{year}.xlsx", key="appendix_template",
                       icon=":material/table_view:",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def editor(province: int, year: int, chosen: plans.StoredPlan | None, lang: str) -> None:
    """Import or edit the chosen plan (administrator only), with a preview of what will be saved."""
    if not admin.is_admin(lang, "plan"):
        return
    opened = _opened(chosen)
    uploaded = st.file_uploader(text("plan.import", lang), type=["xlsx", "csv"], key="appendix_file")
    appendix = _read(uploaded, None, lang) if uploaded is not None else None
    if uploaded is not None and appendix is None:
        return
    fields = appendix or chosen
    name = st.text_input(text("agencies.plan_name", lang),
                         value=(appendix.name or "") if appendix else chosen.name if chosen else "")
    plan_year = int(st.number_input(text("plan.year", lang), 2000, 2100, (fields.year if fields else None) or year))
    left, right = st.columns(2)
    number = left.text_input(text("plan.number", lang), value=(fields.number or "") if fields else "",
                             placeholder="123/KH-UBND")
    signed = right.date_input(text("plan.date", lang), value=fields.date if fields else None, format="DD/MM/YYYY")
    if appendix is not None and plan_year != appendix.year:
        appendix = _read(uploaded, plan_year, lang)  # the components' names as that year's structure has them
    rows = appendix.rows if appendix else context.plan_rows(chosen.name) if chosen else []
    start = pd.DataFrame([{"row": r.row, **{key: _shown(r, key) for key in plans.EDITABLE}} for r in rows],
                         columns=list(_COLUMNS))
    st.caption(text("plan.edit_help", lang))
    edited = st.data_editor(
        start, num_rows="dynamic", hide_index=True, width="stretch", column_order=plans.EDITABLE,
        key=f"appendix_editor_{chosen.name if chosen else ''}_{uploaded.file_id if uploaded else ''}",
        column_config={key: st.column_config.TextColumn(text(f"plan.edit.{key}", lang)) for key in plans.EDITABLE})
    try:
        typed = plans.appendix_rows(edited.astype(object).where(edited.notna(), "").to_dict("records"), plan_year)
    except AssignmentError as exc:
        st.error(widgets.as_plain_text(str(exc)))
        typed = None
    if typed is not None:
        _preview(typed, appendix, plan_year, lang)
    if st.button(text("agencies.save", lang), type="primary", key="save_appendix", disabled=typed is None):
        editing = chosen.name if chosen and appendix is None else None
        province_of = chosen.province if chosen and editing == name.strip() else province
        source = uploaded.name if uploaded is not None else "dashboard editor"

        def save(con: duckdb.DuckDBPyConnection) -> None:
            if editing:
                plans.check_version(con, editing, opened)
            _refuse_taken(con, name.strip(), editing, lang)
            plans.save_appendix(con, name, plan_year, typed, source, province_of, number.strip() or None, signed)
        counts = targets.summary(typed)
        _write(save, name.strip(), text("plan.saved", lang).format(
            plan=widgets.as_plain_text(name.strip()), count=counts.targets, general=counts.rows - counts.components),
            lang, needs_name=True)
    if chosen is not None:
        _manage(chosen, opened, lang)


def _opened(chosen: plans.StoredPlan | None) -> plans.PlanVersion | None:
    """The version of the plan this session's editor showed first, kept until this session writes: the file swaps
    under the page when another administrator saves, and a change from the older version is then refused."""
    if chosen is None:
        return None
    return st.session_state.setdefault("plans_opened", {}).setdefault(chosen.name, context.plan_version(chosen.name))


def _read(uploaded, year: int | None, lang: str) -> plans.Appendix | None:
    try:
        return plans.read_upload(uploaded.getvalue(), uploaded.name,
                                 lambda path, shown: plans.read_appendix(path, shown, year))
    except AssignmentError as exc:
        st.error(widgets.as_plain_text(str(exc)))
        return None


def _shown(row: plans.AppendixRow, key: str) -> str:
    """A row's cell in the editor: text, empty where nothing was typed (never 'None')."""
    value = getattr(row, key)
    return "; ".join(value) if isinstance(value, list) else value or ""


def _preview(rows: list[plans.AppendixRow], appendix: plans.Appendix | None, year: int, lang: str) -> None:
    """What "Lưu" will store: how many targets, read or not, the general tasks, the form's rows left out, each
    target as it will be judged, and the sub-dimensions left without a lead."""
    counts = targets.summary(rows)
    st.markdown(f"**{text('plan.preview', lang)}** " + text("plan.preview_counts", lang).format(
        rows=counts.rows, count=counts.targets, understood=counts.understood, unread=counts.targets - counts.understood,
        general=counts.rows - counts.components))
    if appendix is not None:
        if appendix.number:
            st.caption(text("plan.preview_document", lang).format(
                document=plans.document_title(appendix.number, appendix.date, lang)))
        if appendix.skipped:
            st.caption(text("plan.preview_skipped", lang).format(rows="; ".join(
                text("plan.preview_row", lang).format(row=row, what=text(f"plan.skipped.{kind}", lang))
                for row, kind in appendix.skipped)))
    read = pd.DataFrame([{
        "component": f"{row.code} {row.label}".strip() if row.code else row.label,
        "target": row.target,
        "reading": targets.describe(row.target, lang) if row.code else text("plan.general_task", lang),
        "lead_agency": row.lead} for row in rows if row.target or not row.code])
    if not read.empty:
        widgets.table(read, lang, widgets.slug("plan-preview", year))
    unread = [row for row in rows if row.code and row.target and not targets.parse(row.target).understood]
    if unread:
        st.warning(text("plan.preview_unread", lang).format(targets="; ".join(
            f"{row.code} “{row.target}”" for row in unread)))
    unled = plans.without_lead(rows, year)
    if unled:
        st.caption(text("plan.without_lead", lang).format(count=len(unled), codes=", ".join(unled)))


def _manage(chosen: plans.StoredPlan, opened: plans.PlanVersion, lang: str) -> None:
    """Rename, copy to the next year, delete: each a whole-plan change in one write, refused if the plan was
    saved meanwhile."""
    def unchanged(change: Callable[[duckdb.DuckDBPyConnection], object]) -> Callable[[duckdb.DuckDBPyConnection], None]:
        def checked(con: duckdb.DuckDBPyConnection) -> None:
            plans.check_version(con, chosen.name, opened)
            change(con)
        return checked

    with st.expander(text("plan.manage", lang).format(plan=plan_name(chosen.name, lang))):
        renamed = st.text_input(text("plan.new_name", lang), value=chosen.name, key="plan_rename")
        if st.button(text("plan.rename", lang), key="plan_rename_button"):
            _write(unchanged(lambda con: plans.rename_plan(con, chosen.name, renamed)), renamed.strip(),
                   text("plan.renamed", lang).format(plan=widgets.as_plain_text(renamed.strip())), lang, needs_name=True)
        next_year = (chosen.year or 0) + 1
        copy = st.text_input(text("plan.copy_name", lang), key="plan_copy",
                             value=text("plan.copy_default", lang).format(year=next_year, plan=chosen.name))
        if st.button(text("plan.copy", lang).format(year=next_year), key="plan_copy_button"):
            _write(unchanged(lambda con: plans.copy_to_next_year(con, chosen.name, copy)), copy.strip(),
                   text("plan.copied", lang).format(plan=widgets.as_plain_text(copy.strip()), year=next_year), lang,
                   needs_name=True)
        sure = st.checkbox(text("plan.delete_confirm", lang), key="plan_delete_confirm")
        if st.button(text("plan.delete", lang), key="plan_delete_button", disabled=not sure):
            _write(unchanged(lambda con: plans.delete_plan(con, chosen.name)), "",
                   text("plan.deleted", lang).format(plan=widgets.as_plain_text(chosen.name)), lang)


def _refuse_taken(con: duckdb.DuckDBPyConnection, name: str, editing: str | None, lang: str) -> None:
    """A save under another stored plan's name would replace that plan: refused, unless it is the plan edited."""
    if name != editing and plans.stored_plan(con, name) is not None:
        raise AssignmentError(text("plan.name_taken", lang).format(plan=name))


def _write(change: Callable[[duckdb.DuckDBPyConnection], None], chosen: str, message: str, lang: str,
           needs_name: bool = False) -> None:
    """Every write of the editor: one transaction on the live database (store.write), then the page chooses what
    was written and says so; a refusal leaves the database unchanged and says why."""
    if needs_name and not chosen:
        st.error(text("plan.needs_name", lang))
        return
    try:
        store.write(store.default_db_path(), change)
    except plans.StalePlan as exc:  # kept refused until the page is reloaded and shows the stored plan
        now = exc.now
        st.error(text("plan.stale", lang).format(
            plan=widgets.as_plain_text(exc.plan), when=f"{now.saved_at:%d/%m/%Y %H:%M} UTC",
            source=widgets.as_plain_text(now.source or ""), rows=now.rows) if now.saved_at
            else text("plan.stale_deleted", lang).format(plan=widgets.as_plain_text(exc.plan)))
    except (AssignmentError, store.DatabaseBusy) as exc:
        st.error(widgets.as_plain_text(str(exc)))
    else:
        st.session_state.pop("plans_opened", None)
        widgets.saved("plan", chosen, message)
