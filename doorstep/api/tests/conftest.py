"""API test helpers: a client that signs requests with a role's token.

`api` returns a client for a user (`api(officer)`), or an anonymous one (`api(None)`). The
throttle's cache is cleared before each test so no test inherits another's request count.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.cache import cache
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient


@pytest.fixture(autouse=True)
def fresh_throttle() -> None:
    cache.clear()


@pytest.fixture
def api(db) -> Callable[[object], APIClient]:
    def client_for(user: object) -> APIClient:
        client = APIClient()
        if user is not None:
            token, _ = Token.objects.get_or_create(user=user)
            client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return client_for
