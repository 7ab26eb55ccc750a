"""Bản đồ / Map: a component's four score groups by province; provinces without data shown as such."""
import os
from pathlib import Path

import streamlit as st

from dashboard import context, widgets
from papi_analysis.i18n import text

context.require_frame()
lang, year = st.session_state.lang, st.session_state.year
st.title(f"{text('page.map', lang)} – {year}")

code, label = widgets.component_choice(lang)

# The boundaries are third-party data read where they lie (PAPI_GEOJSON), never bundled.
default_path = Path(__file__).resolve().parent.parent.parent / "shared" / "papi" / "geo" / "vietnam_provinces_63.geojson"
path = os.environ.get("PAPI_GEOJSON", str(default_path))
figure, from_boundaries = context.map_figure(path, code, label, year, lang)
if not from_boundaries:
    st.info(text("map.fallback", lang).format(path=path))
widgets.chart(figure, lang, widgets.slug("map", code, year), [year])
widgets.notes(lang, [year])
