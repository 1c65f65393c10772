import io

import pytest
from django.core.cache import cache
from PIL import Image

from doorstep.places.tests.factories import BlockFactory
from doorstep.resident_reports import spam


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # The rate limit lives in the cache, which outlives a test.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def block(estate):
    return BlockFactory(name="Beech House", estate=estate)


@pytest.fixture
def old_token():
    """A form token issued a minute ago: what a person's form sends."""
    import time

    return spam.form_token(time.time() - 60)


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "green").save(buffer, format="PNG")
    return buffer.getvalue()
