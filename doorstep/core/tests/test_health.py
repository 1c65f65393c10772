from unittest import mock

import pytest
from django.db.utils import OperationalError


@pytest.mark.django_db
def test_healthz_and_readyz_answer_without_sign_in(client):
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").json() == {"status": "ok", "database": "ok"}


@pytest.mark.django_db
def test_readyz_reports_a_database_outage(client):
    with mock.patch(
        "django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError("down")
    ):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def test_validators_normalise_uk_identifiers():
    from django.core.exceptions import ValidationError

    from doorstep.core.validators import normalise_phone, normalise_postcode, normalise_uprn

    assert normalise_postcode("ng51ab") == "NG5 1AB"
    assert normalise_postcode(" ws2  7ab ") == "WS2 7AB"
    assert normalise_postcode("ec1a1bb") == "EC1A 1BB"
    assert normalise_phone("01922 123456") == "+441922123456"
    assert normalise_phone("+33 1 42 68 53 00") == "+33142685300"
    assert normalise_uprn("100071234567") == "100071234567"
    for bad in ["NG5", "12345", "ZZ99 9ZZZ"]:
        with pytest.raises(ValidationError):
            normalise_postcode(bad)
    for bad in ["", "1234567890123", "12a"]:
        with pytest.raises(ValidationError):
            normalise_uprn(bad)
    for bad in ["0121", "not a phone", "+44 20"]:
        with pytest.raises(ValidationError):
            normalise_phone(bad)


@pytest.mark.django_db
def test_accessibility_statement_is_public_and_linked_from_every_page(client, officer):
    response = client.get("/core/accessibility/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Accessibility statement for" in html
    assert "partially compliant" in html and "WCAG" in html
    assert "Preparation of this accessibility statement" in html
    client.force_login(officer)
    assert 'href="/core/accessibility/"' in client.get("/").content.decode()
