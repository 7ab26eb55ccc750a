"""Tổng quan / Overview: where the province stands, what rose and what fell."""
import streamlit as st

from dashboard import context, widgets
from papi_analysis import analysis, charts
from papi_analysis.export import pack
from papi_analysis.codebook import TOTAL, comparability_note
from papi_analysis.i18n import comparability_text, number, text

context.require_frame()
lang, province, year = st.session_state.lang, st.session_state.province, st.session_state.year
panel = context.panel()
name = context.province_label(province, lang)
st.title(text("overview.title", lang).format(province=name, year=widgets.year_title(province, year, lang)))

if widgets.no_data_notice(panel, province, year, lang):
    st.stop()
card = analysis.scorecard(panel, province, year)
widgets.estimate_notice(panel, province, year, lang)

def show_total(total) -> None:
    columns = st.columns(4)
    columns[0].metric(text("overview.total", lang), number(total.score, lang))
    columns[1].metric(text("overview.rank", lang), text("overview.rank_value", lang).format(rank=total["rank"], n=total.n),
                      delta=text("overview.rank_delta", lang).format(delta=int(total.rank_change))
                      if total.rank_change is not None and str(total.rank_change) != "<NA>" else None)
    columns[2].metric(text("overview.group", lang), f"{total.group}/4", delta=text(f"group.{total.group}", lang),
                      delta_color="off", delta_arrow="off")
    if str(total.prev_year) == "<NA>":
        columns[3].metric(text("overview.change_none", lang), "–", help=text("overview.no_previous", lang))
    else:
        columns[3].metric(text("overview.change", lang).format(
                              prev_year=analysis.compared_with(panel, province, total.prev_year, TOTAL, lang)),
                          ("+" if total.change > 0 else "") + number(total.change, lang))
    if total.derived:
        st.caption(text("overview.derived_total" if year < 2018 else "overview.derived_sum", lang).format(year=year))
    if total.comparability:
        st.warning(text("overview.not_comparable", lang).format(
            prev_year=total.prev_year, year=year, why=comparability_text(comparability_note(TOTAL, int(total.prev_year), year), lang)))


totals = card[(card.code == TOTAL) & card.score.notna()]
if totals.empty:
    st.warning(text("overview.no_total", lang).format(province=name, year=year))
else:
    show_total(totals.iloc[0])

widgets.meeting_pack_button(pack.PackRequest(province, year, lang), lang, "overview")


def summary() -> tuple[list[str], object]:
    """The sentences and the scorecard as shown: built once per province, year and language."""
    prev_years = card.prev_year.dropna().unique()  # one earlier year for all: it may be an estimate, said so
    sentences = analysis.summary(card, lang, prev_year=analysis.compared_with(
        panel, province, prev_years[0], TOTAL, lang) if len(prev_years) == 1 else None)
    if not sentences and card.prev_year.isna().all():
        sentences = [text("overview.first_year", lang).format(year=year)]
    shown = card.assign(component=[charts.component_name(r, lang) for _, r in card.iterrows()],
                        group_basis=card.group_basis.map(lambda b: text(f"group_basis.{b}", lang)),
                        comparability=card.comparability.map(lambda notes: comparability_text(notes, lang)))[
        ["component", "score", "rank", "n", "group", "group_basis", "points_to_next_group", "national_mean",
         "national_median", "national_max", "region_mean", "change", "rank_change", "trend_per_year", "years_not_improved", "comparability"]]
    return sentences, shown


view = (province, year, lang)
sentences, shown = context.model("overview", view, summary)
st.subheader(text("overview.summary", lang))
for sentence in sentences:
    st.markdown(f"- {sentence}")
widgets.plan_progress(province, year, lang)

widgets.chart(lambda: charts.dimensions_against_nation(card, province, year, lang), lang,
              widgets.slug("dimensions", name, year), [year], view=view)

with st.expander(text("overview.scorecard", lang)):
    widgets.table(shown, lang, widgets.slug("scorecard", name, year))
widgets.notes(lang, [year])
