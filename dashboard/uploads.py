"""Uploads only from sessions that show an upload widget.

Streamlit accepts a file PUT to /_stcore/upload_file/<session>/<file> for any open session, whether or not its
page has an st.file_uploader, and keeps the file in memory with the session: any visitor could fill a worker's
memory. Every upload widget here is behind the administrator gate (`admin.is_admin`), so an upload is taken only
for a session the administrator has unlocked; any other is refused (HTTP 400) before its body is read.

The hook: Streamlit 1.67's upload route asks `Runtime.is_active_session(session_id)` before reading the body,
and nothing else asks it; this narrows that answer to the unlocked sessions. It is installed before Streamlit
starts (`python -m dashboard.uploads run app.py ...`, as `dashboard.server` starts every worker) and again by
app.py (idempotent), for a plain `streamlit run`. tests/test_gate.py fails if a Streamlit upgrade moves it."""
from __future__ import annotations

import sys
import threading

from streamlit.runtime import Runtime
from streamlit.runtime.scriptrunner import get_script_run_ctx

_unlocked: set[str] = set()
_lock = threading.Lock()


def allow_this_session() -> None:
    """The running session may upload: it shows an upload widget (it was unlocked by the administrator)."""
    ctx = get_script_run_ctx()
    if ctx is not None:
        with _lock:
            _unlocked.add(ctx.session_id)


def may_upload(session_id: str) -> bool:
    with _lock:
        return session_id in _unlocked


def install() -> None:
    """Narrow Streamlit's upload route to the sessions that may upload (once per process)."""
    if getattr(Runtime.is_active_session, "guards_uploads", False):
        return
    active = Runtime.is_active_session

    def is_active_session(self, session_id: str) -> bool:
        return may_upload(session_id) and active(self, session_id)

    is_active_session.guards_uploads = True
    Runtime.is_active_session = is_active_session


def main() -> None:
    """`python -m streamlit ...` with the upload guard installed first."""
    from streamlit.web.cli import main as streamlit_main

    from dashboard import uploads  # this file runs as __main__: install the copy app.py and admin.py import
    uploads.install()
    sys.argv[0] = "streamlit"
    streamlit_main(prog_name="streamlit")


if __name__ == "__main__":
    main()
