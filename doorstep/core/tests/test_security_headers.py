"""Headers and checks every response and form relies on (docs/security.md, "Controls")."""

from __future__ import annotations

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _directives(header: str) -> dict[str, list[str]]:
    out = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out


def test_every_page_has_a_strict_content_security_policy(client, officer):
    client.force_login(officer)
    response = client.get(reverse("myday:my_day"))
    policy = _directives(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    header = response["Content-Security-Policy"]
    assert "unsafe-inline" not in header and "unsafe-eval" not in header


def test_pages_refuse_framing_and_sniffing(client, officer):
    client.force_login(officer)
    response = client.get(reverse("myday:my_day"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_no_page_uses_inline_script_or_style(client, officer):
    client.force_login(officer)
    page = client.get(reverse("myday:my_day")).content.decode()
    assert "<script>" not in page and " style=" not in page and "<style" not in page


def test_a_post_without_the_csrf_token_is_refused_and_writes_nothing(officer, person):
    from doorstep.contacts.models import Contact

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(officer)
    response = browser.post(
        reverse("contacts:contact_create"),
        {
            "person": person.reference,
            "channel": "phone",
            "direction": "inbound",
            "summary": "Forged",
        },
    )
    assert response.status_code == 403
    assert not Contact.objects.exists()


@pytest.mark.parametrize(
    ("password", "why"),
    [
        ("short1!", "too short"),
        ("password1234", "too common"),
        ("734029185562", "entirely numeric"),
    ],
)
def test_weak_passwords_are_refused(password, why, officer):
    with pytest.raises(ValidationError) as refused:
        validate_password(password, user=officer)
    assert why in " ".join(refused.value.messages)


def test_a_long_unusual_passphrase_is_accepted(officer):
    validate_password("kettle-Orchard-91-lantern", user=officer)
