"""Tables and charts as every page shows them: language-aware numbers, a download for each."""
from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from papi_analysis.i18n import CATALOGUE, text


def slug(*parts: object) -> str:
    joined = "-".join(str(p) for p in parts if p not in (None, ""))
    return re.sub(r"[^\w.-]+", "_", joined, flags=re.UNICODE).strip("_")


def labelled(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Column names from the catalogue where it has them."""
    return frame.rename(columns={c: text(f"col.{c}", lang) for c in frame.columns if f"col.{c}" in CATALOGUE})


def table(frame: pd.DataFrame, lang: str, file_stem: str, decimals: int = 2, height: int | None = None) -> None:
    """A table with numbers in the language's format and a CSV download of the same rows."""
    shown = labelled(frame, lang)
    numeric = shown.select_dtypes("float").columns
    styler = shown.style.format(precision=decimals, decimal="," if lang == "vi" else ".",
                                thousands="." if lang == "vi" else ",", na_rep="–", subset=list(numeric))
    st.dataframe(styler, hide_index=True, width="stretch", height=height or "auto")
    st.download_button(text("download.csv", lang), shown.to_csv(index=False).encode("utf-8-sig"),
                       file_name=f"{slug(file_stem, lang)}.csv", mime="text/csv", key=f"csv-{file_stem}")


def chart(figure: go.Figure, lang: str, file_stem: str) -> None:
    st.plotly_chart(figure, width="stretch", config={"displaylogo": False,
                                                     "toImageButtonOptions": {"filename": slug(file_stem, lang),
                                                                              "format": "png", "scale": 2}})
