"""Xu hướng / Trends: a component over the years against the nation, the region and peers."""
import streamlit as st

from dashboard import context, widgets
from papi_analysis import analysis, charts
from papi_analysis.i18n import text
from papi_analysis.units import units_like

context.require_frame()
lang, province = st.session_state.lang, st.session_state.province
panel = context.panel()
name = context.province_label(province, lang)
st.title(f"{text('page.trends', lang)} – {name}")

code, label = widgets.component_choice(lang, with_six_dimension_total=True)
others = [u.code for u in units_like(province) if u.code != province]
peer_codes = context.localized(st.multiselect, "peers", lang, label=text("trends.peers", lang), options=others,
                               max_selections=5, placeholder=text("common.choose", lang),
                               format_func=lambda c: context.province_label(c, lang))


def over_the_years():
    """The province's history, its peers' and the breaks in comparability, as shown."""
    history = analysis.history(panel, province, code)
    peers = {context.province_label(p, lang): analysis.history(panel, p, code) for p in peer_codes}
    breaks = analysis.comparability_breaks(code, history.year.tolist())
    shown = history.assign(estimate=history.estimate.map(lambda e: text("chart.estimate", lang) if e else ""))
    return history, peers, breaks, shown[["year", "score", "estimate", "rank", "n", "group", "national_mean",
                                          "region_mean", "change"]]


view = (province, code, tuple(peer_codes), lang)
history, peers, breaks, shown = context.model("trends", view, over_the_years)
widgets.chart(lambda: charts.trend(history, peers, province, label, breaks, lang), lang,
              widgets.slug("trend", name, code), panel.years, view=view)
widgets.table(shown, lang, widgets.slug("trend", name, code))

measure = context.localized(st.radio, "measure", lang, label=text("trends.measure", lang), options=["group", "rank"],
                            horizontal=True, format_func=lambda m: text(f"trends.measure.{m}", lang))
with_subdimensions = st.toggle(text("trends.levels", lang), key="subs", persist_state="session")
levels = ("total", "dimension", "subdimension") if with_subdimensions else ("total", "dimension")
view = (province, measure, levels, lang)
matrix = context.model("standing", view[:3], lambda: analysis.standing_matrix(panel, province, measure, levels))
widgets.chart(lambda: charts.heatmap(matrix, province, measure, lang), lang, widgets.slug("heatmap", name, measure),
              panel.years, view=view)
widgets.notes(lang, panel.years)
