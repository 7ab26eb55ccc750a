"""Landing page: which PAPI years are loaded, from which sheets."""
import streamlit as st

from papi_analysis import store
from papi_analysis.i18n import text

lang = st.session_state.lang
st.title(text("app.title", lang))
st.caption(text("app.subtitle", lang))


@st.cache_data(ttl=60)
def load_sources():
    with store.reader() as con:
        return store.sources(con)


sources = load_sources()
loaded = sources[sources.status == "loaded"]
if loaded.empty:
    st.info(text("home.empty", lang))
    st.stop()

years = sorted(loaded.year.unique())
cols = st.columns(4)
cols[0].metric(text("home.years", lang), f"{min(years)}–{max(years)} ({len(years)})")
cols[1].metric(text("home.provinces", lang), int(loaded.provinces.max()))
cols[2].metric(text("home.figures", lang), f"{int(loaded.n_values.sum()):,}".replace(",", "." if lang == "vi" else ","))
cols[3].metric(text("home.skipped", lang), int((sources.status == "skipped").sum()))

st.write(text("home.intro", lang))
table = sources.assign(
    status=sources.status.map(lambda s: text(f"status.{s}", lang)),
    layout=sources.layout.map(lambda s: text(f"layout.{s}", lang)),
    warnings=sources.warnings.map(lambda w: "\n".join(w)),
)[["year", "file_name", "sheet", "layout", "status", "provinces", "n_values", "warnings"]]
table.columns = [text(f"col.{c}", lang) for c in ("year", "file", "sheet", "layout", "status", "provinces",
                                                    "values", "warnings")]
st.dataframe(table, hide_index=True, width="stretch")
st.caption(" ".join(text(k, lang) for k in ("note.unweighted", "note.missing", "note.comparability")))
