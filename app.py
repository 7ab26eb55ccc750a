"""PAPI dashboard: the frame (language, navigation). Pages live in pages/."""
import streamlit as st

from papi_analysis.i18n import LANGUAGES, text

st.set_page_config(page_title="PAPI", page_icon="📊", layout="wide")

if "lang" not in st.session_state:
    st.session_state.lang = st.query_params.get("lang", "vi") if st.query_params.get("lang") in LANGUAGES else "vi"
lang = st.sidebar.radio(text("sidebar.language", st.session_state.lang), LANGUAGES, key="lang",
                        format_func=lambda code: {"vi": "Tiếng Việt", "en": "English"}[code], horizontal=True)
st.query_params["lang"] = lang

page = st.navigation([st.Page("pages/home.py", title=text("page.home", lang), icon="🗂️", default=True)])
page.run()
