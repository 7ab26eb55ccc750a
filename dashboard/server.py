"""Serving the dashboard on a free local port (`streamlit run`), and the headless Chromium that drives
it, for the browser tests and the load benchmark."""
from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


@dataclass(frozen=True)
class Served:
    url: str
    pid: int


PORT_ATTEMPTS = 5


class PortTaken(RuntimeError):
    """Another process took the port between choosing it and the server binding it."""


def free_port() -> int:
    """A port free now; it can be taken before the server binds it, which `running` retries."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def running(db: Path, env: dict[str, str] | None = None, start_timeout: float = 60) -> Iterator[Served]:
    """The dashboard served from `db` on 127.0.0.1 (its base URL and process id); stops it afterwards."""
    for attempt in range(PORT_ATTEMPTS):
        port = free_port()
        with tempfile.TemporaryFile("w+") as log:
            process = subprocess.Popen(
                [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true", "--server.port",
                 str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
                cwd=ROOT, env={**os.environ, "PAPI_DB": str(db), **(env or {})}, stdout=log, stderr=subprocess.STDOUT)
            url = f"http://127.0.0.1:{port}"
            try:
                try:
                    _wait_until_healthy(url, process, start_timeout, log)
                except PortTaken:
                    if attempt + 1 == PORT_ATTEMPTS:
                        raise
                    continue
                yield Served(url, process.pid)
                return
            finally:
                process.terminate()
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()


def _wait_until_healthy(url: str, process: subprocess.Popen, timeout: float, log) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
        if process.poll() is not None:
            break
    log.seek(0)
    output = log.read()
    if f"Port {url.rsplit(':', 1)[1]} is not available" in output or "already in use" in output:
        raise PortTaken(output[-500:])
    raise RuntimeError(f"the dashboard did not start: {output[-2000:]}")
