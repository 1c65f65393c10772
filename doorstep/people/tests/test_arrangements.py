"""Special arrangements are derived from flags and needs exactly as DOMAIN.md §3 says."""

import datetime as dt

import pytest

from doorstep.people.arrangements import arrangements_for, special_arrangements
from doorstep.people.models import Vulnerability
from doorstep.people.tests.factories import FlagFactory, PersonFactory


def texts(arrangements):
    return [a.text for a in arrangements]


def codes(arrangements):
    return {a.code for a in arrangements}


def test_shielding_means_doorstep_or_phone_only_and_ppe():
    result = special_arrangements(flag_codes=[Vulnerability.SHIELDING])
    assert texts(result) == ["Doorstep or phone contact only; wear PPE"]


def test_risk_to_staff_means_two_officers_never_lone():
    result = special_arrangements(flag_codes=[Vulnerability.RISK_TO_STAFF])
    assert texts(result) == ["Two-officer visit only, never lone working"]


def test_hearing_impairment_means_text_or_email_not_phone():
    result = special_arrangements(flag_codes=[Vulnerability.HEARING_IMPAIRMENT])
    assert texts(result) == ["Contact by text or email, not by phone"]


def test_interpreter_needed_books_an_interpreter_in_their_language():
    result = special_arrangements(flag_codes=[], language="Polish", interpreter_needed=True)
    assert texts(result) == ["Book an interpreter (Polish)"]


def test_another_first_language_without_an_interpreter_needs_nothing():
    assert special_arrangements(flag_codes=[], language="Polish") == []


def test_interpreter_needed_without_a_language_says_to_ask():
    result = special_arrangements(flag_codes=[], interpreter_needed=True)
    assert texts(result) == ["Book an interpreter (ask which language)"]


@pytest.mark.parametrize(
    "code",
    [
        c
        for c in Vulnerability.values
        if c
        not in {
            Vulnerability.SHIELDING,
            Vulnerability.RISK_TO_STAFF,
            Vulnerability.HEARING_IMPAIRMENT,
        }
    ],
)
def test_other_flags_set_no_arrangement(code):
    assert special_arrangements(flag_codes=[code]) == []


def test_all_four_together():
    result = special_arrangements(
        flag_codes=[
            Vulnerability.SHIELDING,
            Vulnerability.RISK_TO_STAFF,
            Vulnerability.HEARING_IMPAIRMENT,
        ],
        language="Arabic",
        interpreter_needed=True,
    )
    assert codes(result) == {"shielding", "two_officer", "no_phone", "interpreter"}


@pytest.mark.django_db
def test_ended_flags_do_not_count():
    person = PersonFactory()
    FlagFactory(person=person, code=Vulnerability.SHIELDING, end_date=dt.date(2025, 1, 1))
    FlagFactory(person=person, code=Vulnerability.RISK_TO_STAFF)
    assert codes(arrangements_for(person)) == {"two_officer"}


@pytest.mark.django_db
def test_prefetched_current_flags_are_used_without_a_query(django_assert_num_queries):
    person = PersonFactory(language="Urdu", interpreter_needed=True)
    FlagFactory(person=person, code=Vulnerability.HEARING_IMPAIRMENT)
    person.current_flags = list(person.flags.filter(end_date__isnull=True))
    with django_assert_num_queries(0):
        result = arrangements_for(person)
    assert codes(result) == {"no_phone", "interpreter"}
