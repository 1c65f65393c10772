import pytest

from doorstep.partners import selectors
from doorstep.partners.models import AgencyKind
from doorstep.partners.tests.factories import AgencyContactFactory, AgencyFactory

pytestmark = pytest.mark.django_db


def test_search_by_name_or_contact_name_and_kind_with_contact_counts():
    police = AgencyFactory(name="West Midlands Police", kind=AgencyKind.POLICE)
    AgencyContactFactory.create_batch(2, agency=police)
    care = AgencyFactory(name="Walsall Adult Social Care", kind=AgencyKind.ADULT_SOCIAL_CARE)
    AgencyContactFactory(agency=care, name="Priya Duty")
    AgencyFactory(name="Age UK Walsall", kind=AgencyKind.CHARITY)

    assert [a.name for a in selectors.agencies_list(q="police")] == ["West Midlands Police"]
    assert [a.name for a in selectors.agencies_list(q="priya")] == ["Walsall Adult Social Care"]
    assert [a.name for a in selectors.agencies_list(kind="charity")] == ["Age UK Walsall"]
    counts = {a.name: a.contact_count for a in selectors.agencies_list()}
    assert counts == {
        "West Midlands Police": 2,
        "Walsall Adult Social Care": 1,
        "Age UK Walsall": 0,
    }


def test_agencies_no_longer_used_come_last_and_are_not_offered_for_referrals():
    AgencyFactory(name="Aardvark Trust", active=False)
    AgencyFactory(name="Zebra Care")
    assert [a.name for a in selectors.agencies_list()] == ["Zebra Care", "Aardvark Trust"]
    assert [a.name for a in selectors.active_agencies()] == ["Zebra Care"]


def test_default_agency_is_the_first_active_one_of_the_kind():
    AgencyFactory(name="A Old Care", kind=AgencyKind.ADULT_SOCIAL_CARE, active=False)
    care = AgencyFactory(name="Walsall Adult Social Care", kind=AgencyKind.ADULT_SOCIAL_CARE)
    assert selectors.default_agency(kind=AgencyKind.ADULT_SOCIAL_CARE) == care
    assert selectors.default_agency(kind=AgencyKind.CHILDRENS_SERVICES) is None
    assert selectors.default_agency(kind="nonsense") is None
