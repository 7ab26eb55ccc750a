"""The administrator gate for ingest, upload and assignment edits."""
from __future__ import annotations

import functools
from pathlib import Path

import streamlit as st

from dashboard import uploads
from papi_analysis import store
from papi_analysis.i18n import text
from papi_analysis.security import Throttle, attempt, configured_secret, throttle_beside

LOCAL = "local"  # every client on this machine itself (Streamlit names no loopback address)


def _secret_from_streamlit() -> str | None:
    try:
        return st.secrets.get("admin_secret")
    except Exception:  # no secrets.toml: Streamlit raises when the file is absent
        return None


@functools.cache
def _throttle(db: Path) -> Throttle:
    """One throttle a database, shared with every other process serving it."""
    return throttle_beside(db)


def is_admin(lang: str, key: str) -> bool:
    """True once this session gave the right secret; otherwise shows the form (or why it is off)."""
    if st.session_state.get("admin"):
        uploads.allow_this_session()  # every upload widget is behind this gate
        return True
    secret = configured_secret(_secret_from_streamlit())
    if secret is None:
        st.info(text("admin.disabled", lang))
        return False
    with st.form(f"admin-{key}"):
        given = st.text_input(text("admin.secret", lang), type="password")
        if st.form_submit_button(text("admin.unlock", lang)):
            result = attempt(given, secret, client(), _throttle(store.default_db_path()))
            if result is True:
                st.session_state.admin = True
                uploads.allow_this_session()
                st.success(text("admin.ok", lang))
                return True
            if result is False:
                st.error(text("admin.refused", lang))
            else:
                st.error(text("admin.wait", lang).format(seconds=max(1, round(result))))
    return False


def client() -> str:
    """Who is trying: the browser's address, never the session (a new session per guess must not start a new
    count). Behind `serve`, HAProxy replaces any X-Forwarded-For a client sends with the address it connected
    from, and the workers trust that header only from the proxy's own address (`dashboard/server.py`), so
    Streamlit's address is the real one. A client on this machine has none in Streamlit: they share one count."""
    address = st.context.ip_address
    return address if isinstance(address, str) and address else LOCAL  # AppTest gives a mock
