"""Two officers ending one tenancy: the second is refused with both end dates shown, and the
first end date stands."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

CONFLICT = "Someone else saved a change to this record"


def opened(client, url):
    """The form's fields as a browser would post them back unchanged."""
    form = client.get(url).context["form"]
    return {name: form[name].value() for name in form.fields if form[name].value() is not None}


def test_two_officers_end_one_tenancy_and_the_second_sees_a_conflict(officer, team_leader, person):
    tenancy = person.tenancies.get()
    url = reverse("tenancies:tenancy_end", args=[tenancy.reference])
    mine, theirs = Client(), Client()
    mine.force_login(officer)
    theirs.force_login(team_leader)
    opened_mine, opened_theirs = opened(mine, url), opened(theirs, url)
    assert opened_mine["version"]

    assert mine.post(url, {**opened_mine, "end_date": "2026-03-31"}).status_code == 302
    response = theirs.post(url, {**opened_theirs, "end_date": "2026-04-30"})

    assert response.status_code == 200
    html = response.content.decode()
    assert CONFLICT in html
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
