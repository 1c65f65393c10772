"""Two managers editing one agency: the second save is refused with both versions shown."""

from __future__ import annotations

import pytest
from django.urls import reverse

from doorstep.core.tests.conflicts import second_save_refused
from doorstep.partners.models import Agency

pytestmark = pytest.mark.django_db


def test_agency_edited_twice_the_second_sees_a_conflict(manager):
    agency = Agency.objects.create(
        name="Walsall Adult Social Care", kind=Agency._meta.get_field("kind").choices[0][0]
    )
    url = reverse("partners:agency_edit", args=[agency.pk])

    second_save_refused(
        url,
        first=(manager, {"phone": "0121 496 0000"}),
        second=(manager, {"notes": "Duty team 9 to 5"}),
    )

    agency.refresh_from_db()
    assert agency.phone == "+441214960000"
    assert agency.notes == ""
