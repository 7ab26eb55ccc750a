"""Bản đồ / Map: a component's four score groups by province; provinces without data shown as such."""
import os
from pathlib import Path

import streamlit as st

from dashboard import context, widgets
from papi_analysis import charts
from papi_analysis.codebook import COMPONENTS
from papi_analysis.i18n import text

context.require_frame()
lang, year = st.session_state.lang, st.session_state.year
st.title(f"{text('page.map', lang)} – {year}")

codes = list(COMPONENTS)
labels = {c: charts.component_name({"code": c, "name_vi": COMPONENTS[c].name_vi, "name_en": COMPONENTS[c].name_en},
                                   lang) for c in codes}
context.url_choice("component", codes, "TOTAL")
code = st.selectbox(text("trends.component", lang), codes, key="component", format_func=labels.get)
context.keep_in_url(component=code)

# The boundaries are third-party data read where they lie (PAPI_GEOJSON), never bundled.
default_path = Path(__file__).resolve().parent.parent.parent / "shared" / "papi" / "geo" / "vietnam_provinces_63.geojson"
path = os.environ.get("PAPI_GEOJSON", str(default_path))
figure, from_boundaries = context.map_figure(path, code, labels[code], year, lang)
if not from_boundaries:
    st.info(text("map.fallback", lang).format(path=path))
widgets.chart(figure, lang, widgets.slug("map", code, year))
