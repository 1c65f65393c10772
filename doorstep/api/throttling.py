"""Rate limit per API token (docs/api.md, "Rate limits").

One scope, `api`, whose rate is `REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["api"]` (the
`API_RATE` environment variable, default 600/minute). Requests over it get 429 with
`Retry-After`. The rate is read on each request, so a changed setting takes effect at once.
"""

from __future__ import annotations

import hashlib
from typing import Any

from rest_framework.request import Request
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

SCOPE = "api"


class TokenRateThrottle(SimpleRateThrottle):
    scope = SCOPE

    def get_rate(self) -> str | None:
        rate = api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)
        return str(rate) if rate else None

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        key = getattr(request.auth, "key", None)
        if key:
            # A digest, so the token itself never sits in the cache.
            ident = "token:" + hashlib.sha256(str(key).encode()).hexdigest()[:32]
        elif request.user and request.user.is_authenticated:
            ident = f"user:{request.user.pk}"  # signed in to the browsable docs
        else:
            ident = f"ip:{self.get_ident(request)}"
        return self.cache_format % {"scope": self.scope, "ident": ident}
