"""Chart images rendered server-side by Plotly's kaleido, with the Chromium installed on the system."""
from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

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


def image(figure: go.Figure, fmt: str = "png", width: int = WIDTH, height: int = HEIGHT, scale: float = SCALE) -> bytes:
    """One chart as PNG or SVG bytes."""
    _require_browser()
    return pio.to_image(figure, format=fmt, width=width, height=height, scale=scale if fmt == "png" else 1)


def images(figures: Sequence[go.Figure], fmt: str = "png", width: int = WIDTH, height: int = HEIGHT,
           scale: float = SCALE) -> list[bytes]:
    """Several charts rendered in one browser session (far cheaper than starting one for each)."""
    _require_browser()
    import kaleido
    with tempfile.TemporaryDirectory() as folder:
        paths = [Path(folder) / f"chart-{k}.{fmt}" for k in range(len(figures))]
        kaleido.write_fig_from_object_sync([
            {"fig": figure, "path": str(path),
             "opts": {"format": fmt, "width": width, "height": height, "scale": scale if fmt == "png" else 1}}
            for figure, path in zip(figures, paths)])
        return [path.read_bytes() for path in paths]
