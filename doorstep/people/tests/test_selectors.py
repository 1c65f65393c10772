import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from doorstep.accounts.roles import Role
from doorstep.accounts.tests.factories import UserFactory
from doorstep.contacts.models import CallBackStatus
from doorstep.contacts.tests.factories import CallBackFactory, ContactFactory
from doorstep.people import selectors
from doorstep.people.models import Vulnerability
from doorstep.people.tests.factories import (
    EmergencyContactFactory,
    FlagFactory,
    PersonFactory,
)
from doorstep.places.tests.factories import HomeFactory
from doorstep.tenancies.models import MemberRole
from doorstep.tenancies.tests.factories import TenancyFactory, TenancyMemberFactory

pytestmark = pytest.mark.django_db

FROZEN = dt.datetime(2026, 3, 10, 10, 0, tzinfo=dt.UTC)
TODAY = dt.date(2026, 3, 10)


def refs(people):
    return [p.reference for p in people]


# people_list -------------------------------------------------------------------------------


def test_list_finds_by_name_misspelt_surname_reference_and_phone(officer, person, other_person):
    assert refs(selectors.people_list(user=officer, filters={"q": "edna"})) == ["P000001"]
    assert refs(selectors.people_list(user=officer, filters={"q": "Edna Tomson"})) == ["P000001"]
    assert refs(selectors.people_list(user=officer, filters={"q": "p000002"})) == ["P000002"]
    assert refs(selectors.people_list(user=officer, filters={"q": "01922 123456"})) == ["P000001"]
    assert refs(selectors.people_list(user=officer, filters={"q": "nobody"})) == []


def test_list_filters_by_open_flag_code(officer, person, other_person):
    FlagFactory(person=person, code=Vulnerability.LIVES_ALONE)
    FlagFactory(person=other_person, code=Vulnerability.LIVES_ALONE, end_date=dt.date(2025, 1, 1))
    found = selectors.people_list(user=officer, filters={"flag": Vulnerability.LIVES_ALONE})
    assert refs(found) == ["P000001"]


def test_a_health_flag_filter_finds_nobody_for_a_role_that_may_not_read_it(dpo, officer, person):
    FlagFactory(person=person, code=Vulnerability.MENTAL_HEALTH)
    assert refs(selectors.people_list(user=officer, filters={"flag": "mental_health"})) == [
        "P000001"
    ]
    assert refs(selectors.people_list(user=dpo, filters={"flag": "mental_health"})) == []


def test_flag_choices_leave_out_health_flags_for_other_roles(officer, dpo):
    estates = UserFactory(roles=[Role.ESTATES_OFFICER])
    assert ("shielding", "Shielding") in selectors.flag_choices_for(officer)
    for user in (dpo, estates):
        codes = dict(selectors.flag_choices_for(user))
        assert "shielding" not in codes
        assert "mental_health" not in codes
        assert "risk_to_staff" in codes


def test_list_mine_keeps_people_on_my_patches(officer, person, other_person):
    assert refs(selectors.people_list(user=officer, filters={"mine": True})) == ["P000001"]


def test_list_prefetches_only_current_flags_and_tenancies(officer, person):
    FlagFactory(person=person, code=Vulnerability.SHIELDING)
    FlagFactory(person=person, code=Vulnerability.HOARDING, end_date=dt.date(2025, 1, 1))
    old_home = HomeFactory()
    TenancyMemberFactory(
        person=person,
        tenancy=TenancyFactory(
            home=old_home, start_date=dt.date(2001, 1, 1), end_date=dt.date(2010, 1, 1)
        ),
    )
    [found] = selectors.people_list(user=officer, filters={"q": "P000001"})
    assert [f.code for f in found.current_flags] == ["shielding"]
    assert [m.tenancy.home.address_line_1 for m in found.current_memberships] == [
        "12 Beechdale Road"
    ]


def test_list_queries_do_not_grow_with_rows(officer, home):
    for _ in range(40):
        someone = PersonFactory()
        FlagFactory(person=someone, code=Vulnerability.RISK_TO_STAFF)
        FlagFactory(person=someone, code=Vulnerability.SHIELDING)
        TenancyMemberFactory(person=someone, tenancy=TenancyFactory(home=home))
    with CaptureQueriesContext(connection) as queries:
        people = list(selectors.people_list(user=officer, filters={})[:25])
        for someone in people:
            _ = [f.code for f in someone.current_flags]
            _ = [m.tenancy.home.postcode for m in someone.current_memberships]
    assert len(people) == 25
    assert len(queries) == 3  # people, their flags, their tenancies with homes


# patch_ids_of_person -------------------------------------------------------------------------


@time_machine.travel(FROZEN)
def test_patch_ids_are_those_of_current_tenancies_only(person, patch, other_home):
    TenancyMemberFactory(
        person=person,
        tenancy=TenancyFactory(
            home=other_home, start_date=dt.date(2000, 1, 1), end_date=dt.date(2015, 3, 31)
        ),
    )
    TenancyMemberFactory(
        person=person,
        tenancy=TenancyFactory(home=HomeFactory(), start_date=dt.date(2026, 4, 1)),
    )
    assert selectors.patch_ids_of_person(person=person) == {patch.pk}


def test_patch_ids_empty_for_someone_not_housed(db):
    assert selectors.patch_ids_of_person(person=PersonFactory()) == set()


# person_page ---------------------------------------------------------------------------------


def busy_person(person, home):
    """30 contacts, 10 flags (some of them health flags), 5 others in the household."""
    codes = [
        Vulnerability.OLDER_PERSON,
        Vulnerability.LIVES_ALONE,
        Vulnerability.RISK_TO_STAFF,
        Vulnerability.CARE_LEAVER,
        Vulnerability.SHIELDING,
        Vulnerability.MENTAL_HEALTH,
        Vulnerability.HEARING_IMPAIRMENT,
        Vulnerability.DISABILITY,
        Vulnerability.HOARDING,
        Vulnerability.SIGHT_IMPAIRMENT,
    ]
    for code in codes:
        FlagFactory(person=person, code=code, review_date=dt.date(2026, 1, 1))
    tenancy = person.tenancy_memberships.get().tenancy
    for _ in range(5):
        TenancyMemberFactory(tenancy=tenancy, role=MemberRole.MEMBER)
    for _ in range(30):
        ContactFactory(person=person)
    for _ in range(3):
        CallBackFactory(person=person)
    EmergencyContactFactory(person=person)
    return person


@pytest.mark.parametrize("user_fixture", ["officer", "dpo", "other_officer"])
def test_person_page_query_count_is_fixed(request, user_fixture, person, home):
    user = request.getfixturevalue(user_fixture)
    with CaptureQueriesContext(connection) as small:
        selectors.person_page(user=user, person=person)
    busy_person(person, home)
    user = type(user).objects.get(pk=user.pk)  # fresh: no cached roles or patches
    with CaptureQueriesContext(connection) as busy:
        page = selectors.person_page(user=user, person=person)
    assert len(page.contacts) == 25
    assert len(page.tenancies[0].others) == 5
    assert len(busy) == len(small)
    assert len(busy) <= 10, [q["sql"][:80] for q in busy.captured_queries]


def test_person_page_hides_health_flags_from_roles_that_may_not_read_them(dpo, officer, person):
    FlagFactory(person=person, code=Vulnerability.SHIELDING)
    FlagFactory(person=person, code=Vulnerability.MENTAL_HEALTH)
    FlagFactory(person=person, code=Vulnerability.RISK_TO_STAFF)
    for_dpo = selectors.person_page(user=dpo, person=person)
    assert [f.code for f in for_dpo.flags] == ["risk_to_staff"]
    assert for_dpo.restricted_flag_count == 2
    assert not for_dpo.special_category_shown
    # The arrangements still show, since staff safety depends on them.
    assert {a.code for a in for_dpo.arrangements} == {"two_officer", "shielding"}
    for_officer = selectors.person_page(user=officer, person=person)
    assert len(for_officer.flags) == 3
    assert for_officer.restricted_flag_count == 0
    assert for_officer.special_category_shown


def test_person_page_household_timeline_and_open_call_backs(officer, person, home):
    partner = PersonFactory(first_name="Albert", last_name="Thompson")
    tenancy = person.tenancy_memberships.get().tenancy
    TenancyMemberFactory(tenancy=tenancy, person=partner, role=MemberRole.TENANT)
    ended = TenancyFactory(home=home, start_date=dt.date(1990, 1, 1), end_date=dt.date(2000, 1, 1))
    TenancyMemberFactory(tenancy=ended, person=person)
    TenancyMemberFactory(tenancy=ended, person=PersonFactory(first_name="Former"))
    for _ in range(30):
        ContactFactory(person=person)
    ContactFactory(person=partner)
    open_one = CallBackFactory(person=person)
    CallBackFactory(person=person, status=CallBackStatus.DONE)
    page = selectors.person_page(user=officer, person=person)
    assert [t.tenancy for t in page.tenancies] == [tenancy]
    assert [m.person for m in page.tenancies[0].others] == [partner]
    assert len(page.contacts) == 25
    assert page.more_contacts
    assert all(c.person_id == person.pk for c in page.contacts)
    assert page.contacts[0].happened_at >= page.contacts[-1].happened_at
    assert page.callbacks == [open_one]
    assert page.can_edit


def test_person_page_edit_rights(other_officer, team_leader, dpo, person):
    assert not selectors.person_page(user=other_officer, person=person).can_edit
    assert not selectors.person_page(user=dpo, person=person).can_edit
    assert selectors.person_page(user=team_leader, person=person).can_edit


# flag_reviews_due ----------------------------------------------------------------------------


def test_flag_reviews_due_on_my_patches_only(officer, person, other_person):
    due = FlagFactory(person=person, code=Vulnerability.LIVES_ALONE, review_date=TODAY)
    FlagFactory(person=person, code=Vulnerability.OLDER_PERSON, review_date=TODAY.replace(day=11))
    FlagFactory(person=person, code=Vulnerability.CARE_LEAVER, review_date=TODAY, end_date=TODAY)
    FlagFactory(person=other_person, code=Vulnerability.LIVES_ALONE, review_date=TODAY)
    FlagFactory(person=PersonFactory(), code=Vulnerability.LIVES_ALONE, review_date=TODAY)
    assert list(selectors.flag_reviews_due(user=officer, today=TODAY)) == [due]


def test_flag_reviews_due_leave_out_health_flags_for_roles_that_may_not_read_them(
    team, person, patch
):
    estates = UserFactory(roles=[Role.ESTATES_OFFICER], team=team)
    patch.officer = estates
    patch.save()
    FlagFactory(person=person, code=Vulnerability.SHIELDING, review_date=TODAY)
    risk = FlagFactory(person=person, code=Vulnerability.RISK_TO_STAFF, review_date=TODAY)
    assert list(selectors.flag_reviews_due(user=estates, today=TODAY)) == [risk]


def test_flag_reviews_due_nothing_without_patches(dpo, person):
    FlagFactory(person=person, review_date=TODAY)
    assert list(selectors.flag_reviews_due(user=dpo, today=TODAY)) == []
