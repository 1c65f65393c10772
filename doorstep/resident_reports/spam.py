"""Keeping the public report page free of spam and floods, without a CAPTCHA.

Three checks, none of which a resident notices:
- a honeypot field, hidden from sight by a CSS class and labelled so a screen-reader user
  leaves it empty; a bot that fills every field gives itself away;
- a signed timestamp issued with the form: a form sent back within MIN_SECONDS was not filled
  in by a person, and one older than MAX_AGE is stale;
- a limit per IP address of RATE_LIMIT reports in RATE_WINDOW seconds, counted in Django's
  cache (shared between processes when REDIS_URL is set). Only the hash of the address is
  used as the key; addresses are never stored.
"""

from __future__ import annotations

import hashlib
import time

from django.core import signing
from django.core.cache import cache

MIN_SECONDS = 3
MAX_AGE = 4 * 60 * 60
RATE_LIMIT = 5
RATE_WINDOW = 10 * 60
_SALT = "doorstep.resident_reports.form-started"
TOO_FAST = "Please check your report, then send it again."
STALE = "This page was open for a long time. Please check your report, then send it again."
REFUSED = "We could not accept this report. Please check it, then send it again."


def form_token(issued_at: float | None = None) -> str:
    """A signed note of when the form was shown."""
    return signing.dumps(issued_at if issued_at is not None else time.time(), salt=_SALT)


def check(*, honeypot: str, token: str, now: float | None = None) -> str:
    """Why a submission looks automated, or "" when it looks like a person's."""
    if honeypot.strip():
        return REFUSED
    try:
        issued = float(signing.loads(token, salt=_SALT))
    except (signing.BadSignature, TypeError, ValueError):
        return REFUSED
    age = (now if now is not None else time.time()) - issued
    if age < MIN_SECONDS:
        return TOO_FAST
    if age > MAX_AGE:
        return STALE
    return ""


def _key(ip: str) -> str:
    return "resident-reports:sent:" + hashlib.sha256(ip.encode()).hexdigest()[:32]


def is_limited(ip: str) -> bool:
    return int(cache.get(_key(ip), 0)) >= RATE_LIMIT


def note_attempt(ip: str) -> None:
    """Count a report (or a refused attempt) from `ip` in the current window."""
    key = _key(ip)
    if cache.add(key, 1, RATE_WINDOW):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, RATE_WINDOW)
