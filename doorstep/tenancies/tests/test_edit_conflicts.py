"""Two officers ending one tenancy: the second is refused with both end dates shown, and the
first end date stands."""

from __future__ import annotations

import pytest
from django.urls import reverse

from doorstep.core.tests.conflicts import opened, second_save_refused

pytestmark = pytest.mark.django_db


def test_two_officers_end_one_tenancy_and_the_second_sees_a_conflict(officer, team_leader, person):
    tenancy = person.tenancies.get()
    url = reverse("tenancies:tenancy_end", args=[tenancy.reference])

    response = second_save_refused(
        url,
        first=(officer, {"end_date": "2026-03-31"}),
        second=(team_leader, {"end_date": "2026-04-30"}),
    )

    assert [(row.theirs, row.yours) for row in response.context["conflict_rows"]] == [
        ("31 Mar 2026", "30 Apr 2026")
    ]
    assert response.context["form"]["end_date"].value() == "2026-04-30"  # theirs kept
    tenancy.refresh_from_db()
    assert str(tenancy.end_date) == "2026-03-31"


def test_an_ended_tenancy_opened_afresh_goes_back_to_its_page(client, officer, person):
    tenancy = person.tenancies.get()
    url = reverse("tenancies:tenancy_end", args=[tenancy.reference])
    client.force_login(officer)
    client.post(url, {**opened(client, url), "end_date": "2026-03-31"})
    assert client.get(url).status_code == 302
