"""Reads to a replica, writes to the primary, when DATABASE_REPLICA_URL is set.

Read-your-writes: after a request that wrote (any non-GET), the same session reads from the
primary for PIN_SECONDS, so an officer never sees a page without what they just saved.
`PinPrimaryMiddleware` sets the pin for the request; the router obeys it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.http import HttpRequest, HttpResponse

PIN_SECONDS = 15
_SESSION_KEY = "_doorstep_wrote_at"
_use_primary: ContextVar[bool] = ContextVar("doorstep_use_primary", default=False)


class PrimaryReplicaRouter:
    def db_for_read(self, model: type, **hints: Any) -> str:
        return "default" if _use_primary.get() else "replica"

    def db_for_write(self, model: type, **hints: Any) -> str:
        return "default"

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == "default"


class PinPrimaryMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        wrote_at = session.get(_SESSION_KEY, 0) if session is not None else 0
        writing = request.method not in ("GET", "HEAD", "OPTIONS")
        token = _use_primary.set(writing or (time.time() - float(wrote_at) < PIN_SECONDS))
        try:
            response = self.get_response(request)
        finally:
            _use_primary.reset(token)
        if writing and session is not None:
            session[_SESSION_KEY] = time.time()
        return response
