import pytest
from django.urls import reverse

from doorstep.core.models import AuditEvent
from doorstep.partners.models import Agency, AgencyContact
from doorstep.partners.tests.factories import AgencyContactFactory, AgencyFactory

pytestmark = pytest.mark.django_db

SIGN_IN = "/accounts/sign-in/"
MANAGERS = ["team_leader", "manager", "safeguarding_lead"]
READERS = ["officer", "other_officer", "dpo"]


@pytest.fixture
def agency():
    return AgencyFactory(name="Walsall Adult Social Care", kind="adult_social_care")


@pytest.mark.parametrize(
    ("name", "args", "method"),
    [
        ("agency_list", [], "get"),
        ("agency_detail", [1], "get"),
        ("agency_create", [], "get"),
        ("agency_edit", [1], "get"),
        ("contact_add", [1], "get"),
        ("contact_remove", [1, 1], "post"),
    ],
)
def test_signed_out_visitors_are_sent_to_sign_in(client, name, args, method):
    response = getattr(client, method)(reverse(f"partners:{name}", args=args))
    assert response.status_code == 302
    assert response.url.startswith(SIGN_IN)


@pytest.mark.parametrize("role", [*READERS, *MANAGERS])
def test_everyone_reads_the_directory(client, request, role, agency):
    AgencyContactFactory(agency=agency, name="Sam Duty")
    client.force_login(request.getfixturevalue(role))
    html = client.get(reverse("partners:agency_list")).content.decode()
    assert "Walsall Adult Social Care" in html
    detail = client.get(reverse("partners:agency_detail", args=[agency.pk])).content.decode()
    assert "Sam Duty" in detail
    can_manage = role in MANAGERS
    assert ("Add an agency" in html) is can_manage
    assert ("Change details" in detail) is can_manage


def test_unknown_agency_is_not_found(client, officer):
    client.force_login(officer)
    assert client.get(reverse("partners:agency_detail", args=[999])).status_code == 404


def test_list_searches_by_name_and_kind(client, officer):
    AgencyFactory(name="West Midlands Police", kind="police")
    AgencyFactory(name="Age UK Walsall", kind="charity")
    client.force_login(officer)
    html = client.get(reverse("partners:agency_list"), {"q": "police"}).content.decode()
    assert "West Midlands Police" in html
    assert "Age UK Walsall" not in html
    html = client.get(reverse("partners:agency_list"), {"kind": "charity"}).content.decode()
    assert "Age UK Walsall" in html
    assert "West Midlands Police" not in html


def test_list_is_an_htmx_partial_when_asked(client, officer, agency):
    client.force_login(officer)
    html = client.get(reverse("partners:agency_list"), HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in html
    assert "Walsall Adult Social Care" in html


def test_list_is_paginated_and_queries_do_not_grow_with_agencies(
    client, officer, django_assert_max_num_queries
):
    for n in range(40):
        AgencyContactFactory(agency=AgencyFactory(name=f"Agency {n:02d}"))
    client.force_login(officer)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("partners:agency_list"))
    html = response.content.decode()
    assert "40 agencies" in html
    assert "Page 1 of 2" in html
    assert "Agency 24" in html and "Agency 25" not in html
    with django_assert_max_num_queries(8):
        html = client.get(reverse("partners:agency_list"), {"page": 2}).content.decode()
    assert "Agency 39" in html


@pytest.mark.parametrize("role", MANAGERS)
def test_managers_add_an_agency(client, request, role):
    client.force_login(request.getfixturevalue(role))
    response = client.post(
        reverse("partners:agency_create"),
        {
            "name": "Walsall MASH",
            "kind": "childrens_services",
            "phone": "01922 658170",
            "secure_email": "mash@walsall.gov.uk",
            "address": "",
            "notes": "",
            "active": "on",
        },
    )
    agency = Agency.objects.get(name="Walsall MASH")
    assert response.status_code == 302
    assert response.url == reverse("partners:agency_detail", args=[agency.pk])
    assert AuditEvent.objects.filter(object_type="partners.agency", action="create").exists()


@pytest.mark.parametrize("role", READERS)
def test_officers_and_the_dpo_cannot_add_or_change_agencies(client, request, role, agency):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("partners:agency_create")).status_code == 403
    assert (
        client.post(reverse("partners:agency_create"), {"name": "X", "kind": "police"}).status_code
        == 403
    )
    assert client.get(reverse("partners:agency_edit", args=[agency.pk])).status_code == 403
    assert (
        client.post(reverse("partners:contact_add", args=[agency.pk]), {"name": "X"}).status_code
        == 403
    )
    assert not Agency.objects.filter(name="X").exists()


def test_bad_input_shows_errors_naming_the_field(client, team_leader):
    client.force_login(team_leader)
    response = client.post(
        reverse("partners:agency_create"),
        {"name": "", "kind": "police", "phone": "", "secure_email": "not-an-email"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "Enter the agency&#x27;s name." in html
    assert "Enter the secure email address in the right format" in html
    assert not Agency.objects.exists()


def test_duplicate_name_is_refused_on_the_form(client, team_leader, agency):
    client.force_login(team_leader)
    html = client.post(
        reverse("partners:agency_create"),
        {"name": "walsall adult social care", "kind": "adult_social_care"},
    ).content.decode()
    assert "already in the directory" in html
    assert Agency.objects.count() == 1


def test_edit_shows_current_details_and_saves(client, manager, agency):
    client.force_login(manager)
    html = client.get(reverse("partners:agency_edit", args=[agency.pk])).content.decode()
    assert 'value="Walsall Adult Social Care"' in html
    response = client.post(
        reverse("partners:agency_edit", args=[agency.pk]),
        {"name": "Walsall Council Adult Social Care", "kind": "adult_social_care"},
    )
    assert response.status_code == 302
    agency.refresh_from_db()
    assert agency.name == "Walsall Council Adult Social Care"
    assert not agency.active  # the box was not ticked


def test_add_and_remove_a_contact(client, safeguarding_lead, agency):
    client.force_login(safeguarding_lead)
    response = client.post(
        reverse("partners:contact_add", args=[agency.pk]),
        {"name": "Sam Duty", "role": "MASH", "phone": "", "email": "sam@walsall.gov.uk"},
    )
    assert response.status_code == 302
    contact = AgencyContact.objects.get(agency=agency)
    response = client.post(reverse("partners:contact_remove", args=[agency.pk, contact.pk]))
    assert response.status_code == 302
    assert not AgencyContact.objects.exists()


def test_contact_form_errors_name_the_field(client, safeguarding_lead, agency):
    client.force_login(safeguarding_lead)
    html = client.post(
        reverse("partners:contact_add", args=[agency.pk]),
        {"name": "Sam Duty", "phone": "", "email": ""},
    ).content.decode()
    assert "Enter a phone number or an email address for them." in html


def test_a_contact_of_another_agency_cannot_be_removed_through_this_one(
    client, team_leader, agency
):
    stranger = AgencyContactFactory()
    client.force_login(team_leader)
    response = client.post(reverse("partners:contact_remove", args=[agency.pk, stranger.pk]))
    assert response.status_code == 404
    assert AgencyContact.objects.filter(pk=stranger.pk).exists()


def test_officer_cannot_remove_a_contact(client, officer, agency):
    contact = AgencyContactFactory(agency=agency)
    client.force_login(officer)
    response = client.post(reverse("partners:contact_remove", args=[agency.pk, contact.pk]))
    assert response.status_code == 403
    assert AgencyContact.objects.filter(pk=contact.pk).exists()


def test_a_contact_named_on_a_meeting_is_kept_with_a_message_not_an_error(
    client, team_leader, agency
):
    """Found by the permission matrix: removing a contact who attended a meeting was a 500
    (a protected foreign key), and left the audit row of a removal that never happened."""
    from doorstep.meetings.tests.factories import AttendeeFactory, MeetingFactory

    contact = AgencyContactFactory(agency=agency, name="Sam Duty")
    AttendeeFactory(meeting=MeetingFactory(), agency_contact=contact)
    audit_rows = AuditEvent.objects.count()
    client.force_login(team_leader)
    response = client.post(
        reverse("partners:contact_remove", args=[agency.pk, contact.pk]), follow=True
    )
    assert response.status_code == 200
    assert "Sam Duty is named on a meeting" in response.content.decode()
    assert AgencyContact.objects.filter(pk=contact.pk).exists()
    assert AuditEvent.objects.count() == audit_rows
