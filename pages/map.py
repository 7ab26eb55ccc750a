"""Bản đồ / Map: a component's four score groups by province, the chosen province outlined, beside the ranking;
provinces without data shown as such."""
import os
from pathlib import Path

import plotly.graph_objects as go
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
view = (path, code, label, year, lang, province)
_, from_boundaries = context.map_figure(*view)
if not from_boundaries:
    st.info(text("map.fallback", lang).format(path=path))


def ranking():
    ranked = analysis.ranking(context.panel(), year, code, unit_set_of(province))
    return ranked.assign(province=ranked.province_code.map(lambda c: context.province_label(c, lang)),
                         rank=[widgets.rank_text(r, None, len(ranked)) for r in ranked["rank"]],
                         borderline=ranked.borderline.map(lambda b: text("common.yes", lang) if b else ""))[
        ["rank", "province", "score", "group", "points_to_next_group", "borderline"]]


left, right = st.columns([3, 2])  # Vietnam is tall: the ranking uses the width beside it
with left:
    widgets.chart(lambda: go.Figure(context.map_figure(*view)[0]), lang, widgets.slug("map", code, year), [year],
                  view=view, large=True)
with right:
    widgets.table(context.model("map-ranking", (year, code, unit_set_of(province), lang), ranking), lang,
                  widgets.slug("map-ranking", code, year), decimals=4, height=780)  # as the reports print them
widgets.notes(lang, [year])
