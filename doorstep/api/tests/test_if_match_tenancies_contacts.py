"""A change sent with a stale If-Match is refused (412) and writes nothing: tenancies, contacts
and call-backs, whose PATCH goes through the shared UpdateMixin."""

from __future__ import annotations

import pytest
from django.utils import timezone

from doorstep.contacts.tests.factories import CallBackFactory, ContactFactory

pytestmark = pytest.mark.django_db

STALE = '"2020-01-01T00:00:00+00:00"'


def test_a_tenancy_ended_with_a_stale_version_is_refused(api, officer, person):
    tenancy = person.tenancies.get()
    url = f"/api/v1/tenancies/{tenancy.reference}/"
    client = api(officer)
    read = client.get(url)
    assert read["ETag"]
    response = client.patch(url, {"end_date": "2026-03-31"}, format="json", HTTP_IF_MATCH=STALE)
    assert response.status_code == 412
    assert response.json()["changes"]["end_date"] == {"current": None, "yours": "2026-03-31"}
    tenancy.refresh_from_db()
    assert tenancy.end_date is None
    done = client.patch(url, {"end_date": "2026-03-31"}, format="json", HTTP_IF_MATCH=read["ETag"])
    assert done.status_code == 200


def test_a_call_back_closed_with_a_stale_version_is_refused(api, officer):
    callback = CallBackFactory(for_officer=officer)
    url = f"/api/v1/callbacks/{callback.pk}/"
    client = api(officer)
    assert client.get(url)["ETag"]
    response = client.patch(
        url, {"status": "done", "outcome": "Spoke to her"}, format="json", HTTP_IF_MATCH=STALE
    )
    assert response.status_code == 412
    assert response.json()["changes"]["status"] == {"current": "open", "yours": "done"}
    callback.refresh_from_db()
    assert callback.status == "open"


def test_a_contact_changed_with_a_stale_version_is_refused(api, officer, person):
    contact = ContactFactory(person=person, logged_by=officer, follow_up_on=timezone.localdate())
    url = f"/api/v1/contacts/{contact.pk}/"
    client = api(officer)
    assert client.get(url)["ETag"]
    response = client.patch(url, {"follow_up_done": True}, format="json", HTTP_IF_MATCH=STALE)
    assert response.status_code == 412
    contact.refresh_from_db()
    assert contact.follow_up_done_at is None
