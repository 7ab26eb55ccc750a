"""So sánh / Compare: all provinces on a component, peer groups, and the 2025 regrouped estimate."""
import streamlit as st

from dashboard import context, widgets
from papi_analysis import analysis, charts
from papi_analysis.i18n import text
from papi_analysis.provinces import region_name, unit_name
from papi_analysis.units import entity, is_estimate, is_unit

context.require_frame()
lang, province, year = st.session_state.lang, st.session_state.province, st.session_state.year
panel = context.panel()
st.title(f"{text('page.compare', lang)} – {widgets.year_title(province, year, lang)}")

code, label = widgets.component_choice(lang)
groups = ["all", "region", "unit_2025"]
context.url_choice("peer_group", groups, "all")
peer_group = context.localized(st.radio, "peer_group", lang, label=text("compare.peer_group", lang), options=groups,
                               horizontal=True, format_func=lambda g: text(f"compare.peer.{g}", lang))
context.keep_in_url(peer_group=peer_group)


def comparison():
    """The peers' ranking and the 2025 units' estimates, as shown."""
    table = analysis.peers(panel, province, year, code, peer_group)
    table["province"] = table.province_code.map(lambda c: context.province_label(c, lang))
    table["region"] = table.region.map(lambda r: region_name(r, lang))
    table["unit_2025"] = table.unit_2025.map(lambda u: unit_name(u, lang))
    regrouped = analysis.regrouped_2025(panel, year, [code])
    regrouped["unit_2025"] = regrouped.unit_2025.map(lambda u: unit_name(u, lang))
    regrouped["method"] = regrouped.method.map(lambda m: text(f"method.{m}", lang) if isinstance(m, str) else None)
    return (table, table[["rank", "province", "region", "unit_2025", "score", "group", "change", "rank_change"]],
            regrouped, regrouped[["rank", "unit_2025", "score", "provinces_with_data", "provinces_in_unit", "method"]])


view = (province, year, code, peer_group, lang)
table, table_shown, regrouped, regrouped_shown = context.model("compare", view, comparison)
if is_estimate(province, year):
    st.warning(text("compare.estimate_warning", lang))
widgets.chart(lambda: charts.ranking_bar(table, context.province_label(province, lang), label, year, lang,
                                         estimate=is_estimate(province, year)), lang,
              widgets.slug("ranking", code, year, peer_group), [year], view=view)
widgets.table(table_shown, lang, widgets.slug("ranking", code, year, peer_group), view=view)

if not is_unit(province):  # a unit's page ranks the 34 above: published from 2025, estimated (and said so) before
    st.subheader(text("compare.regrouped", lang))
    st.warning(text("compare.estimate_warning", lang))
    home_unit = unit_name(entity(province).unit_2025, lang)
    widgets.chart(lambda: charts.ranking_bar(regrouped.rename(columns={"unit_2025": "province"}), home_unit, label,
                                             year, lang, estimate=True), lang,
                  widgets.slug("estimate-2025", code, year), [year], view=view)
    widgets.table(regrouped_shown, lang, widgets.slug("estimate-2025", code, year), view=view)
widgets.notes(lang, [year])
