"""The administrator gate for ingest, upload and assignment edits."""
from __future__ import annotations

import secrets

import streamlit as st

from papi_analysis.i18n import text
from papi_analysis.security import attempt, configured_secret


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
            result = attempt(given, secret, _client())
            if result is True:
                st.session_state.admin = True
                st.success(text("admin.ok", lang))
                return True
            if result is False:
                st.error(text("admin.refused", lang))
            else:
                st.error(text("admin.wait", lang).format(seconds=max(1, round(result))))
    return False


def _client() -> str:
    """Who is trying: the browser's address where Streamlit knows it, else this session."""
    address = st.context.ip_address
    return address or f"session {st.session_state.setdefault('client_token', secrets.token_hex(8))}"
