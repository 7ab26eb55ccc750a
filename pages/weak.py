"""Nội dung cần cải thiện / Weak components: flags with reasons and the agencies that lead them."""
from dataclasses import astuple

import streamlit as st

from dashboard import context, widgets
from papi_analysis import analysis, charts
from papi_analysis.export import pack
from papi_analysis.i18n import text

context.require_frame()
lang, province, year = st.session_state.lang, st.session_state.province, st.session_state.year
panel = context.panel()
assignment = context.assignment(None, year, province)  # the plan in force for the province in the year
name = context.province_label(province, lang)
st.title(f"{text('page.weak', lang)} – {name} {widgets.year_title(province, year, lang)}")
st.caption(text("weak.intro", lang))

if widgets.no_data_notice(panel, province, year, lang):
    st.stop()
widgets.estimate_notice(panel, province, year, lang)
widgets.meeting_pack_button(pack.PackRequest(province, year, lang), lang, "weak")
with st.expander(text("weak.rules", lang)):
    default = analysis.FlagRules()
    rules = analysis.FlagRules(
        not_improved_years=st.number_input(text("weak.rule.not_improved_years", lang), 1, 6,
                                           default.not_improved_years, key="rule_years", persist_state="session"),
        low_share_of_scale=st.slider(text("weak.rule.low_share_of_scale", lang), 0, 80,
                                     round(100 * default.low_share_of_scale), 5, key="rule_low_percent",
                                     persist_state="session", format="%d%%") / 100,
        below_median=st.toggle(text("weak.rule.below_median", lang), default.below_median, key="rule_median",
                               persist_state="session"))


def weak_components():
    """The flags as shown: names, reasons in words, ranks with ties, points to gain, the plan's targets."""
    flagged = analysis.flags_with_agencies(panel, province, year, assignment, rules, lang)
    flagged["component"] = [charts.component_name(r, lang) for _, r in flagged.iterrows()]
    flagged["reasons"] = flagged.reasons.map("; ".join)
    flagged["rank"] = [widgets.rank_text(r, last, n) for r, last, n in
                       zip(flagged["rank"], flagged.rank_last, flagged.n)]
    flagged["gain"] = flagged.gap_to_best.where(flagged.level != "indicator")
    goals = widgets.with_targets(flagged, province, year, lang)  # the plan's target for each, and whether it was met
    tiers = {tier: flagged.loc[flagged.tier == tier, ["component", "lead_agency", "score", "rank", "change", *goals,
                                                      "gain", "next_step", "reasons", "supporting_agencies"]]
             for tier in analysis.TIERS}
    return flagged[flagged.level == "subdimension"][["code", "component"]], tiers


view = (province, year, lang, astuple(rules), assignment.plan if assignment else None)
subdimensions, tiers = context.model("weak", view, weak_components)
if all(part.empty for part in tiers.values()):
    st.success(text("weak.none", lang))
    st.stop()
for tier, part in tiers.items():
    if part.empty:
        continue
    heading = f"{text(f'tier.{tier}', lang)} ({len(part)})"
    # Components low only against the scale (most provinces are) stay folded: the others lead.
    box = st.expander(heading) if tier == analysis.LOW_ON_SCALE else st.container()
    with box:
        if tier != analysis.LOW_ON_SCALE:
            st.subheader(heading)
        widgets.table(part, lang, widgets.slug("flags", name, year, tier), height=36 * (len(part) + 1) + 4, view=view)
st.caption(text("weak.gain_help", lang))

if not subdimensions.empty:
    options = subdimensions.code.tolist()
    context.url_choice("open", options, options[0])
    chosen = context.localized(st.selectbox, "open", lang, label=text("weak.open", lang), options=options,
                               format_func=dict(zip(subdimensions.code, subdimensions.component)).get)
    context.keep_in_url(open=chosen)
    component = subdimensions.set_index("code").loc[chosen, "component"]

    def beneath():
        """The sub-dimension's indicators against the nation, and the table shown under the chart."""
        indicators = analysis.indicators_of(panel, province, year, chosen, lang)
        shown = analysis.as_percentages(indicators, ["score", "national_mean", "gap_to_national"]).assign(
            better=indicators.better.map(lambda b: text(f"better.{b}", lang)),
            worse_than_national=indicators.worse_than_national.map(lambda w: text("common.yes", lang) if w else ""),
            rank=[widgets.rank_text(r, last, n) for r, last, n in
                  zip(indicators["rank"], indicators.rank_last, indicators.n)])
        return indicators, shown[["code", "label", "better", "score", "national_mean", "rank", "gap_to_national",
                                  "worse_than_national"]]

    indicators_view = (province, year, chosen, lang)
    indicators, shown = context.model("indicators", indicators_view, beneath)
    if indicators.empty:
        st.info(text("weak.no_indicators", lang))
    else:
        st.markdown(text("weak.indicators_intro", lang).format(component=component))
        widgets.chart(lambda: charts.indicators_against_nation(indicators, province, component, year, lang), lang,
                      widgets.slug("indicators", name, chosen, year), [year], view=indicators_view)
        widgets.table(shown, lang, widgets.slug("indicators", name, chosen, year), decimals=3, view=indicators_view)
widgets.notes(lang, [year])
