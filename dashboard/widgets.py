"""Tables and charts as every page shows them: language-aware numbers, a download for each."""
from __future__ import annotations

import math
import re

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from papi_analysis.i18n import CATALOGUE, number, text


def slug(*parts: object) -> str:
    joined = "-".join(str(p) for p in parts if p not in (None, ""))
    return re.sub(r"[^\w.-]+", "_", joined, flags=re.UNICODE).strip("_")


def labelled(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Column names from the catalogue where it has them."""
    return frame.rename(columns={c: text(f"col.{c}", lang) for c in frame.columns if f"col.{c}" in CATALOGUE})


def table(frame: pd.DataFrame, lang: str, file_stem: str, decimals: int = 2, height: int | None = None) -> None:
    """A table with numbers in the language's format and a CSV download of the same rows."""
    shown = labelled(frame, lang)
    display = shown.copy()
    # Streamlit draws a missing number as an English "None" whatever the styling: columns with gaps
    # are shown as formatted text with "–" (the download keeps the numbers).
    for column in display.columns:
        values = display[column]
        if values.isna().any() and (pd.api.types.is_numeric_dtype(values) or values.dtype == object):
            display[column] = [_cell(v, lang, decimals) for v in values]
    numeric = display.select_dtypes("float").columns
    styler = display.style.format(precision=decimals, decimal="," if lang == "vi" else ".",
                                  thousands="." if lang == "vi" else ",", subset=list(numeric))
    st.dataframe(styler, hide_index=True, width="stretch", height=height or "auto")
    st.download_button(text("download.csv", lang), shown.to_csv(index=False).encode("utf-8-sig"),
                       file_name=f"{slug(file_stem, lang)}.csv", mime="text/csv", key=f"csv-{file_stem}")


def _cell(value, lang: str, decimals: int) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if isinstance(value, float):
        return number(value, lang, decimals)
    return str(value)


def chart(figure: go.Figure, lang: str, file_stem: str) -> None:
    st.plotly_chart(figure, width="stretch", theme=None, config={"displaylogo": False,
                                                     "toImageButtonOptions": {"filename": slug(file_stem, lang),
                                                                              "format": "png", "scale": 2}})
