import datetime as dt

import pytest
from django.http import Http404

from doorstep.people.tests.factories import FlagFactory
from doorstep.places.models import Tenure
from doorstep.places.tests.factories import HomeFactory
from doorstep.tenancies import selectors
from doorstep.tenancies.models import MemberRole, TenancyType
from doorstep.tenancies.tests.factories import TenancyFactory, TenancyMemberFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 3, 2)


def test_household_is_who_is_on_the_tenancy_today(home):
    ended = TenancyFactory(home=home, start_date=dt.date(2010, 1, 1), end_date=TODAY)
    starting = TenancyFactory(home=home, start_date=TODAY + dt.timedelta(days=1))
    leaving = TenancyMemberFactory(tenancy=ended)
    TenancyMemberFactory(tenancy=starting)

    assert [o.person for o in selectors.household(home=home, today=TODAY)] == [leaving.person]
    assert selectors.household(home=home, today=TODAY + dt.timedelta(days=1))[0].person == (
        starting.members.get().person
    )


def test_household_lists_tenants_first(home):
    tenancy = TenancyFactory(home=home)
    member = TenancyMemberFactory(tenancy=tenancy, role=MemberRole.MEMBER)
    tenant = TenancyMemberFactory(tenancy=tenancy, role=MemberRole.TENANT)
    assert [o.member for o in selectors.household(home=home, today=TODAY)] == [tenant, member]


def test_tenancy_page_splits_tenants_and_members(officer, other_officer, home):
    tenancy = TenancyFactory(home=home, start_date=dt.date(2015, 4, 1))
    tenant = TenancyMemberFactory(tenancy=tenancy, role=MemberRole.TENANT)
    member = TenancyMemberFactory(tenancy=tenancy, role=MemberRole.MEMBER)
    FlagFactory(person=member.person, code="risk_to_staff")

    page = selectors.tenancy_page(user=officer, reference=tenancy.reference, today=TODAY)

    assert [o.member for o in page.tenants] == [tenant]
    assert [o.member for o in page.members] == [member]
    assert page.members[0].arrangements[0].code == "two_officer"
    assert page.is_current
    assert page.can_edit
    other = selectors.tenancy_page(user=other_officer, reference=tenancy.reference, today=TODAY)
    assert not other.can_edit


def test_tenancy_page_unknown_reference_is_not_found(officer):
    with pytest.raises(Http404):
        selectors.tenancy_page(user=officer, reference="NOPE", today=TODAY)


def test_tenancy_page_queries_do_not_grow_with_the_household(
    officer, estate, django_assert_max_num_queries
):
    home = HomeFactory(estate=estate, tenure=Tenure.TEMPORARY)
    tenancy = TenancyFactory(home=home, tenancy_type=TenancyType.LICENCE)
    for i in range(12):
        member = TenancyMemberFactory(tenancy=tenancy, role=MemberRole.MEMBER if i else "tenant")
        FlagFactory(person=member.person, code="shielding")
    # Tenancy and home, members, flags, roles, editable patches.
    with django_assert_max_num_queries(5):
        page = selectors.tenancy_page(user=officer, reference=tenancy.reference, today=TODAY)
        assert page.tenancy.is_temporary_accommodation
        [(o.person.reference, o.member.tenancy.home.postcode) for o in page.members]
    assert len(page.members) == 11


def test_tenancy_history_queries_do_not_grow(home, django_assert_max_num_queries):
    for year in range(2000, 2010):
        tenancy = TenancyFactory(
            home=home, start_date=dt.date(year, 1, 1), end_date=dt.date(year, 12, 31)
        )
        TenancyMemberFactory.create_batch(3, tenancy=tenancy)
    with django_assert_max_num_queries(2):
        history = selectors.tenancy_history(home=home)
        names = [m.person.full_name for t in history for m in t.members.all()]
    assert len(names) == 30
    assert history[0].start_date == dt.date(2009, 1, 1)
