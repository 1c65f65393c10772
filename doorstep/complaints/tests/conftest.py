"""Fixtures for the complaints tests, on top of the standing cast in the root conftest."""

from __future__ import annotations

import pytest


@pytest.fixture
def htmx():
    return {"HTTP_HX_REQUEST": "true"}
