"""Chart images rendered server-side by Plotly's kaleido, with the Chromium installed on the system."""
from __future__ import annotations

import atexit
import os
import shutil
import threading
import warnings
from collections.abc import Sequence

import plotly.graph_objects as go
import plotly.io as pio

WIDTH, HEIGHT, SCALE = 1600, 900, 2  # 3200 x 1800 px: sharp on a projector and in print
_BROWSERS = ("chromium", "chromium-browser", "google-chrome", "chrome", "msedge")


class ExportUnavailable(RuntimeError):
    """No browser for kaleido to render with."""


def browser_path() -> str | None:
    configured = os.environ.get("BROWSER_PATH")
    if configured and os.path.exists(configured):
        return configured
    return next((found for name in _BROWSERS if (found := shutil.which(name))), None)


def _require_browser() -> None:
    path = browser_path()
    if path is None:
        raise ExportUnavailable("image export needs Chromium or Chrome: on Debian/Ubuntu 'apt-get install "
                                "chromium'; on Windows install Google Chrome, or set BROWSER_PATH to chrome.exe")
    os.environ.setdefault("BROWSER_PATH", path)  # where kaleido looks first


_server_lock = threading.Lock()
_server_started = False


def _server() -> None:
    """One headless browser per process, started on first use: each image then takes a fraction of a
    second instead of a browser start-up."""
    global _server_started
    _require_browser()
    with _server_lock:
        if not _server_started:
            import kaleido
            kaleido.start_sync_server(silence_warnings=True)
            atexit.register(kaleido.stop_sync_server, silence_warnings=True)
            _server_started = True


def image(figure: go.Figure, fmt: str = "png", width: int = WIDTH, height: int = HEIGHT, scale: float = SCALE) -> bytes:
    """One chart as PNG or SVG bytes."""
    _server()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # plotly notes that the server ignores per-call options
        return pio.to_image(figure, format=fmt, width=width, height=height, scale=scale if fmt == "png" else 1)


def images(figures: Sequence[go.Figure], fmt: str = "png", width: int = WIDTH, height: int = HEIGHT,
           scale: float = SCALE) -> list[bytes]:
    """Several charts through the one browser session."""
    return [image(figure, fmt, width, height, scale) for figure in figures]
