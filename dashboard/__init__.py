"""Streamlit helpers shared by the pages: the cached database and panel, the view in the URL,
the administrator gate, and tables with downloads. Domain logic stays in papi_analysis."""
