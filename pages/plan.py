"""Kế hoạch / Plan: the plan's targets judged against the year's results, per agency and per target; the year's
reports in Word; the plan imported or edited by an administrator."""
import streamlit as st

from dashboard import context, plan_editor, widgets
from papi_analysis import charts, plans, targets
from papi_analysis.i18n import text
from papi_analysis.plans import agency_label, plan_name

context.require_frame()
lang, province, year = st.session_state.lang, st.session_state.province, st.session_state.year
panel = context.panel()
name = context.province_label(province, lang)
st.title(f"{text('page.plan', lang)} – {name} {year}")
st.caption(text("plan.intro", lang))
has_data = not widgets.no_data_notice(panel, province, year, lang)

widgets.announce_saved("plan", lang)
chosen = widgets.plan_choice(province, year, lang)
plan = chosen.name if chosen else None
if chosen is None or not chosen.targets:
    st.info(text("plan.none", lang).format(province=name) if chosen is None else
            text("plan.no_targets", lang).format(plan=widgets.as_plain_text(plan_name(plan, lang))))
elif chosen.year is not None and chosen.year > year:
    st.info(text("plan.pending", lang).format(plan_year=chosen.year, year=year))
elif chosen.year is not None and chosen.year != year:
    st.warning(text("plan.other_year", lang).format(plan_year=chosen.year, year=year))
if chosen is not None:
    if chosen.document(lang):
        st.caption(chosen.document(lang))
    unled = context.model("without-lead", (plan, year), lambda: plans.without_lead(context.plan_rows(plan), year))
    if unled:
        st.caption(text("plan.without_lead", lang).format(count=len(unled), codes=", ".join(unled)))

if has_data and chosen is not None and chosen.targets:
    _, tracked = context.progress(province, year, plan, lang)

    def progress_shown():
        """The counts per status, per agency (chart and table) and each target as shown, for every agency to
        filter by ('' for all)."""
        by_agency = targets.by_agency(tracked)
        shown = tracked.assign(
            component=[f"{c} {n}" if isinstance(c, str) and c != "TOTAL" else n
                       for c, n in zip(tracked.code, tracked.component)],
            actual=[targets.actual_text(row, lang) for _, row in tracked.iterrows()],
            target_status=tracked.status.map(lambda s: text(f"target.{s}", lang)),
            lead_agency=tracked.lead_agency.map(lambda a: agency_label(a, lang) if a else "–"))
        shown = shown[["component", "target", "actual", "target_status", "rank", "lead_agency", "tasks", "deadline"]]
        each = {agency: shown[tracked.lead_agency == agency] for agency in sorted(set(tracked.lead_agency) - {""})}
        counts = tracked.status.value_counts()
        return ({"all": len(tracked), **{status: int(counts.get(status, 0)) for status in targets.STATUSES}},
                by_agency, by_agency.assign(agency=by_agency.agency.map(lambda a: agency_label(a, lang))),
                {"": shown, **each})

    view = (province, year, plan, lang)
    counts, by_agency, by_agency_shown, each = context.model("plan", view, progress_shown)
    for column, (status, count) in zip(st.columns(len(counts)), counts.items()):
        column.metric(text("col.targets" if status == "all" else f"target.{status}", lang), count)

    st.subheader(text("plan.by_agency", lang))
    widgets.chart(lambda: charts.targets_by_agency(by_agency, plan_name(plan, lang), year, lang), lang,
                  widgets.slug("targets-by-agency", name, year), [year], view=view)
    widgets.table(by_agency_shown, lang, widgets.slug("targets-by-agency", name, year), view=view)

    st.subheader(text("plan.targets", lang))
    shown_agency = st.selectbox(text("plan.filter_agency", lang), list(each), key=f"plan_agency__{lang}",
                                format_func=lambda a: text("plan.all_agencies", lang) if a == "" else agency_label(a, lang))
    widgets.table(each[shown_agency], lang, widgets.slug("targets", plan, name, year), view=(*view, shown_agency))
    st.caption(text("plan.actual_help", lang))

if has_data:
    st.subheader(text("plan.reports", lang))
    st.caption(text("plan.reports_help", lang))
    left, right = st.columns(2)
    with left:
        widgets.report_button(province, year, plan, None, lang, "plan")
        widgets.report_button(province, year, plan, None, lang, "plan-every-agency", every_agency=True)
    assignment = context.assignment(plan, year, province)
    if assignment is not None:
        with right:
            agency = st.selectbox(text("agencies.choose", lang), assignment.agencies(), key=f"report_agency__{lang}",
                                  format_func=lambda a: agency_label(a, lang))
            widgets.report_button(province, year, plan, agency, lang, "plan-agency")

st.subheader(text("plan.edit", lang))
plan_editor.template(year, lang)
plan_editor.editor(province, year, chosen, lang)
widgets.notes(lang, [year])
