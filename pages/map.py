"""Bản đồ / Map: a component's four score groups by province, the chosen province outlined, beside the ranking;
provinces without data shown as such."""
import os
from pathlib import Path

import streamlit as st

from dashboard import context, widgets
from papi_analysis import analysis
from papi_analysis.i18n import text
from papi_analysis.units import unit_set_of

context.require_frame()
lang, province, year = st.session_state.lang, st.session_state.province, st.session_state.year
st.title(f"{text('page.map', lang)} – {year}")

code, label = widgets.component_choice(lang)

# The boundaries are third-party data read where they lie (PAPI_GEOJSON), never bundled.
default_path = Path(__file__).resolve().parent.parent.parent / "shared" / "papi" / "geo" / "vietnam_provinces_63.geojson"
path = os.environ.get("PAPI_GEOJSON", str(default_path))
figure, from_boundaries = context.map_figure(path, code, label, year, lang, province)
if not from_boundaries:
    st.info(text("map.fallback", lang).format(path=path))
left, right = st.columns([3, 2])  # Vietnam is tall: the ranking uses the width beside it
with left:
    widgets.chart(figure, lang, widgets.slug("map", code, year), [year])
with right:
    ranked = analysis.ranking(context.panel(), year, code, unit_set_of(province))
    ranked = ranked.assign(province=ranked.province_code.map(lambda c: context.province_label(c, lang)),
                           rank=[widgets.rank_text(r, None, len(ranked)) for r in ranked["rank"]])
    widgets.table(ranked[["rank", "province", "score", "group"]], lang, widgets.slug("map-ranking", code, year),
                  height=780)
widgets.notes(lang, [year])
