"""Cơ quan / Agencies: each agency's components, agencies ranked, and the assignment (edited by an administrator)."""
import pandas as pd
import streamlit as st

from dashboard import admin, context, widgets
from papi_analysis import analysis, assignments, charts, store
from papi_analysis.export import pack
from papi_analysis.i18n import text
from papi_analysis.plans import agency_name, plan_name

context.require_frame()
lang, province, year = st.session_state.lang, st.session_state.province, st.session_state.year
panel = context.panel()
name = context.province_label(province, lang)
st.title(f"{text('page.agencies', lang)} – {name} {year}")
has_data = not widgets.no_data_notice(panel, province, year, lang)

widgets.announce_saved("plan", lang)
in_force, plans = context.assignment(None, year)
if not plans.empty:
    plan_names = plans.plan.tolist()
    if st.session_state.get("plan_year") != year:  # a new year opens on the plan in force in it
        st.session_state.pop("plan", None)
        st.session_state.pop(f"plan__{lang}", None)
        st.session_state.plan_year = year
    context.url_choice("plan", plan_names, in_force.plan)
    context.localized(st.selectbox, "plan", lang, label=text("agencies.plan", lang), options=plan_names,
                      format_func=lambda p: plan_name(p, lang))
    context.keep_in_url(plan=st.session_state.plan)
assignment, _ = context.assignment(st.session_state.get("plan"), year)

if assignment is None:
    st.info(text("agencies.none", lang))
else:
    if has_data:
        st.subheader(text("agencies.ranking", lang))
        plan_view = (province, year, assignment.plan, lang)
        ranked = context.model("agencies", plan_view, lambda: analysis.agencies_ranked(panel, assignment, province, year))
        widgets.table(context.model("agencies-shown", plan_view, lambda: ranked.assign(
            agency=ranked.agency.map(lambda a: agency_name(a, lang)))), lang, widgets.slug("agencies", name, year),
            view=plan_view)

        agencies = assignment.agencies()
        context.url_choice("agency", agencies, ranked.agency.iloc[0])
        agency = context.localized(st.selectbox, "agency", lang, label=text("agencies.choose", lang), options=agencies,
                                   format_func=lambda a: agency_name(a, lang))
        context.keep_in_url(agency=agency)

        def agency_card():
            """The agency's components as shown, with its plan's targets, and the verdict on them."""
            card, verdict = analysis.agency_scorecard(panel, assignment, agency, province, year, lang=lang)
            card["component"] = [charts.component_name(r, lang) for _, r in card.iterrows()]
            card["reasons"] = card.reasons.map("; ".join)
            card["rank"] = [widgets.rank_text(r, last, n) for r, last, n in zip(card["rank"], card.rank_last, card.n)]
            goals = widgets.with_targets(card, province, year, lang)
            return card[["component", "score", "rank", "group", "change", "rank_change", *goals, "reasons"]], verdict

        agency_view = (*plan_view, agency)
        card, verdict = context.model("agency", agency_view, agency_card)
        st.markdown(f"**{widgets.as_plain_text(agency_name(agency, lang))}** — {verdict}")
        left, right = st.columns(2)
        with left:
            widgets.meeting_pack_button(pack.PackRequest(province, year, lang, agency), lang, "agency")
        with right:
            widgets.report_button(province, year, assignment.plan, agency, lang, "agency")
        widgets.table(card, lang, widgets.slug("agency", agency, name, year), view=agency_view)

    st.subheader(text("agencies.assignment", lang))

    def assignment_table():
        shown = assignments.export_table(assignment, lang)
        shown[["lead_agency", "supporting_agencies"]] = shown[["lead_agency", "supporting_agencies"]].map(
            lambda a: agency_name(a, lang))
        return shown

    widgets.table(context.model("assignment", (assignment.plan, lang), assignment_table), lang,
                  widgets.slug("assignment", assignment.plan), view=(assignment.plan,))
    left, right = st.columns(2)
    left.download_button(text("agencies.export_xlsx", lang), lambda: assignments.export_xlsx(assignment, lang),
                         file_name=f"{widgets.slug('assignment', assignment.plan)}.xlsx", on_click="ignore")

st.subheader(text("agencies.edit", lang))
if admin.is_admin(lang, "assignment"):
    new_plan = st.text_input(text("agencies.plan_name", lang), value=assignment.plan if assignment else "")
    plan_year = st.number_input(text("agencies.plan_year", lang), 2000, 2100,
                                (assignment.year or year) if assignment else year)
    uploaded = st.file_uploader(text("agencies.import", lang), type=["csv", "xlsx"], key="assignment_file")
    start = assignments.export_table(assignment, lang)[["code", "lead_agency", "supporting_agencies"]] \
        if assignment else pd.DataFrame(columns=["code", "lead_agency", "supporting_agencies"])
    edited = st.data_editor(start, num_rows="dynamic", hide_index=True, key="assignment_editor", width="stretch")
    if st.button(text("agencies.save", lang), type="primary"):
        try:
            if uploaded is not None:
                table = assignments.read_upload(uploaded.getvalue(), uploaded.name)
            else:
                table = assignments.parse_table([list(edited.columns)] + edited.fillna("").astype(str).values.tolist(),
                                                text("agencies.assignment", lang))
            assignments.save_plan(store.default_db_path(), new_plan, int(plan_year), table,
                                  uploaded.name if uploaded is not None else "dashboard editor")
        except (assignments.AssignmentError, store.DatabaseBusy) as exc:
            st.error(widgets.as_plain_text(exc))
        else:
            widgets.saved("plan", new_plan.strip(), text("agencies.saved", lang).format(
                plan=widgets.as_plain_text(new_plan.strip()), count=len(table)))
widgets.notes(lang, [year])
