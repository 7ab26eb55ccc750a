"""The administrator secret: configured outside the repository, never defaulted, compared in constant time."""
from __future__ import annotations

import hmac
import logging
import os
import threading
import time
from collections.abc import Callable

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
    Shared by every session of the process; nothing sleeps, a refused try just answers 'wait'."""

    BASE_DELAY, MAX_DELAY, FORGET_AFTER = 1.0, 60.0, 900.0

    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self.clock = clock
        self._failures: dict[str, tuple[int, float]] = {}  # client -> (failures, time of the last)
        self._lock = threading.Lock()

    def wait(self, client: str) -> float:
        """Seconds the client must still wait before its next try is checked (0: go ahead)."""
        with self._lock:
            failures, last = self._failures.get(client, (0, 0.0))
            elapsed = self.clock() - last
            if failures == 0 or elapsed > self.FORGET_AFTER:
                return 0.0
            return max(0.0, min(self.BASE_DELAY * 2 ** (failures - 1), self.MAX_DELAY) - elapsed)

    def record(self, client: str, ok: bool) -> None:
        with self._lock:
            if ok:
                self._failures.pop(client, None)
                return
            failures, last = self._failures.get(client, (0, 0.0))
            if self.clock() - last > self.FORGET_AFTER:
                failures = 0
            self._failures[client] = (failures + 1, self.clock())
            log.warning("administrator secret wrong from %s (%d in a row): next try checked in %.0f s",
                        client, failures + 1, min(self.BASE_DELAY * 2 ** failures, self.MAX_DELAY))


THROTTLE = Throttle()


def attempt(given: str | None, configured: str | None, client: str, throttle: Throttle = THROTTLE) -> float | bool:
    """A try at the secret from a client: True or False, or the seconds to wait when it comes too soon."""
    wait = throttle.wait(client)
    if wait > 0:
        log.warning("administrator secret try from %s refused unchecked: %.0f s too soon", client, wait)
        return wait
    ok = secret_matches(given, configured, client)
    throttle.record(client, ok)
    return ok
