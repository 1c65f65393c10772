import datetime as dt

import pytest
from django.utils import timezone

from doorstep.contacts.models import CallBackStatus
from doorstep.contacts.tests.factories import CallBackFactory, ContactFactory
from doorstep.people.tests.factories import FlagFactory
from doorstep.places import selectors
from doorstep.places.models import Tenure
from doorstep.places.tests.factories import BlockFactory, EstateFactory, HomeFactory
from doorstep.tenancies.models import MemberRole
from doorstep.tenancies.tests.factories import TenancyFactory, TenancyMemberFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 3, 2)


@pytest.mark.parametrize("q", ["WS2 7AB", "ws27ab", "beechdale 12", "100071234567"])
def test_homes_list_finds_by_address_postcode_or_uprn(officer, home, other_home, q):
    assert list(selectors.homes_list(user=officer, filters={"q": q})) == [home]


def test_homes_list_filters(officer, estate, home, other_home):
    block = BlockFactory(estate=estate)
    in_block = HomeFactory(estate=estate, block=block, tenure=Tenure.TEMPORARY)

    def find(**filters):
        return set(selectors.homes_list(user=officer, filters=filters))

    assert find() == {home, other_home, in_block}
    assert find(estate=estate) == {home, in_block}
    assert find(block=block) == {in_block}
    assert find(tenure=Tenure.TEMPORARY) == {in_block}
    assert find(patch=other_home.patch) == {other_home}


def _household(home, tenants=1, members=0, start=dt.date(2015, 4, 1), end=None):
    tenancy = TenancyFactory(home=home, start_date=start, end_date=end)
    for _ in range(tenants):
        TenancyMemberFactory(tenancy=tenancy, role=MemberRole.TENANT)
    for _ in range(members):
        TenancyMemberFactory(tenancy=tenancy, role=MemberRole.MEMBER)
    return tenancy


def test_home_page_household_is_the_current_tenancy_only(officer, home):
    former = _household(home, tenants=2, start=dt.date(2001, 1, 1), end=dt.date(2014, 12, 31))
    current = _household(home, tenants=1, members=2, start=dt.date(2015, 1, 1))

    page = selectors.home_page(user=officer, home_id=home.pk, today=TODAY)

    assert {o.person.pk for o in page.occupants} == set(
        current.members.values_list("person_id", flat=True)
    )
    assert [o.is_tenant for o in page.occupants] == [True, False, False]
    assert [t.reference for t in page.tenancies] == [current.reference, former.reference]
    assert page.current_tenancies == [current]


def test_home_page_household_empties_once_the_tenancy_has_ended(officer, home):
    _household(home, start=dt.date(2015, 1, 1), end=TODAY - dt.timedelta(days=1))
    page = selectors.home_page(user=officer, home_id=home.pk, today=TODAY)
    assert page.occupants == []
    assert len(page.tenancies) == 1


def test_home_page_shows_each_occupants_special_arrangements(officer, home):
    tenancy = _household(home, tenants=0)
    risky = TenancyMemberFactory(tenancy=tenancy).person
    FlagFactory(person=risky, code="risk_to_staff")
    FlagFactory(person=risky, code="hearing_impairment", end_date=dt.date(2020, 1, 1))

    page = selectors.home_page(user=officer, home_id=home.pk, today=TODAY)

    (occupant,) = page.occupants
    assert [a.code for a in occupant.arrangements] == ["two_officer"]


def test_home_page_contacts_are_the_latest_twenty_about_this_home(officer, home, other_home):
    now = timezone.now()
    for days in range(25):
        ContactFactory(home=home, happened_at=now - dt.timedelta(days=days), summary=f"day {days}")
    ContactFactory(home=other_home, happened_at=now)

    page = selectors.home_page(user=officer, home_id=home.pk, today=TODAY)

    assert [c.summary for c in page.contacts] == [f"day {d}" for d in range(20)]


def test_home_page_lists_only_open_call_backs(officer, home):
    open_one = CallBackFactory(home=home)
    CallBackFactory(home=home, status=CallBackStatus.DONE)
    page = selectors.home_page(user=officer, home_id=home.pk, today=TODAY)
    assert page.callbacks == [open_one]


def test_home_page_says_who_may_edit(officer, other_officer, dpo, home):
    assert selectors.home_page(user=officer, home_id=home.pk, today=TODAY).can_edit
    other = selectors.home_page(user=other_officer, home_id=home.pk, today=TODAY)
    assert not other.can_edit
    assert other.can_log_contact
    as_dpo = selectors.home_page(user=dpo, home_id=home.pk, today=TODAY)
    assert not as_dpo.can_edit
    assert not as_dpo.can_log_contact


def test_home_page_queries_do_not_grow_with_rows(officer, home, django_assert_max_num_queries):
    for _ in range(3):
        _household(home, tenants=2, members=2, start=dt.date(2001, 1, 1), end=dt.date(2001, 2, 1))
    tenancy = _household(home, tenants=2, members=8)
    for member in tenancy.members.all():
        FlagFactory(person=member.person, code="shielding")
    for _ in range(30):
        ContactFactory(home=home)
        CallBackFactory(home=home)

    # Home, household (2), tenancies (2), contacts, call-backs, roles, editable patches.
    with django_assert_max_num_queries(9):
        page = selectors.home_page(user=officer, home_id=home.pk, today=TODAY)
        for occupant in page.occupants:
            str(occupant.person.reference)
        for tenancy in page.tenancies:
            [m.person.full_name for m in tenancy.members.all()]
        [c.logged_by.full_name for c in page.contacts]
        [(c.for_officer.full_name, c.person.reference) for c in page.callbacks]
    assert len(page.occupants) == 10
    assert all(o.arrangements for o in page.occupants)


def test_estates_list_counts_homes_and_blocks(officer, estate, home, other_estate):
    BlockFactory(estate=estate)
    HomeFactory(estate=estate)
    counts = {e.name: (e.home_count, e.block_count) for e in selectors.estates_list(user=officer)}
    assert counts == {"Beechdale Estate": (2, 1), "Bestwood Estate": (0, 0)}


def test_estates_list_filters_by_name_and_office(officer, estate, other_estate, other_office):
    assert list(selectors.estates_list(user=officer, filters={"q": "wood"})) == [other_estate]
    assert list(selectors.estates_list(user=officer, filters={"office": other_office})) == [
        other_estate
    ]


def test_estate_page_recent_activity_is_about_its_homes_only(officer, estate, home, other_home):
    ContactFactory(home=home, summary="here")
    ContactFactory(home=other_home, summary="elsewhere")
    page = selectors.estate_page(user=officer, estate_id=estate.pk)
    assert [c.summary for c in page.recent_activity] == ["here"]
    assert page.officer == officer
    assert list(page.homes) == [home]


def test_block_page_lists_the_blocks_homes_and_activity(officer, estate, home):
    block = BlockFactory(estate=estate)
    in_block = HomeFactory(estate=estate, block=block)
    ContactFactory(home=in_block, summary="in the block")
    ContactFactory(home=home, summary="not in the block")

    page = selectors.block_page(user=officer, block_id=block.pk)

    assert list(page.homes) == [in_block]
    assert [c.summary for c in page.recent_activity] == ["in the block"]
    assert not page.can_edit


def test_estate_page_queries_do_not_grow_with_rows(
    team_leader, estate, django_assert_max_num_queries
):
    blocks = [BlockFactory(estate=estate) for _ in range(3)]
    for i in range(30):
        ContactFactory(home=HomeFactory(estate=estate, block=blocks[i % 3]))
    with django_assert_max_num_queries(7):
        page = selectors.estate_page(user=team_leader, estate_id=estate.pk)
        [(h.block.name, h.patch.officer) for h in page.homes]
        [(c.home.address_line_1, c.logged_by.full_name) for c in page.recent_activity]
        [b.home_count for b in page.blocks]
    assert len(page.recent_activity) == 20


def test_estate_pages_of_any_estate_are_readable(other_officer, estate):
    page = selectors.estate_page(user=other_officer, estate_id=estate.pk)
    assert page.estate == estate
    assert not page.can_edit


def test_estate_list_queries_do_not_grow_with_rows(officer, django_assert_max_num_queries):
    for _ in range(30):
        HomeFactory(estate=EstateFactory())
    with django_assert_max_num_queries(1):
        rows = [
            (e.office.name, e.patch.officer, e.home_count)
            for e in selectors.estates_list(user=officer)
        ]
    assert len(rows) == 30
