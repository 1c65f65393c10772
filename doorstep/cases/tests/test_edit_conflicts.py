"""Two officers changing one case's details: the second is shown the conflict, nothing lost."""

from __future__ import annotations

import pytest
from django.urls import reverse

from doorstep.cases.tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def test_case_details_changed_twice_the_second_sees_a_conflict(client, officer, home):
    case = CaseFactory(home=home, lead_officer=officer, team=officer.team, summary="Loud music")
    client.force_login(officer)
    url = reverse("cases:case_edit", args=[case.reference])
    form = client.get(url).context["form"]
    opened = {k: (v.pk if hasattr(v, "pk") else v) for k, v in form.initial.items() if v}
    assert opened["version"]

    first = {**opened, "summary": "Loud music most nights after 11pm"}
    assert client.post(url, first).status_code == 302

    second = {**opened, "summary": "Loud music at weekends"}
    response = client.post(url, second)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Someone else saved a change to this record" in html
    assert "Loud music most nights after 11pm" in html and "Loud music at weekends" in html
    case.refresh_from_db()
    assert case.summary == "Loud music most nights after 11pm"
