"""The administrator secret: configured outside the repository, never defaulted, compared in constant time."""
from __future__ import annotations

import contextlib
import hmac
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

SECRET_VARIABLE = "PAPI_ADMIN_SECRET"
MIN_SECRET_LENGTH = 8
log = logging.getLogger("papi.security")


def configured_secret(extra: str | None = None) -> str | None:
    """The secret from the environment (or another configuration source), or None: administration off."""
    secret = os.environ.get(SECRET_VARIABLE) or extra
    if secret and len(secret) < MIN_SECRET_LENGTH:
        log.warning("administrator secret ignored: shorter than %d characters", MIN_SECRET_LENGTH)
        return None
    return secret or None


def secret_matches(given: str | None, configured: str | None, who: str = "dashboard") -> bool:
    """Whether `given` is the configured secret. Every refusal is logged."""
    if not configured or not given:
        log.warning("administrator action refused (%s): %s", who, "no secret configured" if not configured else "empty")
        return False
    if hmac.compare_digest(given.encode("utf-8"), configured.encode("utf-8")):
        return True
    log.warning("administrator action refused (%s): wrong secret", who)
    return False


class Throttle:
    """Wrong secrets slow their sender down: after each failure a client waits twice as long as after the
    one before (1 s, 2 s, 4 s ... at most `MAX_DELAY`) before the next try is even checked. A success, or
    `FORGET_AFTER` seconds without a try, clears the count, so the real administrator is never kept out for long.

    The count lives in a small SQLite file (`path`, beside the database) that every process of a deployment
    shares: a client that reaches another worker, or opens a new session for every guess, meets the same wait.
    A try is counted before the secret is compared, in one locked transaction, so guesses sent at once on
    several workers are checked one at a time. Nothing sleeps: a try that comes too soon just answers 'wait'.
    Without `path` (tests, one process) the count is kept in memory."""

    BASE_DELAY, MAX_DELAY, FORGET_AFTER = 1.0, 60.0, 900.0
    LOCK_TIMEOUT = 10.0  # seconds a try waits for another process's (milliseconds long) transaction

    def __init__(self, path: Path | None = None, clock: Callable[[], float] = time.time):
        self.path, self.clock = path, clock  # wall-clock time: the processes share it, not their monotonic clocks
        self._lock = threading.Lock()
        self._memory = None if path else self._connect()

    def _connect(self) -> sqlite3.Connection:
        con = sqlite3.connect(self.path or ":memory:", timeout=self.LOCK_TIMEOUT, isolation_level=None,
                              check_same_thread=False)
        con.execute("CREATE TABLE IF NOT EXISTS failures (client TEXT PRIMARY KEY, failures INTEGER NOT NULL, "
                    "last REAL NOT NULL)")
        return con

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One locked transaction (BEGIN IMMEDIATE: other processes wait until it ends)."""
        with self._lock:
            con = self._memory or self._connect()
            try:
                con.execute("BEGIN IMMEDIATE")
                try:
                    yield con
                except BaseException:
                    con.execute("ROLLBACK")
                    raise
                con.execute("COMMIT")
            finally:
                if con is not self._memory:
                    con.close()

    def delay(self, failures: int) -> float:
        """The wait after `failures` wrong tries in a row."""
        return min(self.BASE_DELAY * 2 ** (failures - 1), self.MAX_DELAY) if failures else 0.0

    def _standing(self, con: sqlite3.Connection, client: str) -> tuple[int, float]:
        """(failures in a row, seconds still to wait) for a client."""
        row = con.execute("SELECT failures, last FROM failures WHERE client = ?", [client]).fetchone()
        failures, last = row or (0, 0.0)
        elapsed = self.clock() - last
        if failures == 0 or elapsed > self.FORGET_AFTER:
            return 0, 0.0
        return failures, max(0.0, self.delay(failures) - elapsed)

    def wait(self, client: str) -> float:
        """Seconds the client must still wait before its next try is checked (0: go ahead)."""
        with self._transaction() as con:
            return self._standing(con, client)[1]

    def begin(self, client: str) -> float:
        """A try: 0 when it may be checked, counted as a failure until `succeeded` says otherwise; else the
        seconds still to wait, and nothing counted."""
        with self._transaction() as con:
            failures, wait = self._standing(con, client)
            if wait > 0:
                return wait
            con.execute("INSERT OR REPLACE INTO failures VALUES (?, ?, ?)", [client, failures + 1, self.clock()])
            return 0.0

    def failures(self, client: str) -> int:
        with self._transaction() as con:
            return self._standing(con, client)[0]

    def succeeded(self, client: str) -> None:
        with self._transaction() as con:
            con.execute("DELETE FROM failures WHERE client = ?", [client])


def throttle_beside(db_path: Path) -> Throttle:
    """The throttle every process serving `db_path` shares: a file in the database's folder."""
    return Throttle(db_path.with_name(f"{db_path.stem}.throttle.sqlite3"))


def attempt(given: str | None, configured: str | None, client: str, throttle: Throttle) -> float | bool:
    """A try at the secret from a client (its address as the proxy saw it): True or False, or the seconds to wait
    when it comes too soon. Every try is logged with the client's address."""
    wait = throttle.begin(client)
    if wait > 0:
        log.warning("administrator secret try from %s refused unchecked: %.1f s too soon", client, wait)
        return wait
    ok = secret_matches(given, configured, client)
    if ok:
        throttle.succeeded(client)
        log.info("administrator secret accepted from %s", client)
    else:
        failures = throttle.failures(client)
        log.warning("administrator secret wrong from %s (%d in a row): next try checked in %.0f s",
                    client, failures, throttle.delay(failures))
    return ok
