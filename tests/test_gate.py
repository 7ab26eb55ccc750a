"""The administrator gate as `tasks.py serve` deploys it (two Streamlit workers behind HAProxy): guesses at the
secret throttled per client address across the workers, whatever session or X-Forwarded-For a client sends; the
address logged is the one the client connected from; request bodies capped at the proxy; uploads refused for
sessions that show no upload widget (issue 19)."""
from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import http.cookiejar
import os
import re
import shutil
import socket
import sqlite3
import time
import urllib.error
import urllib.request
import uuid

import pytest
import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

from dashboard.server import deployed
from papi_analysis.limits import MB, REQUEST_BODY_BYTES
from papi_analysis.security import Throttle, attempt, throttle_beside
from tests.conftest import require_haproxy

SECRET = "gate-test-secret-1"
TIMEOUT = 120


def outbound_address() -> str | None:
    """This machine's own non-loopback IPv4 address, if it has one (no packet is sent)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))
        except OSError:
            return None
        address = probe.getsockname()[0]
    return None if address.startswith("127.") else address


@pytest.fixture(scope="module")
def gate(ingested, tmp_path_factory):
    require_haproxy()
    db = tmp_path_factory.mktemp("gate") / "papi.duckdb"
    shutil.copyfile(ingested[0], db)
    address = outbound_address()
    log = db.with_name("served.log")
    with contextlib.ExitStack() as stack:
        with log.open("w") as output, workers_writing_to(output):
            served = stack.enter_context(deployed(db, 2, {"PAPI_ADMIN_SECRET": SECRET}, show_output=True,
                                                  bind="0.0.0.0" if address else "127.0.0.1"))
        port = served.url.rsplit(":", 1)[1]
        yield f"http://{address or '127.0.0.1'}:{port}", address, db, log


@contextlib.contextmanager
def workers_writing_to(output):
    """The processes started meanwhile write their output (the security log among it) to `output`."""
    saved = os.dup(1), os.dup(2)
    os.dup2(output.fileno(), 1)
    os.dup2(output.fileno(), 2)
    try:
        yield
    finally:
        for fd, copy in zip((1, 2), saved):
            os.dup2(copy, fd)
            os.close(copy)


class Session:
    """One browser session as the websocket protocol carries it: what the browser sends on a page change or a
    form's submit, and the alerts and session id the server answers with."""

    def __init__(self, socket_):
        self.socket, self.pages, self.widgets, self.session_id = socket_, {}, {}, ""

    async def run(self, page: str = "", states: list | None = None) -> list[str]:
        request = BackMsg()
        request.rerun_script.query_string = ""
        request.rerun_script.page_script_hash = self.pages.get(page, "")
        for state in states or []:
            request.rerun_script.widget_states.widgets.append(state)
        await self.socket.send(request.SerializeToString())
        alerts = []
        while True:
            message = ForwardMsg()
            message.ParseFromString(await asyncio.wait_for(self.socket.recv(), TIMEOUT))
            kind = message.WhichOneof("type")
            if kind == "new_session":
                self.session_id = message.new_session.initialize.session_id
            elif kind == "navigation":
                self.pages.update({p.url_pathname: p.page_script_hash for p in message.navigation.app_pages})
            elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                element = message.delta.new_element
                which = element.WhichOneof("type")
                if which == "text_input" and element.text_input.type == element.text_input.PASSWORD:
                    self.widgets["secret"] = element.text_input.id
                elif which == "button" and element.button.is_form_submitter:
                    self.widgets["unlock"] = element.button.id
                elif which == "alert":
                    alerts.append(element.alert.body)
                elif which == "exception":
                    raise AssertionError(element.exception.message)
            elif kind == "script_finished" and message.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
                return alerts

    async def guess(self, secret: str) -> list[str]:
        """Open the Data page and submit the administrator form with `secret`."""
        await self.run()
        await self.run("data")
        typed = WidgetState(id=self.widgets["secret"], string_value=secret)
        pressed = WidgetState(id=self.widgets["unlock"], trigger_value=True)
        return await self.run("data", [typed, pressed])


async def new_session_guess(url: str, secret: str, forged: str) -> list[str]:
    """A guess from a new session (no worker cookie, so the proxy may send it to either worker), claiming to
    come from `forged`."""
    stream = url.replace("http", "ws", 1) + "/_stcore/stream"
    async with websockets.connect(stream, subprotocols=["streamlit"], max_size=None,
                                  additional_headers={"X-Forwarded-For": forged}) as socket_:
        return await Session(socket_).guess(secret)


def test_brute_force_through_the_proxy_with_new_sessions_and_forged_addresses_is_held_to_one_client(gate):
    url, address, db, log_file = gate
    start = time.time()

    async def attack():
        answers = []
        for wave in range(6):  # 6 waves of 8 guesses at once, each from a new session with a new forged address
            answers += await asyncio.gather(*[new_session_guess(url, f"wrong-{wave}-{k}", f"10.66.{wave}.{k}")
                                              for k in range(8)])
        return answers

    answers = outside_any_event_loop(attack())
    elapsed = time.time() - start
    log = log_file.read_text()
    checked = re.findall(r"administrator secret wrong from (\S+) \(", log)
    unchecked = re.findall(r"administrator secret try from (\S+) refused unchecked", log)
    client = address or "local"
    # Every try is counted against the one real client, on both workers, none against a forged address
    assert len(checked) + len(unchecked) == 48 and set(checked) | set(unchecked) == {client}
    # ... so no more were checked than the throttle lets one client have in that time: 1 s, 2 s, 4 s ... apart
    allowed = 1 + sum(1 for j in range(1, 20) if 2 ** j - 1 <= elapsed)
    assert 1 <= len(checked) <= allowed, (len(checked), elapsed)
    assert sum("thử lại sau" in " ".join(a) for a in answers) == 48 - len(checked)
    with sqlite3.connect(db.with_name("papi.throttle.sqlite3")) as con:  # the count both workers share
        assert con.execute("SELECT failures FROM failures WHERE client = ?", [client]).fetchone()[0] == len(checked)
    assert not re.search(r"from (10\.66\.|session )", log)


def put_upload(url: str, session_id: str, size: int, opener) -> int:
    """A PUT of a `size`-byte file to a session's upload URL, as Streamlit's uploader sends it."""
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.xlsx\"\r\n"
            f"Content-Type: application/octet-stream\r\n\r\n").encode() + b"x" * size + f"\r\n--{boundary}--\r\n".encode()
    token = next((c.value for c in opener.cookiejar if c.name == "_streamlit_xsrf"), "")
    request = urllib.request.Request(f"{url}/_stcore/upload_file/{session_id}/{uuid.uuid4()}", data=body, method="PUT",
                                     headers={"Content-Type": f"multipart/form-data; boundary={boundary}",
                                              "X-Xsrftoken": token})
    try:
        with opener.open(request, timeout=TIMEOUT) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def announced_upload(url: str, session_id: str, length: int, cookies: str) -> int:
    """The status answered to an upload announcing `length` bytes, before any of them is sent."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=TIMEOUT) as connection:
        connection.sendall(f"PUT /_stcore/upload_file/{session_id}/{uuid.uuid4()} HTTP/1.1\r\nHost: {host}\r\n"
                           f"Content-Type: multipart/form-data; boundary=x\r\nContent-Length: {length}\r\n"
                           f"Cookie: {cookies}\r\n\r\n".encode())
        return int(connection.recv(100).split()[1])


def test_uploads_only_from_sessions_that_show_an_upload_widget_and_bodies_capped_at_the_proxy(gate):
    url, address, db, _ = gate
    throttle_beside(db).succeeded(address or "local")  # the brute force above is not this administrator's to wait for
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.cookiejar = jar
    opener.open(f"{url}/_stcore/health", timeout=TIMEOUT).read()  # its XSRF cookie, as the page asks, and its worker
    cookies = "; ".join(f"{c.name}={c.value}" for c in jar)
    stream = url.replace("http", "ws", 1) + "/_stcore/stream"

    async def sessions():
        async with websockets.connect(stream, subprotocols=["streamlit"], max_size=None,
                                      additional_headers={"Cookie": cookies}) as socket_:
            visitor = Session(socket_)
            await visitor.run()
            await visitor.run("data")  # the Data page, locked: no upload widget shown
            refused = await asyncio.to_thread(put_upload, url, visitor.session_id, 1000, opener)
            alerts = await visitor.guess(SECRET)
            assert any("Đã mở khóa" in a for a in alerts), alerts
            taken = await asyncio.to_thread(put_upload, url, visitor.session_id, 1000, opener)
            too_big = await asyncio.to_thread(announced_upload, url, visitor.session_id, REQUEST_BODY_BYTES + 1, cookies)
            return refused, taken, too_big

    refused, taken, too_big = outside_any_event_loop(sessions())
    assert refused == 400  # refused before its body was read
    assert taken == 204  # the administrator's upload goes through
    assert too_big == 413  # over one upload's size: stopped by the proxy


def test_the_proxy_replaces_a_forged_forwarded_address_and_caps_request_bodies():
    from dashboard.server import HAPROXY_CONFIG, PROXY_SOURCE
    config = HAPROXY_CONFIG.format(bind="0.0.0.0", port=1, servers="", source=PROXY_SOURCE, body=REQUEST_BODY_BYTES)
    assert "http-request set-header X-Forwarded-For %[src]" in config and f"source {PROXY_SOURCE}" in config
    assert f"gt {REQUEST_BODY_BYTES} }}" in config and REQUEST_BODY_BYTES < 51 * MB


def test_the_throttle_is_shared_by_every_process_through_its_file(tmp_path):
    now = [1000.0]
    first, second = (Throttle(tmp_path / "t.sqlite3", clock=lambda: now[0]) for _ in range(2))  # two workers
    assert attempt("wrong!!!", SECRET, "10.0.0.9", first) is False
    assert attempt("wrong!!!", SECRET, "10.0.0.9", second) == pytest.approx(1.0)  # the other worker knows
    now[0] += 1
    assert attempt("wrong!!!", SECRET, "10.0.0.9", second) is False
    assert first.wait("10.0.0.9") == pytest.approx(2.0) and first.failures("10.0.0.9") == 2
    now[0] += 2
    assert attempt(SECRET, SECRET, "10.0.0.9", first) is True and second.wait("10.0.0.9") == 0


def outside_any_event_loop(coroutine):
    """The coroutine run to its end on a thread of its own: the browser tests' Playwright keeps an event loop
    running on the main thread, where asyncio.run refuses to start."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
