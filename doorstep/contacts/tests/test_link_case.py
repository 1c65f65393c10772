"""Putting a logged contact on an existing case's timeline (the API's `case_ref` update):
only someone who may change the contact (who logged it, their team leader or manager) and may
change the case. An officer in another office once could move any contact onto any case they
could see."""

import pytest
from django.core.exceptions import PermissionDenied
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from doorstep.cases.tests.factories import CaseFactory
from doorstep.contacts import services
from doorstep.contacts.models import Contact
from doorstep.contacts.tests.factories import ContactFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def contact(officer, person, home):
    return ContactFactory(person=person, home=home, logged_by=officer)


@pytest.fixture
def case(officer, team, home):
    return CaseFactory(home=home, lead_officer=officer, team=team)


def _api(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def test_the_officer_who_logged_it_puts_it_on_their_case(officer, contact, case):
    services.contact_link_case(actor=officer, contact=contact, case=case)
    assert Contact.objects.get(pk=contact.pk).case_id == case.pk


def test_their_team_leader_and_manager_may_too(team_leader, manager, contact, case):
    services.contact_link_case(actor=team_leader, contact=contact, case=case)
    other = CaseFactory(home=case.home, lead_officer=case.lead_officer, team=case.team)
    services.contact_link_case(actor=manager, contact=contact, case=other)
    assert Contact.objects.get(pk=contact.pk).case_id == other.pk


def test_an_officer_in_another_office_is_refused(other_officer, contact, case):
    with pytest.raises(PermissionDenied):
        services.contact_link_case(actor=other_officer, contact=contact, case=case)
    assert Contact.objects.get(pk=contact.pk).case_id is None


def test_another_officers_contact_cannot_go_on_your_own_case(
    other_officer, other_team, other_home, contact
):
    # The other officer may change their own case, but not the officer's contact.
    theirs = CaseFactory(home=other_home, lead_officer=other_officer, team=other_team)
    with pytest.raises(PermissionDenied):
        services.contact_link_case(actor=other_officer, contact=contact, case=theirs)
    assert Contact.objects.get(pk=contact.pk).case_id is None


def test_a_case_the_logger_may_not_change_is_refused(
    officer, other_officer, other_team, other_home, contact
):
    theirs = CaseFactory(home=other_home, lead_officer=other_officer, team=other_team)
    with pytest.raises(PermissionDenied):
        services.contact_link_case(actor=officer, contact=contact, case=theirs)


def test_the_api_refuses_another_office_and_changes_nothing(other_officer, contact, case):
    response = _api(other_officer).patch(
        f"/api/v1/contacts/{contact.pk}/", {"case_ref": case.reference}, format="json"
    )
    assert response.status_code == 403
    contact.refresh_from_db()
    assert contact.case_id is None


def test_the_api_lets_the_logger_link_it(officer, contact, case):
    response = _api(officer).patch(
        f"/api/v1/contacts/{contact.pk}/", {"case_ref": case.reference}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["case_ref"] == case.reference
