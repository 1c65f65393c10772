import datetime as dt

import pytest
import time_machine

from doorstep.core.working_days import LONDON
from doorstep.people.tests.factories import PersonFactory
from doorstep.safeguarding.forms import OutcomeForm, ReferralForm

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 5, 13, 14, 5, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def good(adult_care):
    return {
        "concern_recorded_at": "2026-05-13T13:50",
        "adult_or_child": "adult",
        "category": "self_neglect",
        "what_was_seen": "Rubbish to the ceiling; she has not eaten today.",
        "immediate_danger": "no",
        "consent_given": "yes",
        "reason_without_consent": "",
        "agency": str(adult_care.pk),
    }


def test_a_good_referral(good, adult_care):
    form = ReferralForm(good)
    assert form.is_valid(), form.errors
    arguments = form.service_arguments()
    assert arguments["concern_recorded_at"] == dt.datetime(2026, 5, 13, 13, 50, tzinfo=LONDON)
    assert arguments["agency"] == adult_care
    assert arguments["immediate_danger"] is False
    assert arguments["consent_given"] is True
    assert arguments["open_case"] is False


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"consent_given": "no", "reason_without_consent": ""},
            "reason_without_consent",
            "Enter why you are referring without their consent.",
        ),
        (
            {"concern_recorded_at": "2026-05-13T14:06"},
            "concern_recorded_at",
            "cannot be in the future",
        ),
        (
            {"concern_recorded_at": "2026-05-14T09:00"},
            "concern_recorded_at",
            "cannot be in the future",
        ),
        ({"concern_recorded_at": "yesterday"}, "concern_recorded_at", "as a date and time"),
        ({"concern_recorded_at": ""}, "concern_recorded_at", "Enter when the concern"),
        ({"agency": "999999"}, "agency", "Select the agency you are referring to"),
        ({"agency": ""}, "agency", "Select the agency you are referring to"),
        ({"agency": "not-a-number"}, "agency", "Select the agency you are referring to"),
        ({"category": ""}, "category", "Select the category of abuse or neglect."),
        ({"category": "bullying"}, "category", "Select the category of abuse or neglect."),
        ({"adult_or_child": ""}, "adult_or_child", "adult or a child"),
        ({"immediate_danger": ""}, "immediate_danger", "immediate danger"),
        ({"consent_given": "maybe"}, "consent_given", "agreed to the referral"),
        ({"what_was_seen": ""}, "what_was_seen", "Enter what was seen or heard."),
    ],
)
def test_bad_input_names_the_field(good, changes, field, message):
    form = ReferralForm({**good, **changes})
    assert not form.is_valid()
    assert message in form.errors[field][0]


def test_an_agency_no_longer_used_is_not_offered(good):
    from doorstep.partners.tests.factories import AgencyFactory

    closed = AgencyFactory(name="Old MASH", active=False)
    form = ReferralForm({**good, "agency": str(closed.pk)})
    assert not form.is_valid()
    assert "agency" in form.errors


def test_open_case_is_offered_only_when_cases_can_be_opened(good):
    assert "open_case" not in ReferralForm(good).fields
    assert "open_case" in ReferralForm(good, can_open_case=True).fields


@pytest.mark.parametrize(
    ("born", "expected"),
    [
        (dt.date(1950, 5, 17), "adult"),
        (dt.date(2008, 5, 13), "adult"),  # 18 today
        (dt.date(2008, 5, 14), "child"),  # 18 tomorrow
        (None, None),  # not known: the officer chooses
    ],
)
def test_adult_or_child_is_guessed_from_the_date_of_birth(born, expected, adult_care):
    person = PersonFactory(date_of_birth=born)
    initial = ReferralForm.initial_for(person=person, now=NOW, agency=adult_care)
    assert initial.get("adult_or_child") == expected
    assert initial["concern_recorded_at"] == "2026-05-13T14:05"
    assert initial["agency"] == adult_care.pk


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({}, "agency_reference", "Enter the agency's reference or the outcome."),
        ({"outcome": "Closed", "outcome_on": "13 May"}, "outcome_on", "Enter the date"),
        ({"agency_reference": "X" * 61}, "agency_reference", "at most 60 characters"),
    ],
)
def test_outcome_form_bad_input(data, field, message):
    form = OutcomeForm(data)
    assert not form.is_valid()
    assert message in form.errors[field][0]
