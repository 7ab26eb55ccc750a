"""Kế hoạch / Plan: the plan's targets judged against the year's results, per agency and per target; the year's
reports in Word; the plan imported or edited by an administrator."""
import pandas as pd
import streamlit as st

from dashboard import admin, context, widgets
from papi_analysis import charts, plans, store, targets
from papi_analysis.i18n import text
from papi_analysis.plans import agency_label, plan_name

context.require_frame()
lang, province, year = st.session_state.lang, st.session_state.province, st.session_state.year
panel = context.panel()
name = context.province_label(province, lang)
st.title(f"{text('page.plan', lang)} – {name} {year}")
st.caption(text("plan.intro", lang))
has_data = not widgets.no_data_notice(panel, province, year, lang)

widgets.announce_saved("target_plan", lang)
available = context.plans_with_targets(province)
plan = None
if not available:
    st.info(text("plan.none", lang).format(province=name))
else:
    names = [plan_name_ for plan_name_, _ in available]
    in_force = next((n for n, y in available if y is None or y <= year), names[-1])
    context.url_choice("target_plan", names, in_force)
    plan = context.localized(st.selectbox, "target_plan", lang, label=text("plan.choose", lang), options=names,
                             format_func=lambda p: plan_name(p, lang))
    context.keep_in_url(target_plan=plan)
    plan_year = dict(available)[plan]
    if plan_year is not None and plan_year != year:
        st.warning(text("plan.other_year", lang).format(plan_year=plan_year, year=year))
    unled = context.model("without-lead", (plan, year), lambda: plans.without_lead(context.plan_rows(plan), year))
    if unled:
        st.caption(text("plan.without_lead", lang).format(count=len(unled), codes=", ".join(unled)))

if has_data and plan is not None:
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
    for column, (status, count) in zip(st.columns(5), counts.items()):
        column.metric(text("col.targets" if status == "all" else f"target.{status}", lang), count)

    st.subheader(text("plan.by_agency", lang))
    widgets.chart(lambda: charts.targets_by_agency(by_agency, plan_name(plan, lang), year, lang), lang,
                  widgets.slug("targets-by-agency", name, year), [year], view=view)
    widgets.table(by_agency_shown, lang, widgets.slug("targets-by-agency", name, year), view=view)

    st.subheader(text("plan.targets", lang))
    chosen = st.selectbox(text("plan.filter_agency", lang), list(each), key=f"plan_agency__{lang}",
                          format_func=lambda a: text("plan.all_agencies", lang) if a == "" else agency_label(a, lang))
    widgets.table(each[chosen], lang, widgets.slug("targets", plan, name, year), view=(*view, chosen))
    st.caption(text("plan.actual_help", lang))

if has_data:
    st.subheader(text("plan.reports", lang))
    st.caption(text("plan.reports_help", lang))
    left, right = st.columns(2)
    with left:
        widgets.report_button(province, year, plan, None, lang, "plan")
        widgets.report_button(province, year, plan, None, lang, "plan-every-agency", every_agency=True)
    assignment, _ = context.assignment(plan, year)
    if assignment is not None:
        with right:
            agency = st.selectbox(text("agencies.choose", lang), assignment.agencies(), key=f"report_agency__{lang}",
                                  format_func=lambda a: agency_label(a, lang))
            widgets.report_button(province, year, plan, agency, lang, "plan-agency")

st.subheader(text("plan.edit", lang))
if admin.is_admin(lang, "plan"):
    new_name = st.text_input(text("agencies.plan_name", lang), value=plan or "")
    new_year = st.number_input(text("plan.year", lang), 2000, 2100, dict(available).get(plan) or year if plan else year)
    uploaded = st.file_uploader(text("plan.import", lang), type=["xlsx", "csv"], key="appendix_file")
    start = pd.DataFrame([{key: getattr(row, key) if key != "supporting" else "; ".join(row.supporting)
                           for key in plans.EDITABLE} for row in context.plan_rows(plan)]
                         if plan else [], columns=list(plans.EDITABLE))
    # The version this session's editor showed first: a save is refused if someone saved the plan since.
    shown_version = f"plan_version__{plan}"
    if plan and shown_version not in st.session_state:
        st.session_state[shown_version] = context.plan_version(plan)
    edited = st.data_editor(start.rename(columns=lambda c: text(f"plan.edit.{c}", lang)), num_rows="dynamic",
                            hide_index=True, key=f"appendix_editor_{plan}", width="stretch")
    if st.button(text("agencies.save", lang), type="primary", key="save_appendix"):
        try:
            if not new_name.strip():
                raise plans.AssignmentError(text("plan.needs_name", lang))
            if uploaded is not None:
                rows, _ = plans.read_upload(
                    uploaded.getvalue(), uploaded.name,
                    lambda path, shown_name: plans.read_appendix(path, shown_name, int(new_year)))
            else:
                records = edited.rename(columns={text(f"plan.edit.{c}", lang): c for c in plans.EDITABLE})
                rows = plans.appendix_rows(records.fillna("").to_dict("records"), int(new_year))
            source = uploaded.name if uploaded is not None else "dashboard editor"
            expected = st.session_state.get(shown_version) if new_name.strip() == plan else None
            store.write(store.default_db_path(),
                        lambda con: plans.save_appendix(con, new_name.strip(), int(new_year), rows, source, province,
                                                        expected=expected))
        except plans.StalePlan as exc:  # kept refused until the page is reloaded and shows the stored plan
            now = exc.now
            st.error(text("plan.stale", lang).format(
                plan=widgets.as_plain_text(exc.plan), when=f"{now.saved_at:%d/%m/%Y %H:%M} UTC",
                source=widgets.as_plain_text(now.source or ""), rows=now.rows) if now.saved_at
                else text("plan.stale_deleted", lang).format(plan=widgets.as_plain_text(exc.plan)))
        except (plans.AssignmentError, store.DatabaseBusy) as exc:
            st.error(widgets.as_plain_text(exc))
        else:
            st.session_state.pop(shown_version, None)  # the next run shows, and checks against, the saved plan
            widgets.saved("target_plan", new_name.strip(), text("plan.saved", lang).format(
                plan=widgets.as_plain_text(new_name.strip()), count=sum(1 for r in rows if r.code and r.target),
                unread=sum(1 for r in rows if not r.code)))
widgets.notes(lang, [year])
