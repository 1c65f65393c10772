import datetime as dt

import pytest

from doorstep.people.tests.factories import PersonFactory
from doorstep.places.models import Tenure
from doorstep.places.tests.factories import HomeFactory
from doorstep.tenancies.forms import TenancyEndForm, TenancyForm
from doorstep.tenancies.services import END_BEFORE_START
from doorstep.tenancies.tests.factories import TenancyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tenant():
    return PersonFactory(reference="P000101")


@pytest.fixture
def member():
    return PersonFactory(reference="P000102")


def _data(**overrides):
    data = {
        "tenancy_type": "secure",
        "start_date": "2026-01-05",
        "end_date": "",
        "tenants": "P000101",
        "members": "",
    }
    data.update(overrides)
    return data


def test_tenancy_form_resolves_references_in_any_case(estate, tenant, member):
    form = TenancyForm(
        _data(tenants="p000101", members="P000102, p000102"), home=HomeFactory(estate=estate)
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["tenants"] == [tenant]
    assert form.cleaned_data["members"] == [member]
    assert form.cleaned_data["start_date"] == dt.date(2026, 1, 5)


def test_tenancy_form_refuses_an_end_before_the_start(estate, tenant):
    form = TenancyForm(_data(end_date="2026-01-04"), home=HomeFactory(estate=estate))
    assert not form.is_valid()
    assert form.errors["end_date"] == [END_BEFORE_START]


def test_tenancy_form_refuses_a_licence_in_a_home_that_is_not_temporary(estate, tenant):
    form = TenancyForm(_data(tenancy_type="licence"), home=HomeFactory(estate=estate))
    assert not form.is_valid()
    assert "This home's tenure is general needs." in form.errors["tenancy_type"][0]


def test_tenancy_form_accepts_a_licence_in_temporary_accommodation(estate, tenant):
    home = HomeFactory(estate=estate, tenure=Tenure.TEMPORARY)
    assert TenancyForm(_data(tenancy_type="licence"), home=home).is_valid()


@pytest.mark.parametrize("tenants", ["", " , "])
def test_tenancy_form_needs_at_least_one_tenant(estate, tenants):
    form = TenancyForm(_data(tenants=tenants), home=HomeFactory(estate=estate))
    assert not form.is_valid()
    assert form.errors["tenants"][0].startswith("Add at least one tenant.")


def test_tenancy_form_names_unknown_references(estate, tenant):
    form = TenancyForm(_data(tenants="P000101 P999999"), home=HomeFactory(estate=estate))
    assert not form.is_valid()
    assert form.errors["tenants"][0].startswith("No one has the reference P999999.")


def test_tenancy_form_refuses_a_tenant_also_listed_as_a_member(estate, tenant):
    form = TenancyForm(_data(members="P000101"), home=HomeFactory(estate=estate))
    assert not form.is_valid()
    assert "members" in form.errors


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("start_date", "", "Enter the start date."),
        ("start_date", "2026-02-30", "Enter the start date as a real date, like 2026-04-01."),
        ("end_date", "soon", "Enter the end date as a real date, like 2026-04-01."),
        ("tenancy_type", "", "Choose the type of tenancy."),
        ("tenancy_type", "lodger", "Choose a type of tenancy from the list."),
    ],
)
def test_tenancy_form_refuses_bad_input(estate, tenant, field, value, message):
    form = TenancyForm(_data(**{field: value}), home=HomeFactory(estate=estate))
    assert not form.is_valid()
    assert form.errors[field] == [message]


def test_end_form_refuses_an_end_before_the_start(home):
    tenancy = TenancyFactory(home=home, start_date=dt.date(2015, 4, 1))
    form = TenancyEndForm({"end_date": "2015-03-31"}, tenancy=tenancy)
    assert not form.is_valid()
    assert form.errors["end_date"][0].startswith(END_BEFORE_START)
    assert TenancyEndForm({"end_date": "01/04/2015"}, tenancy=tenancy).is_valid()
    assert not TenancyEndForm({"end_date": ""}, tenancy=tenancy).is_valid()
