"""Cơ quan / Agencies: each agency's components, agencies ranked, and the plan's assignment (edited on the Plan
page, the one editor of plans)."""
import streamlit as st

from dashboard import context, widgets
from papi_analysis import analysis, assignments, charts
from papi_analysis.export import pack
from papi_analysis.i18n import text
from papi_analysis.plans import agency_label

context.require_frame()
lang, province, year = st.session_state.lang, st.session_state.province, st.session_state.year
panel = context.panel()
name = context.province_label(province, lang)
st.title(f"{text('page.agencies', lang)} – {name} {widgets.year_title(province, year, lang)}")
has_data = not widgets.no_data_notice(panel, province, year, lang)

chosen = widgets.plan_choice(province, year, lang)  # the same choice as on the Plan page
assignment = context.assignment(chosen.name, year, province) if chosen else None

if assignment is None:
    st.info(text("agencies.none", lang))
else:
    if has_data:
        st.subheader(text("agencies.ranking", lang))
        plan_view = (province, year, assignment.plan, lang)
        ranked = context.model("agencies", plan_view, lambda: analysis.agencies_ranked(panel, assignment, province, year))
        widgets.table(context.model("agencies-shown", plan_view, lambda: ranked.assign(
            agency=ranked.agency.map(lambda a: agency_label(a, lang)))), lang, widgets.slug("agencies", name, year),
            view=plan_view)

        agencies = assignment.agencies()
        context.url_choice("agency", agencies, ranked.agency.iloc[0])
        agency = context.localized(st.selectbox, "agency", lang, label=text("agencies.choose", lang), options=agencies,
                                   format_func=lambda a: agency_label(a, lang))
        context.keep_in_url(agency=agency)

        def agency_card():
            """The agency's components as shown, with its plan's targets, and the verdict on them."""
            card, verdict = analysis.agency_scorecard(panel, assignment, agency, province, year, lang=lang)
            card["component"] = [charts.component_name(r, lang) for _, r in card.iterrows()]
            card["reasons"] = card.reasons.map("; ".join)
            card["rank"] = [widgets.rank_text(r, last, n) for r, last, n in zip(card["rank"], card.rank_last, card.n)]
            goals = widgets.with_targets(card, province, year, lang, assignment.plan)
            return card[["component", "score", "rank", "group", "change", "rank_change", *goals, "reasons"]], verdict

        agency_view = (*plan_view, agency)
        card, verdict = context.model("agency", agency_view, agency_card)
        st.markdown(f"**{widgets.as_plain_text(agency_label(agency, lang))}** — {verdict}")
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
            lambda a: agency_label(a, lang))
        return shown

    widgets.table(context.model("assignment", (assignment.plan, lang), assignment_table), lang,
                  widgets.slug("assignment", assignment.plan), view=(assignment.plan,))
    left, right = st.columns(2)
    left.download_button(text("agencies.export_xlsx", lang), lambda: assignments.export_xlsx(assignment, lang),
                         file_name=f"{widgets.slug('assignment', assignment.plan)}.xlsx", on_click="ignore")

context.page_link("pages/plan.py", label=text("agencies.edit_on_plan", lang), icon=":material/edit:")
widgets.notes(lang, [year])
