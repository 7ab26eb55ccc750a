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
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from papi_analysis.limits import REQUEST_BODY_BYTES

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


@dataclass(frozen=True)
class Served:
    url: str
    pid: int  # the process that answers the URL: Streamlit, or the proxy in front of the workers
    # The Streamlit processes behind a proxy and their URLs, as they are now: a worker that dies is restarted.
    workers: list[int] = field(default_factory=list)
    worker_urls: tuple[str, ...] = ()


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


def _streamlit(db: Path, env: dict[str, str] | None, port: int, log) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "dashboard.uploads", "run", "app.py", "--server.headless", "true", "--server.port",
         str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env={**os.environ, "PAPI_DB": str(db), **(env or {})}, stdout=log,
        stderr=subprocess.STDOUT if log else None)


def _started(db: Path, env: dict[str, str] | None, start_timeout: float, log) -> tuple[subprocess.Popen, int]:
    """A Streamlit process answering on a free port (another port tried when one is taken meanwhile)."""
    attempt = 1
    while True:
        port = free_port()
        process = _streamlit(db, env, port, log)
        try:
            _wait_until_healthy(f"http://127.0.0.1:{port}", process, start_timeout, log)
            return process, port
        except PortTaken:
            _stop(process, 20)
            if attempt == PORT_ATTEMPTS:
                raise
            attempt += 1
        except BaseException:
            _stop(process, 20)
            raise


@contextlib.contextmanager
def running(db: Path, env: dict[str, str] | None = None, start_timeout: float = 60,
            show_output: bool = False) -> Iterator[Served]:
    """The dashboard served from `db` on a free port (its base URL and process id); stops it afterwards."""
    with _output(show_output) as log:
        process, port = _started(db, env, start_timeout, log)
        try:
            yield Served(f"http://127.0.0.1:{port}", process.pid)
        finally:
            _stop(process, 20)


HAPROXY = shutil.which("haproxy") or next((p for p in ("/usr/sbin/haproxy", "/usr/local/sbin/haproxy")
                                           if Path(p).exists()), None)
# Streamlit keeps a session in the process that opened it (its websocket, uploads, downloads): the proxy
# pins each browser to one worker with a cookie, and sends a new browser to the worker with fewest sessions.
# The long timeouts are for the websocket, open as long as the page is.
# The client's address: HAProxy replaces any X-Forwarded-For a client sends with the address the client
# connected from, and connects to the workers from its own loopback address (PROXY_SOURCE), the only one whose
# header they trust (uvicorn's FORWARDED_ALLOW_IPS): the administrator secret's throttle counts per real address.
# Request bodies are capped at one upload (limits.REQUEST_BODY_BYTES) before a worker buffers any of them, and
# bodies of unknown length (chunked) are refused: the dashboard sends none.
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
    http-request deny deny_status 413 if {{ req.hdr_val(content-length) gt {body} }}
    http-request deny deny_status 413 if {{ req.hdr(transfer-encoding) -m found }}
    http-request del-header Forwarded
    http-request set-header X-Forwarded-For %[src]
    default_backend workers

backend workers
    balance leastconn
    cookie PAPI_WORKER insert indirect nocache httponly
    option httpchk GET /_stcore/health
    # A request that finds its worker gone goes to another: the service answers while a worker is restarted.
    option redispatch
    retries 3
    default-server inter 2s fall 2 rise 1
    source {source}
{servers}
"""
PROXY_SOURCE = "127.0.0.2"  # any 127.x address is this machine's own on Linux


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
        trusting_the_proxy = {**(env or {}), "FORWARDED_ALLOW_IPS": PROXY_SOURCE}
        logs = [stack.enter_context(_output(show_output)) for _ in range(workers)]
        pool = _Workers(db, trusting_the_proxy)
        stack.callback(pool.stop)
        for log in logs:
            pool.add(*_started(db, trusting_the_proxy, start_timeout, log), log)
        port = port or free_port()
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        servers = "\n".join(f"    server worker{k} 127.0.0.1:{worker_port} check cookie worker{k}"
                            for k, worker_port in enumerate(pool.ports, start=1))
        (folder / "haproxy.cfg").write_text(HAPROXY_CONFIG.format(bind=bind, port=port, servers=servers,
                                                                  source=PROXY_SOURCE, body=REQUEST_BODY_BYTES))
        log = stack.enter_context(_output(show_output))
        proxy = subprocess.Popen([HAPROXY, "-db", "-f", str(folder / "haproxy.cfg")], stdout=log,
                                 stderr=subprocess.STDOUT if log else None)
        try:
            url = f"http://127.0.0.1:{port}"
            _wait_until_healthy(url, proxy, start_timeout, log)
            pool.supervise()
            yield Served(url, proxy.pid, pool.pids, tuple(f"http://127.0.0.1:{p}" for p in pool.ports))
        finally:
            _stop(proxy, 10)


RESTART_PAUSE_SECONDS = 5  # between restarts of one worker: one that cannot start does not spin


class _Workers:
    """The Streamlit processes behind the proxy. A worker that dies (killed, out of memory) is started again on
    its port, the others serving meanwhile; the proxy's health check leaves it out until it answers."""

    def __init__(self, db: Path, env: dict[str, str] | None):
        self.db, self.env = db, env
        self.processes: list[subprocess.Popen] = []
        self.ports: list[int] = []
        self.logs: list = []
        self.pids: list[int] = []  # shared with `Served.workers`: kept current
        self.stopping = threading.Event()
        self.thread: threading.Thread | None = None

    def add(self, process: subprocess.Popen, port: int, log) -> None:
        self.processes.append(process)
        self.ports.append(port)
        self.logs.append(log)
        self.pids.append(process.pid)

    def supervise(self) -> None:
        self.thread = threading.Thread(target=self._watch, name="papi-workers", daemon=True)
        self.thread.start()

    def _watch(self) -> None:
        restarted = [0.0] * len(self.processes)
        while not self.stopping.wait(1):
            for k, process in enumerate(self.processes):
                if process.poll() is None or time.time() - restarted[k] < RESTART_PAUSE_SECONDS:
                    continue
                print(f"PAPI dashboard: worker{k + 1} (process {process.pid}) ended with {process.returncode}; "
                      f"starting it again on port {self.ports[k]}", file=sys.stderr, flush=True)
                restarted[k] = time.time()
                self.processes[k] = _streamlit(self.db, self.env, self.ports[k], self.logs[k])
                self.pids[k] = self.processes[k].pid

    def stop(self) -> None:
        self.stopping.set()
        if self.thread is not None:
            self.thread.join(timeout=10)
        for process in self.processes:
            _stop(process, 20)


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
            while _alive(served.pid):  # a worker that stops is started again (`_Workers`); the proxy is the service
                time.sleep(2)
        except KeyboardInterrupt:  # Ctrl+C reaches every process of the terminal: stop them, without a second one
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            return
        raise SystemExit("the proxy stopped; stopping the workers")


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
