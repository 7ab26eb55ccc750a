"""The administrator gate for ingest, upload and assignment edits."""
from __future__ import annotations

import streamlit as st

from papi_analysis.i18n import text
from papi_analysis.security import configured_secret, secret_matches


def _secret_from_streamlit() -> str | None:
    try:
        return st.secrets.get("admin_secret")
    except Exception:  # no secrets.toml: Streamlit raises when the file is absent
        return None


def is_admin(lang: str, key: str) -> bool:
    """True once this session gave the right secret; otherwise shows the form (or why it is off)."""
    if st.session_state.get("admin"):
        return True
    secret = configured_secret(_secret_from_streamlit())
    if secret is None:
        st.info(text("admin.disabled", lang))
        return False
    with st.form(f"admin-{key}"):
        given = st.text_input(text("admin.secret", lang), type="password")
        if st.form_submit_button(text("admin.unlock", lang)):
            if secret_matches(given, secret):
                st.session_state.admin = True
                st.success(text("admin.ok", lang))
                return True
            st.error(text("admin.refused", lang))
    return False
