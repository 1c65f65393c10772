"""Double submits create one record: the one-time key of doorstep.core.submissions."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from doorstep.contacts.models import Contact
from doorstep.core.models import FormSubmission

pytestmark = pytest.mark.django_db

URL = "/contacts/log/"


def _data(person, key, summary="Rang about the fence"):
    return {
        "person": person.reference,
        "channel": "phone",
        "direction": "inbound",
        "summary": summary,
        "submission_key": str(key),
    }


def test_the_form_carries_a_fresh_key_each_time(client, officer):
    client.force_login(officer)
    first = client.get(reverse("contacts:contact_create")).content.decode()
    second = client.get(reverse("contacts:contact_create")).content.decode()
    assert 'name="submission_key"' in first
    key = first.split('name="submission_key" value="')[1][:36]
    assert uuid.UUID(key) and key not in second


def test_a_double_submit_logs_one_contact_and_both_get_the_same_answer(client, officer, person):
    client.force_login(officer)
    key = uuid.uuid4()
    first = client.post(URL, _data(person, key))
    second = client.post(URL, _data(person, key))
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Contact.objects.filter(summary="Rang about the fence").count() == 1


def test_a_double_submit_in_the_modal_logs_one_contact(client, officer, person):
    client.force_login(officer)
    key = uuid.uuid4()
    responses = [client.post(URL, _data(person, key), headers={"HX-Request": "true"}) for _ in "ab"]
    assert [r.status_code for r in responses] == [204, 204]
    assert all(r["HX-Trigger"] == "ds-modal-close" for r in responses)
    assert Contact.objects.count() == 1


def test_a_form_with_errors_can_be_corrected_and_sent_with_the_same_key(client, officer, person):
    client.force_login(officer)
    key = uuid.uuid4()
    bad = client.post(URL, _data(person, key, summary=""))
    assert bad.status_code == 200 and "Enter a summary" in bad.content.decode()
    assert not FormSubmission.objects.filter(key=key).exists()
    good = client.post(URL, _data(person, key))
    assert good.status_code == 302
    assert Contact.objects.count() == 1


def test_a_submit_still_being_saved_is_not_run_again(client, officer, person):
    client.force_login(officer)
    key = uuid.uuid4()
    FormSubmission.objects.create(key=key, user=officer, path=URL)  # first one in flight
    response = client.post(URL, _data(person, key))
    assert response.status_code == 409
    assert "still being saved" in response.content.decode()
    assert Contact.objects.count() == 0


def test_someone_elses_key_or_another_forms_key_is_refused(client, officer, other_officer, person):
    key = uuid.uuid4()
    FormSubmission.objects.create(key=key, user=other_officer, path=URL, status_code=302)
    client.force_login(officer)
    assert client.post(URL, _data(person, key)).status_code == 400
    mine = uuid.uuid4()
    FormSubmission.objects.create(
        key=mine, user=officer, path="/contacts/call-backs/new/", status_code=302
    )
    assert client.post(URL, _data(person, mine)).status_code == 400
    assert Contact.objects.count() == 0


def test_a_post_without_a_key_works_as_before(client, officer, person):
    client.force_login(officer)
    data = _data(person, "")
    del data["submission_key"]
    assert client.post(URL, data).status_code == 302
    assert client.post(URL, data).status_code == 302
    assert Contact.objects.count() == 2


def test_the_same_page_sent_again_with_changes_is_saved_not_dropped(client, officer, person):
    """Back button, change a field, save: a new submission (a double click sends the same)."""
    client.force_login(officer)
    key = uuid.uuid4()
    assert client.post(URL, _data(person, key)).status_code == 302
    changed = client.post(URL, _data(person, key, summary="Rang about the fence again"))
    assert changed.status_code == 302
    assert Contact.objects.filter(summary="Rang about the fence again").count() == 1
    # That changed send is now the one a double click repeats.
    client.post(URL, _data(person, key, summary="Rang about the fence again"))
    assert Contact.objects.count() == 2
    assert FormSubmission.objects.get(key=key).status_code == 302


def test_an_edit_sent_again_from_the_same_page_with_a_change_is_not_dropped(
    client, officer, person
):
    """Back to the edit page after saving, change a field, save: not silently ignored. The
    record changed since that page was opened (by this officer's own save), so the officer
    sees the conflict with both versions and decides."""
    client.force_login(officer)
    url = reverse("people:person_edit", args=[person.reference])
    response = client.get(url)
    key = response.content.decode().split('name="submission_key" value="')[1][:36]
    data = {
        name: value
        for name, value in response.context["form"].initial.items()
        if value not in (None, "")
    }
    data["submission_key"] = key
    first = client.post(url, {**data, "first_name": "Roberta"})
    assert first.status_code == 302
    again = client.post(url, {**data, "first_name": "Bobbie"})
    assert again.status_code == 200
    assert "Someone else saved a change" in again.content.decode()
    person.refresh_from_db()
    assert person.first_name == "Roberta"
