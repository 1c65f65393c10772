"""A database outage is a friendly 503 (never a stack trace); other failures a plain 500."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.urls("doorstep.core.tests.urls_outage")]


@pytest.fixture
def signed_in(client, officer):
    client.force_login(officer)
    client.raise_request_exception = False
    return client


def test_a_database_outage_is_a_friendly_503_with_retry_after(signed_in):
    response = signed_in.get("/test-database-down/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert "Sorry, the service is unavailable" in html
    assert "the form was not saved" in html
    assert "Traceback" not in html and "5432" not in html


def test_any_other_failure_is_a_500_without_details(signed_in):
    response = signed_in.get("/test-broken/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, there is a problem with the service" in html
    assert "a bug" not in html and "Traceback" not in html


def test_readyz_reports_an_outage(client, monkeypatch):
    from django.db.backends.base.base import BaseDatabaseWrapper
    from django.db.utils import OperationalError

    def refuse(self):
        raise OperationalError("connection refused")

    monkeypatch.setattr(BaseDatabaseWrapper, "cursor", refuse)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unreachable"}
