"""Serving the dashboard: one Streamlit process on a free local port (`running`), or several behind HAProxy
with sticky sessions (`deployed`, and `python -m dashboard.server --workers N`, which `python tasks.py serve`
runs); and the headless Chromium that drives it, for the browser tests and the load benchmark."""
from __future__ import annotations

import contextlib
import os
import shutil
import signal
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
    pid: int  # the process that answers the URL: Streamlit, or the proxy in front of the workers
    workers: tuple[int, ...] = ()  # the Streamlit processes behind a proxy


PORT_ATTEMPTS = 5


class PortTaken(RuntimeError):
    """Another process took the port between choosing it and the server binding it."""


def free_port() -> int:
    """A port free now; it can be taken before the server binds it, which `running` retries."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _output(shown: bool):
    """Where a started process writes: this process's own output (a service's journal), or a file kept to
    explain a failed start."""
    return contextlib.nullcontext(None) if shown else tempfile.TemporaryFile("w+")


@contextlib.contextmanager
def running(db: Path, env: dict[str, str] | None = None, start_timeout: float = 60,
            show_output: bool = False) -> Iterator[Served]:
    """The dashboard served from `db` on a free port (its base URL and process id); stops it afterwards."""
    for attempt in range(PORT_ATTEMPTS):
        port = free_port()
        with _output(show_output) as log:
            process = subprocess.Popen(
                [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true", "--server.port",
                 str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
                cwd=ROOT, env={**os.environ, "PAPI_DB": str(db), **(env or {})}, stdout=log,
                stderr=subprocess.STDOUT if log else None)
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
                _stop(process, 20)


HAPROXY = shutil.which("haproxy") or next((p for p in ("/usr/sbin/haproxy", "/usr/local/sbin/haproxy")
                                           if Path(p).exists()), None)
# Streamlit keeps a session in the process that opened it (its websocket, uploads, downloads): the proxy
# pins each browser to one worker with a cookie, and sends a new browser to the worker with fewest sessions.
# The long timeouts are for the websocket, open as long as the page is.
HAPROXY_CONFIG = """global
    maxconn 4000

defaults
    mode http
    timeout connect 5s
    timeout client 1h
    timeout server 1h
    timeout tunnel 1h
    timeout http-request 30s

frontend dashboard
    bind {bind}:{port}
    default_backend workers

backend workers
    balance leastconn
    cookie PAPI_WORKER insert indirect nocache httponly
    option httpchk GET /_stcore/health
    default-server inter 2s fall 2 rise 1
{servers}
"""


def default_workers() -> int:
    """One Streamlit process a core (a process runs its sessions' Python on one core at a time)."""
    return max(1, os.cpu_count() or 1)


@contextlib.contextmanager
def deployed(db: Path, workers: int, env: dict[str, str] | None = None, port: int | None = None,
             bind: str = "127.0.0.1", start_timeout: float = 90, show_output: bool = False) -> Iterator[Served]:
    """`workers` Streamlit processes reading `db`, behind HAProxy with sticky sessions on `port`; their output
    shown (`show_output`, for a service's journal) or kept to explain a failed start."""
    if HAPROXY is None:
        raise RuntimeError("several workers need HAProxy in front of them: apt-get install haproxy (Debian/Ubuntu); "
                           "on Windows, serve one process (python tasks.py app) or use WSL")
    with contextlib.ExitStack() as stack:
        served = [stack.enter_context(running(db, env, start_timeout, show_output)) for _ in range(workers)]
        port = port or free_port()
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        servers = "\n".join(f"    server worker{k} {s.url.removeprefix('http://')} check cookie worker{k}"
                            for k, s in enumerate(served, start=1))
        (folder / "haproxy.cfg").write_text(HAPROXY_CONFIG.format(bind=bind, port=port, servers=servers))
        log = stack.enter_context(_output(show_output))
        proxy = subprocess.Popen([HAPROXY, "-db", "-f", str(folder / "haproxy.cfg")], stdout=log,
                                 stderr=subprocess.STDOUT if log else None)
        try:
            url = f"http://127.0.0.1:{port}"
            _wait_until_healthy(url, proxy, start_timeout, log)
            yield Served(url, proxy.pid, tuple(s.pid for s in served))
        finally:
            _stop(proxy, 10)


def main() -> None:
    """Serve the dashboard until interrupted: `--workers N` Streamlit processes behind HAProxy on `--port`."""
    import argparse

    from papi_analysis import store

    parser = argparse.ArgumentParser(prog="python -m dashboard.server", description=main.__doc__)
    parser.add_argument("--workers", type=int, default=default_workers(),
                        help="Streamlit processes (default: one a core)")
    parser.add_argument("--port", type=int, default=8501)
    parser.add_argument("--address", default="0.0.0.0", help="where the proxy listens (default: every interface)")
    args = parser.parse_args()
    db = store.ensure_database()  # built once here, not by every worker at once
    # A service manager stops with SIGTERM: leave through the context managers, which stop every process.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    with deployed(db, args.workers, port=args.port, bind=args.address, show_output=True) as served:
        print(f"PAPI dashboard: {args.workers} workers behind HAProxy, http://{args.address}:{args.port} "
              f"(database {db}); Ctrl+C stops", flush=True)
        try:
            while all(_alive(pid) for pid in (served.pid, *served.workers)):
                time.sleep(2)
        except KeyboardInterrupt:  # Ctrl+C reaches every process of the terminal: stop them, without a second one
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            return
        raise SystemExit("a worker or the proxy stopped; stopping the rest")


def _alive(pid: int) -> bool:
    """Whether a process this one started is still running (an ended one is reaped here)."""
    try:
        return os.waitpid(pid, os.WNOHANG) == (0, 0)
    except ChildProcessError:
        return False


def _stop(process: subprocess.Popen, timeout: float) -> None:
    """Ask a process to end; kill it if it has not within `timeout` seconds."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
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
    if log is None:
        raise RuntimeError(f"{url} did not start: see the output above")
    log.seek(0)
    output = log.read()
    if f"Port {url.rsplit(':', 1)[1]} is not available" in output or "already in use" in output:
        raise PortTaken(output[-500:])
    raise RuntimeError(f"the dashboard did not start: {output[-2000:]}")


if __name__ == "__main__":
    main()
