"""The cohort rule: each criterion, combinations, and who is left out."""

import datetime as dt

import pytest

from doorstep.places.models import EstateKind, Tenure
from doorstep.places.tests.factories import EstateFactory, HomeFactory
from doorstep.tenancies.tests.factories import TenancyFactory, TenancyMemberFactory
from doorstep.welfare.cohort import CohortRule, born_on_or_before, cohort_people, rule_of
from doorstep.welfare.tests.conftest import flag, housed

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 3, 16)


def refs(rule):
    return sorted(cohort_people(rule=rule, today=TODAY).values_list("reference", flat=True))


def test_flags_are_all_of(home, older_alone):
    older_only = flag(housed(home, reference="P100001"), "older_person")
    alone_only = flag(housed(home, reference="P100002"), "lives_alone")
    rule = CohortRule(flags_all=("older_person", "lives_alone"))
    assert refs(rule) == [older_alone.reference]
    assert older_only.reference in refs(CohortRule(flags_all=("older_person",)))
    assert alone_only.reference not in refs(CohortRule(flags_all=("older_person",)))


def test_ended_and_future_flags_do_not_count(home, person):
    flag(person, "older_person")
    person.flags.update(end_date=dt.date(2026, 1, 1))
    future = housed(home, reference="P100003")
    flag(future, "older_person")
    future.flags.update(start_date=dt.date(2026, 4, 1))
    assert refs(CohortRule(flags_all=("older_person",))) == []


def test_minimum_age_counts_the_birthday_itself(home):
    turns_75_today = housed(home, reference="P100010", date_of_birth=dt.date(1951, 3, 16))
    turns_75_tomorrow = housed(home, reference="P100011", date_of_birth=dt.date(1951, 3, 17))
    no_birth_date = housed(home, reference="P100012", date_of_birth=None)
    picked = refs(CohortRule(min_age=75))
    assert turns_75_today.reference in picked
    assert turns_75_tomorrow.reference not in picked
    assert no_birth_date.reference not in picked


def test_a_29_february_birthday_counts_from_1_march_in_other_years():
    assert born_on_or_before(dt.date(2028, 2, 29), 26) == dt.date(2002, 2, 28)
    assert born_on_or_before(dt.date(2026, 2, 28), 26) == dt.date(2000, 2, 28)


def test_tenures_are_any_of(estate, person):
    sheltered = housed(HomeFactory(estate=estate, tenure=Tenure.OLDER_PERSONS), reference="P100020")
    placed = housed(HomeFactory(estate=estate, tenure=Tenure.TEMPORARY), reference="P100021")
    rule = CohortRule(tenures=(Tenure.OLDER_PERSONS, Tenure.TEMPORARY))
    assert refs(rule) == sorted([sheltered.reference, placed.reference])


def test_patches_and_estates(patch, office, person, other_person, other_patch):
    scheme = EstateFactory(
        name="Rowan Court", kind=EstateKind.SHELTERED, office=office, patch=patch
    )
    in_scheme = housed(HomeFactory(estate=scheme), reference="P100030")
    assert refs(CohortRule(patch_ids=(patch.pk,))) == sorted(
        [person.reference, in_scheme.reference]
    )
    assert refs(CohortRule(patch_ids=(other_patch.pk,))) == [other_person.reference]
    assert refs(CohortRule(estate_ids=(scheme.pk,))) == [in_scheme.reference]


def test_every_criterion_must_hold(patch, home, older_alone, other_home):
    too_young = flag(
        housed(home, reference="P100040", date_of_birth=dt.date(1990, 1, 1)),
        "older_person",
        "lives_alone",
    )
    elsewhere = flag(housed(other_home, reference="P100041"), "older_person", "lives_alone")
    rule = CohortRule(flags_all=("older_person", "lives_alone"), min_age=70, patch_ids=(patch.pk,))
    assert refs(rule) == [older_alone.reference]
    assert too_young.reference not in refs(rule)
    assert elsewhere.reference not in refs(rule)


def test_people_who_have_moved_out_are_left_out(home, person):
    flag(person, "older_person")
    moved = flag(housed(home, reference="P100050"), "older_person")
    tenancy = moved.tenancy_memberships.get().tenancy
    tenancy.end_date = dt.date(2026, 2, 1)
    tenancy.save()
    assert refs(CohortRule(flags_all=("older_person",))) == [person.reference]


def test_someone_on_two_tenancies_is_listed_once(home, estate, person):
    flag(person, "older_person")
    TenancyMemberFactory(tenancy=TenancyFactory(home=HomeFactory(estate=estate)), person=person)
    assert refs(CohortRule(flags_all=("older_person",))) == [person.reference]


def test_each_person_carries_their_patch_officer(officer, older_alone):
    row = cohort_people(rule=CohortRule(flags_all=("older_person",)), today=TODAY).get()
    assert row.patch_officer_id == officer.pk
    assert row.home_id is not None


def test_the_rule_of_a_programme(programme, patch):
    programme.patches.add(patch)
    programme.min_age = 70
    rule = rule_of(programme)
    assert rule == CohortRule(
        flags_all=("older_person", "lives_alone"), min_age=70, patch_ids=(patch.pk,)
    )


def test_the_cohort_is_one_query_whatever_its_size(home, django_assert_num_queries):
    for n in range(12):
        flag(housed(home, reference=f"P2000{n:02d}"), "older_person")
    with django_assert_num_queries(1):
        assert (
            len(list(cohort_people(rule=CohortRule(flags_all=("older_person",)), today=TODAY)))
            == 12
        )
