import pytest

from doorstep.partners.forms import AgencyContactForm, AgencyForm

pytestmark = pytest.mark.django_db

GOOD = {
    "name": "Walsall MASH",
    "kind": "childrens_services",
    "phone": "01922 658170",
    "secure_email": "MASH@walsall.gov.uk",
    "address": "",
    "notes": "",
    "active": "on",
}


def test_good_agency_details_are_normalised():
    form = AgencyForm(GOOD)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["phone"] == "+441922658170"
    assert form.cleaned_data["secure_email"] == "mash@walsall.gov.uk"
    assert form.cleaned_data["active"] is True


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "Enter the agency's name."),
        ("kind", "", "Select what kind of agency this is."),
        ("kind", "pub", "Select what kind of agency this is."),
        ("phone", "not a phone", "Enter a phone number"),
        ("phone", "0192", "Enter a real phone number"),
        ("secure_email", "mash@", "Enter the secure email address in the right format"),
        ("secure_email", "mash walsall.gov.uk", "Enter the secure email address"),
        ("name", "x" * 151, "at most 150 characters"),
    ],
)
def test_bad_agency_details_name_the_field(field, value, message):
    form = AgencyForm({**GOOD, field: value})
    assert not form.is_valid()
    assert message in form.errors[field][0]


def test_contact_needs_a_phone_or_an_email():
    form = AgencyContactForm({"name": "Sam Duty", "role": "", "phone": "", "email": ""})
    assert not form.is_valid()
    assert form.errors["phone"] == ["Enter a phone number or an email address for them."]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "Enter their name."),
        ("phone", "99", "Enter a real phone number"),
        ("email", "sam@", "Enter an email address in the right format"),
    ],
)
def test_bad_contact_details_name_the_field(field, value, message):
    data = {"name": "Sam Duty", "role": "", "phone": "01922 650000", "email": ""}
    form = AgencyContactForm({**data, field: value})
    assert not form.is_valid()
    assert message in form.errors[field][0]
