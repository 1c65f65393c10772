"""Two managers editing one agency: the second save is refused with both versions shown."""

from __future__ import annotations

import pytest
from django.urls import reverse

from doorstep.partners.models import Agency

pytestmark = pytest.mark.django_db


def test_agency_edited_twice_the_second_sees_a_conflict(client, manager):
    agency = Agency.objects.create(
        name="Walsall Adult Social Care", kind=Agency._meta.get_field("kind").choices[0][0]
    )
    client.force_login(manager)
    url = reverse("partners:agency_edit", args=[agency.pk])
    opened = {
        k: v for k, v in client.get(url).context["form"].initial.items() if v not in (None, "")
    }
    first = {**opened, "phone": "0121 496 0000"}
    assert client.post(url, first).status_code == 302
    second = {**opened, "notes": "Duty team 9 to 5"}
    response = client.post(url, second)
    assert response.status_code == 200
    assert "Someone else saved a change to this record" in response.content.decode()
    agency.refresh_from_db()
    assert agency.phone == "+441214960000"
    assert agency.notes == ""
