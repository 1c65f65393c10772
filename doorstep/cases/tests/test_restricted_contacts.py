"""A contact linked to a restricted case would disclose the case: pages that list contacts
(person, home, estate, block) leave it out for anyone who cannot see the case."""

import pytest
from django.urls import reverse

from doorstep.cases.models import CaseType
from doorstep.cases.tests.factories import CaseFactory
from doorstep.contacts.tests.factories import ContactFactory

pytestmark = pytest.mark.django_db

SECRET = "Disclosed domestic abuse by her partner"


@pytest.fixture
def restricted_contact(officer, person, home):
    case = CaseFactory(case_type=CaseType.DOMESTIC_ABUSE, home=home, lead_officer=officer)
    return ContactFactory(person=person, home=home, case=case, summary=SECRET, logged_by=officer)


@pytest.mark.parametrize("page", ["person", "home", "estate"])
def test_people_outside_the_case_team_do_not_see_the_contact(
    client, other_officer, restricted_contact, person, home, page
):
    client.force_login(other_officer)
    url = {
        "person": reverse("people:person_detail", args=[person.reference]),
        "home": reverse("places:home_detail", args=[home.pk]),
        "estate": reverse("places:estate_detail", args=[home.estate_id]),
    }[page]
    response = client.get(url)
    assert response.status_code == 200
    assert SECRET not in response.content.decode()


def test_the_case_team_and_managers_still_see_it(
    client, officer, manager, restricted_contact, person
):
    for user in (officer, manager):
        client.force_login(user)
        page = client.get(reverse("people:person_detail", args=[person.reference])).content
        assert SECRET in page.decode()


def test_contacts_with_no_case_show_to_everyone(client, other_officer, person):
    ContactFactory(person=person, summary="Asked about the bin store")
    client.force_login(other_officer)
    page = client.get(reverse("people:person_detail", args=[person.reference])).content.decode()
    assert "Asked about the bin store" in page


def test_a_contact_not_on_a_case_offers_to_open_one(client, officer, dpo, person):
    contact = ContactFactory(person=person, summary="Black bags dumped by the bin store")
    client.force_login(officer)
    page = client.get(reverse("people:person_detail", args=[person.reference])).content.decode()
    assert f"{reverse('cases:case_create')}?contact={contact.pk}" in page
    client.force_login(dpo)
    page = client.get(reverse("people:person_detail", args=[person.reference])).content.decode()
    assert f"?contact={contact.pk}" not in page
