"""Reads to a replica, writes to the primary, when DATABASE_REPLICA_URL is set.

Read-your-writes: after a request that wrote (any non-GET), the same session reads from the
primary for PIN_SECONDS, so an officer never sees a page without what they just saved. The
moment of the last write is kept in the session and, for requests that carry no session yet
(a sign-in), in a short-lived cookie. `PinPrimaryMiddleware` sets the pin for the request;
the router obeys it.

Always the primary, whatever the pin:
- sign-in state (sessions, two-factor devices, lock-outs, one-time form keys): a replica a
  second behind would sign an officer out, or let a double submit through;
- any read inside a transaction on the primary (a service that writes then reads, a command
  such as `import_csv`): the rows it just wrote are only on the primary.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.db import connections
from django.http import HttpRequest, HttpResponse

PIN_SECONDS = 15
PIN_COOKIE = "doorstep_wrote_at"
_SESSION_KEY = "_doorstep_wrote_at"
PRIMARY = "default"
REPLICA = "replica"
# Apps whose reads must never lag: signing in, lock-outs, two-factor, one-time form keys.
PRIMARY_ONLY_APPS = frozenset({"sessions", "axes", "otp_totp", "otp_static", "authtoken"})
PRIMARY_ONLY_MODELS = frozenset({("core", "formsubmission")})
_use_primary: ContextVar[bool] = ContextVar("doorstep_use_primary", default=False)


def pinned() -> bool:
    return _use_primary.get()


class PrimaryReplicaRouter:
    def db_for_read(self, model: type, **hints: Any) -> str:
        meta = model._meta  # type: ignore[attr-defined]
        if (
            _use_primary.get()
            or meta.app_label in PRIMARY_ONLY_APPS
            or (meta.app_label, meta.model_name) in PRIMARY_ONLY_MODELS
            or connections[PRIMARY].in_atomic_block
        ):
            return PRIMARY
        return REPLICA

    def db_for_write(self, model: type, **hints: Any) -> str:
        return PRIMARY

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == PRIMARY


def _last_write(request: HttpRequest) -> float:
    """When this browser last wrote: the later of the session's and the cookie's moment."""
    moments = [0.0]
    session = getattr(request, "session", None)
    if session is not None:
        with contextlib.suppress(TypeError, ValueError):
            moments.append(float(session.get(_SESSION_KEY, 0)))
    with contextlib.suppress(TypeError, ValueError):
        moments.append(float(request.COOKIES.get(PIN_COOKIE, 0)))
    return max(moments)


class PinPrimaryMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        writing = request.method not in ("GET", "HEAD", "OPTIONS")
        recent = time.time() - _last_write(request) < PIN_SECONDS
        token = _use_primary.set(writing or recent)
        try:
            response = self.get_response(request)
        finally:
            _use_primary.reset(token)
        if writing:
            now = time.time()
            session = getattr(request, "session", None)
            if session is not None:
                session[_SESSION_KEY] = now
            # Also a cookie: a sign-in replaces the session, and an API client has none.
            response.set_cookie(
                PIN_COOKIE,
                f"{now:.3f}",
                max_age=PIN_SECONDS,
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
        return response
