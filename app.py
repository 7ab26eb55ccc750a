"""PAPI dashboard: the frame (sidebar selection, language, navigation). Pages live in pages/."""
import logging
import os

import streamlit as st

from dashboard import context, uploads
from papi_analysis.i18n import LANGUAGES, text
from papi_analysis.units import UNITS_FROM

context.leave_pages_folder_mode()
uploads.install()  # already done where dashboard.server started the process; here for a plain `streamlit run`
st.set_page_config(page_title="PAPI", page_icon="📊", layout="wide")

panel = context.panel()
context.init_selection(panel.years)
menu = st.sidebar.container()  # the pages' links, drawn once the page has run (see context.navigation_links)

# Kept for the whole session, across page changes (Streamlit otherwise resets a widget on a page change).
lang = st.sidebar.radio(text("sidebar.language", st.session_state.lang), LANGUAGES, key="lang", horizontal=True,
                        format_func=lambda code: {"vi": "Tiếng Việt", "en": "English"}[code], persist_state="session")
year = st.session_state.year  # the year chosen below, as of this run: it decides which provinces there are
as_units, moved = context.follow_unit_set(year)
context.localized(st.sidebar.selectbox, "province", lang, label=text("sidebar.province", lang),
                  options=[u.code for u in context.units_for(year, as_units)],
                  format_func=lambda code: context.province_label(code, lang))
if moved:
    st.sidebar.info(text("sidebar.unit_notice", lang).format(former=moved[0], unit=moved[1]))
st.sidebar.selectbox(text("sidebar.year", lang), sorted(panel.years, reverse=True), key="year",
                     persist_state="session")
if year < UNITS_FROM:
    st.sidebar.toggle(text("sidebar.as_units", lang), key="as_units", persist_state="session",
                      help=text("sidebar.as_units_help", lang))
st.sidebar.caption(text("sidebar.link", lang))
context.selection_defaults(lang=lang, province=st.session_state.province, year=st.session_state.year)
context.keep_in_url(lang=lang, province=st.session_state.province, year=st.session_state.year)
context.link_notes(lang)

pages = [
    st.Page("pages/overview.py", title=text("page.overview", lang), icon="🏠", url_path="overview"),
    st.Page("pages/trends.py", title=text("page.trends", lang), icon="📈", url_path="trends"),
    st.Page("pages/weak.py", title=text("page.weak", lang), icon="⚠️", url_path="weak"),
    st.Page("pages/agencies.py", title=text("page.agencies", lang), icon="🏛️", url_path="agencies"),
    st.Page("pages/plan.py", title=text("page.plan", lang), icon="🎯", url_path="plan"),
    st.Page("pages/compare.py", title=text("page.compare", lang), icon="⚖️", url_path="compare"),
    st.Page("pages/map.py", title=text("page.map", lang), icon="🗺️", url_path="map"),
    st.Page("pages/data.py", title=text("page.data", lang), icon="🗂️", url_path="data"),
]
# Streamlit serves its default page only at the root (its own address answered 'Page not found'): the root is
# a page of its own that shows the Overview, which keeps /overview.
root = st.Page(context.overview_at_the_root, title=text("page.overview", lang), icon="🏠", url_path="start",
               default=True)
try:
    st.navigation([root, *pages], position="hidden").run()
except Exception:  # st.stop and reruns are no Exception: this is a fault, and a reader never sees a traceback
    if os.environ.get("PAPI_DEBUG"):  # developers and the tests: Streamlit shows it
        raise
    logging.getLogger("papi.app").exception("page failed (%s)", st.context.url)
    st.error(text("error.page", lang))
finally:  # also after st.stop() in a page: the address and the menu as this run left them
    context.navigation_links(menu, pages)
    context.write_address()
