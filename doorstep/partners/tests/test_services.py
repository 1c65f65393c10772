import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from doorstep.core.models import AuditEvent
from doorstep.partners import services
from doorstep.partners.models import Agency, AgencyContact, AgencyKind
from doorstep.partners.tests.factories import AgencyContactFactory, AgencyFactory

pytestmark = pytest.mark.django_db


def _create(actor, **overrides):
    fields = {
        "name": "Walsall Adult Social Care",
        "kind": AgencyKind.ADULT_SOCIAL_CARE,
        "phone": "01922 650000",
        "secure_email": " MASH@Walsall.gov.uk ",
        "address": "Civic Centre, Walsall",
    }
    fields.update(overrides)
    return services.agency_create(actor=actor, **fields)


@pytest.mark.parametrize("role", ["team_leader", "manager", "safeguarding_lead"])
def test_leaders_managers_and_safeguarding_leads_add_agencies_normalised_and_audited(request, role):
    actor = request.getfixturevalue(role)
    agency = _create(actor)
    assert agency.phone == "+441922650000"
    assert agency.secure_email == "mash@walsall.gov.uk"
    assert agency.active
    event = AuditEvent.objects.get(object_type="partners.agency", object_id=str(agency.pk))
    assert event.action == "create"
    assert event.actor == actor


@pytest.mark.parametrize("role", ["officer", "dpo"])
def test_officers_and_the_dpo_cannot_change_the_directory(request, role, team_leader):
    actor = request.getfixturevalue(role)
    with pytest.raises(PermissionDenied):
        _create(actor)
    agency = AgencyFactory()
    with pytest.raises(PermissionDenied):
        services.agency_update(actor=actor, agency=agency, name="New", kind=AgencyKind.POLICE)
    with pytest.raises(PermissionDenied):
        services.agency_contact_add(actor=actor, agency=agency, name="A", phone="01922650000")
    assert not Agency.objects.filter(name="Walsall Adult Social Care").exists()


def test_agency_names_are_unique_ignoring_case(team_leader):
    _create(team_leader)
    with pytest.raises(ValidationError) as error:
        _create(team_leader, name="walsall adult social care")
    assert "already in the directory" in error.value.message_dict["name"][0]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "  ", "Enter the agency's name."),
        ("kind", "pub", "Select what kind of agency this is."),
        ("phone", "12345", "Enter a real phone number"),
        ("secure_email", "mash at walsall", "Enter an email address in the right format"),
    ],
)
def test_bad_agency_details_are_refused_naming_the_field(team_leader, field, value, message):
    with pytest.raises(ValidationError) as error:
        _create(team_leader, **{field: value})
    assert message in error.value.message_dict[field][0]
    assert not Agency.objects.exists()


def test_update_changes_details_and_audits_what_changed(manager):
    agency = AgencyFactory(name="Old name", kind=AgencyKind.CHARITY)
    services.agency_update(
        actor=manager,
        agency=agency,
        name="West Midlands Police",
        kind=AgencyKind.POLICE,
        phone="0121 626 5000",
        secure_email="",
        active=False,
    )
    agency.refresh_from_db()
    assert agency.name == "West Midlands Police"
    assert agency.kind == "police"
    assert not agency.active
    event = AuditEvent.objects.get(object_type="partners.agency", action="update")
    assert event.changes["name"] == ["Old name", "West Midlands Police"]
    assert event.changes["active"] == [True, False]


def test_update_may_keep_its_own_name(manager):
    agency = AgencyFactory(name="Shelter")
    services.agency_update(actor=manager, agency=agency, name="SHELTER", kind=AgencyKind.CHARITY)
    agency.refresh_from_db()
    assert agency.name == "SHELTER"


def test_contacts_need_a_name_and_a_phone_or_email(safeguarding_lead):
    agency = AgencyFactory()
    with pytest.raises(ValidationError) as error:
        services.agency_contact_add(actor=safeguarding_lead, agency=agency, name="Sam Duty")
    assert "phone number or an email" in error.value.message_dict["phone"][0]
    with pytest.raises(ValidationError) as error:
        services.agency_contact_add(
            actor=safeguarding_lead, agency=agency, name="", email="sam@x.gov.uk"
        )
    assert error.value.message_dict["name"] == ["Enter their name."]
    contact = services.agency_contact_add(
        actor=safeguarding_lead,
        agency=agency,
        name="Sam Duty",
        role="MASH duty worker",
        phone="07911 123456",
    )
    assert contact.phone == "+447911123456"
    assert AuditEvent.objects.filter(object_type="partners.agencycontact", action="create").count()


def test_removing_a_contact_is_audited(team_leader):
    contact = AgencyContactFactory()
    services.agency_contact_remove(actor=team_leader, contact=contact)
    assert not AgencyContact.objects.exists()
    assert AuditEvent.objects.filter(object_type="partners.agencycontact", action="delete").exists()
