"""Two officers changing one case's details: the second is shown the conflict, nothing lost."""

from __future__ import annotations

import pytest
from django.urls import reverse

from doorstep.cases.tests.factories import CaseFactory
from doorstep.core.tests.conflicts import second_save_refused

pytestmark = pytest.mark.django_db


def test_case_details_changed_twice_the_second_sees_a_conflict(officer, home):
    case = CaseFactory(home=home, lead_officer=officer, team=officer.team, summary="Loud music")
    url = reverse("cases:case_edit", args=[case.reference])

    response = second_save_refused(
        url,
        first=(officer, {"summary": "Loud music most nights after 11pm"}),
        second=(officer, {"summary": "Loud music at weekends"}),
    )

    html = response.content.decode()
    assert "Loud music most nights after 11pm" in html and "Loud music at weekends" in html
    case.refresh_from_db()
    assert case.summary == "Loud music most nights after 11pm"
