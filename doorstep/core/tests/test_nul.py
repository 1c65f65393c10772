"""A NUL in a query string or a form field is refused with a 400 naming the field."""

from __future__ import annotations

import pytest
from django.urls import reverse

from doorstep.contacts.models import Contact

pytestmark = pytest.mark.django_db


def test_a_nul_in_a_search_is_refused_naming_the_field(client, officer):
    client.force_login(officer)
    response = client.get(reverse("search:search"), {"q": "Smith\x00"})
    assert response.status_code == 400
    assert "Remove the NUL character" in response.content.decode()
    assert "“q”" in response.content.decode()
    assert "The form was not sent" in response.content.decode()
    assert 'class="govuk-template__body"' in response.content.decode()  # the service's own page


def test_a_nul_in_a_hidden_reference_writes_nothing(client, officer, person):
    client.force_login(officer)
    response = client.post(
        reverse("contacts:contact_create"),
        {
            "person": person.reference + "\x00",
            "channel": "phone",
            "direction": "inbound",
            "summary": "Rang about the fence",
        },
    )
    assert response.status_code == 400
    assert "“person”" in response.content.decode()
    assert not Contact.objects.exists()


def test_the_api_answers_in_json(client, officer):
    client.force_login(officer)
    response = client.get("/api/v1/cases/", {"status": "open\x00"})
    assert response.status_code == 400
    assert response.json() == {
        "status": ["Remove the NUL character (\\x00) from “status”: it cannot be stored."]
    }


def test_an_ordinary_search_is_untouched(client, officer):
    client.force_login(officer)
    assert client.get(reverse("search:search"), {"q": "Smith"}).status_code == 200
