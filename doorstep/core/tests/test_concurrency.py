"""Optimistic concurrency: two officers editing one record, the second sees a conflict."""

from __future__ import annotations

import pytest
from django.urls import reverse

from doorstep.core.concurrency import EditConflict, lock_unchanged, version_of
from doorstep.people.models import Person

pytestmark = pytest.mark.django_db


def test_an_unchanged_record_is_locked_and_returned(person):
    assert lock_unchanged(person, version_of(person)).pk == person.pk


def test_a_changed_record_raises_a_conflict_with_the_saved_version(person):
    opened_on = version_of(person)
    Person.objects.filter(pk=person.pk).update(first_name="Edith")
    Person.objects.get(pk=person.pk).save()  # bumps updated_at as any save does
    with pytest.raises(EditConflict) as conflict:
        lock_unchanged(person, opened_on)
    assert conflict.value.current.first_name == "Edith"


def test_no_expected_version_never_conflicts(person):
    Person.objects.get(pk=person.pk).save()
    assert lock_unchanged(person, None).pk == person.pk


def _person_form_data(client, url):
    form = client.get(url).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    return data


def test_two_officers_editing_one_person_nothing_is_overwritten(client, officer, person):
    url = reverse("people:person_edit", args=[person.reference])
    client.force_login(officer)
    first = _person_form_data(client, url)
    second = dict(first)

    first["phone"] = "0121 496 0000"
    assert client.post(url, first).status_code == 302

    second["communication_needs"] = "Large print letters"
    response = client.post(url, second)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Someone else saved a change to this record" in html
    assert "What changed while you were editing" in html
    person.refresh_from_db()
    assert person.phone == "+441214960000"  # the first save stands
    assert person.communication_needs != "Large print letters"  # the second did not write
    # The form now carries the saved version: saving again is deliberate and succeeds.
    again = dict(second)
    again["version"] = response.context["form"].data["version"]
    again["phone"] = "0121 496 0000"
    assert client.post(url, again).status_code == 302
    person.refresh_from_db()
    assert person.communication_needs == "Large print letters"
    assert person.phone == "+441214960000"


def test_a_stale_hidden_version_is_a_conflict_even_with_identical_values(client, officer, person):
    url = reverse("people:person_edit", args=[person.reference])
    client.force_login(officer)
    data = _person_form_data(client, url)
    Person.objects.get(pk=person.pk).save()
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Someone else saved a change" in response.content.decode()
