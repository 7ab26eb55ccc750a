"""The administrator secret: configured outside the repository, never defaulted, compared in constant time."""
from __future__ import annotations

import hmac
import logging
import os

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
