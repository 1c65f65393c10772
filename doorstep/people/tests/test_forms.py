import datetime as dt

import pytest
import time_machine

from doorstep.people.forms import (
    ConsentForm,
    EmergencyContactForm,
    EqualityForm,
    FlagEndForm,
    FlagForm,
    FlagReviewForm,
    PersonFilterForm,
    PersonForm,
)
from doorstep.people.models import Vulnerability
from doorstep.people.tests.factories import FlagFactory

FROZEN = dt.datetime(2026, 3, 10, 10, 0, tzinfo=dt.UTC)
ALL_FLAGS = list(Vulnerability.choices)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_day():
    with time_machine.travel(FROZEN, tick=False):
        yield


def person_data(**overrides):
    data = {
        "title": "Mrs",
        "first_name": "Edna",
        "last_name": "Thompson",
        "preferred_name": "",
        "date_of_birth": "1950-05-17",
        "phone": "01922 123456",
        "phone_other": "",
        "email": "",
        "preferred_contact_method": "phone",
        "language": "",
        "communication_needs": "",
    }
    data.update(overrides)
    return data


# PersonForm ---------------------------------------------------------------------------------


def test_person_form_accepts_and_normalises():
    form = PersonForm(person_data(email=" Edna@Example.COM ", phone_other="+33 1 42 68 53 00"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["phone"] == "+441922123456"
    assert form.cleaned_data["phone_other"] == "+33142685300"
    assert form.cleaned_data["email"] == "edna@example.com"


def test_person_form_accepts_a_uk_date():
    form = PersonForm(person_data(date_of_birth="17/05/1950"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["date_of_birth"] == dt.date(1950, 5, 17)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"first_name": ""}, "first_name", "Enter the first name"),
        ({"last_name": "  "}, "last_name", "Enter the last name"),
        ({"date_of_birth": "2026-03-11"}, "date_of_birth", "must be in the past"),
        ({"date_of_birth": "1899-12-31"}, "date_of_birth", "after 1 January 1900"),
        ({"date_of_birth": "31/02/1950"}, "date_of_birth", "as a real date"),
        ({"date_of_birth": "last tuesday"}, "date_of_birth", "as a real date"),
        ({"phone": "12345"}, "phone", "phone number"),
        ({"phone": "call me"}, "phone", "phone number"),
        ({"phone_other": "0121 496"}, "phone_other", "phone number"),
        ({"email": "edna@"}, "email", "right format"),
        ({"email": "edna at example.com"}, "email", "right format"),
        ({"preferred_contact_method": "pigeon"}, "preferred_contact_method", "valid choice"),
        ({"first_name": "x" * 81}, "first_name", "at most 80"),
        ({"communication_needs": "x" * 301}, "communication_needs", "at most 300"),
    ],
)
def test_person_form_bad_input(overrides, field, message):
    form = PersonForm(person_data(**overrides))
    assert not form.is_valid()
    assert message in " ".join(form.errors[field])


def test_preferring_email_needs_an_email():
    form = PersonForm(person_data(preferred_contact_method="email", email=""))
    assert not form.is_valid()
    assert form.errors["email"] == ["Enter an email address, or choose another way to contact them"]


@pytest.mark.parametrize("method", ["phone", "text"])
def test_preferring_phone_or_text_needs_a_phone(method):
    form = PersonForm(person_data(preferred_contact_method=method, phone="", phone_other=""))
    assert not form.is_valid()
    assert f"another way than {method}" in form.errors["phone"][0]


def test_preferring_text_is_happy_with_the_other_phone():
    form = PersonForm(
        person_data(preferred_contact_method="text", phone="", phone_other="07911 123456")
    )
    assert form.is_valid(), form.errors


def test_a_bad_phone_is_reported_once_not_twice():
    form = PersonForm(person_data(preferred_contact_method="phone", phone="123"))
    assert not form.is_valid()
    assert len(form.errors["phone"]) == 1


def test_preferring_a_letter_needs_neither():
    form = PersonForm(person_data(preferred_contact_method="letter", phone=""))
    assert form.is_valid(), form.errors


# PersonFilterForm --------------------------------------------------------------------------


def test_filter_form_refuses_a_flag_not_offered():
    form = PersonFilterForm({"flag": "shielding"}, flag_choices=[("lives_alone", "Lives alone")])
    assert not form.is_valid()
    assert form.errors["flag"] == ["Choose a flag from the list"]


# FlagForm -----------------------------------------------------------------------------------


def flag_form(person, choices=ALL_FLAGS, **overrides):
    data = {"code": "lives_alone", "start_date": "2026-03-01", "review_date": "2026-09-01"}
    data.update(overrides)
    return FlagForm(data, person=person, choices=choices)


def test_flag_form_accepts(person):
    form = flag_form(person, note="Lives alone since husband died")
    assert form.is_valid(), form.errors


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"code": ""}, "code", "Choose a flag"),
        ({"code": "vampire"}, "code", "Choose a flag from the list"),
        ({"start_date": ""}, "start_date", "Enter the start date"),
        ({"start_date": "2026-13-01"}, "start_date", "as a real date"),
        ({"start_date": "2026-03-11"}, "start_date", "today or in the past"),
        ({"review_date": ""}, "review_date", "Enter the review date"),
        ({"review_date": "2026-02-28"}, "review_date", "on or after the start date"),
        ({"note": "x" * 501}, "note", "500 characters or fewer"),
    ],
)
def test_flag_form_bad_input(person, overrides, field, message):
    form = flag_form(person, **overrides)
    assert not form.is_valid()
    assert message in " ".join(form.errors[field])


def test_flag_form_refuses_a_health_flag_not_offered_to_the_role(person):
    choices = [c for c in ALL_FLAGS if c[0] != "shielding"]
    form = flag_form(person, choices=choices, code="shielding")
    assert not form.is_valid()
    assert "code" in form.errors


def test_flag_form_refuses_a_second_open_flag(person):
    FlagFactory(person=person, code="lives_alone")
    form = flag_form(person)
    assert not form.is_valid()
    assert form.errors["code"] == ["This person already has an open lives alone flag"]


# FlagReviewForm / FlagEndForm ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"review_date": ""}, "Enter the next review date"),
        ({"review_date": "2026-03-10"}, "must be in the future"),
        ({"review_date": "2025-01-01"}, "must be in the future"),
        ({"review_date": "soon"}, "as a real date"),
        ({"review_date": "2026-09-10", "note": "x" * 501}, "500 characters or fewer"),
    ],
)
def test_flag_review_form_bad_input(data, message):
    form = FlagReviewForm(data)
    assert not form.is_valid()
    assert message in " ".join(e for errors in form.errors.values() for e in errors)


def test_flag_review_form_accepts():
    assert FlagReviewForm({"review_date": "2026-09-10", "note": "Still alone"}).is_valid()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "Enter the end date"),
        ("2026-03-11", "today or in the past"),
        ("2023-12-31", "on or after the start date (01/01/2024)"),
        ("yesterday", "as a real date"),
    ],
)
def test_flag_end_form_bad_input(person, value, message):
    flag = FlagFactory(person=person, start_date=dt.date(2024, 1, 1))
    form = FlagEndForm({"end_date": value}, flag=flag)
    assert not form.is_valid()
    assert message in form.errors["end_date"][0]


def test_flag_end_form_accepts_today(person):
    flag = FlagFactory(person=person, start_date=dt.date(2024, 1, 1))
    assert FlagEndForm({"end_date": "2026-03-10"}, flag=flag).is_valid()


# EmergencyContactForm -----------------------------------------------------------------------


def test_emergency_contact_form_accepts_and_normalises():
    form = EmergencyContactForm(
        {"name": "Sam Thompson", "relationship": "Son", "phone": "07911 123456", "note": ""}
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["phone"] == "+447911123456"


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"name": "", "phone": "07911 123456"}, "name", "Enter the contact's name"),
        ({"name": "Sam", "phone": ""}, "phone", "Enter the contact's phone number"),
        ({"name": "Sam", "phone": "999"}, "phone", "phone number"),
        ({"name": "Sam", "phone": "not a number"}, "phone", "phone number"),
        ({"name": "x" * 121, "phone": "07911 123456"}, "name", "at most 120"),
        (
            {"name": "Sam", "phone": "07911 123456", "relationship": "x" * 61},
            "relationship",
            "at most 60",
        ),
    ],
)
def test_emergency_contact_form_bad_input(data, field, message):
    form = EmergencyContactForm(data)
    assert not form.is_valid()
    assert message in form.errors[field][0]


# ConsentForm --------------------------------------------------------------------------------


def test_consent_form_accepts_today():
    form = ConsentForm({"agency": "Adult social care", "given_on": "2026-03-10"})
    assert form.is_valid(), form.errors


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"agency": "", "given_on": "2026-03-01"}, "agency", "Enter the agency"),
        ({"agency": "   ", "given_on": "2026-03-01"}, "agency", "Enter the agency"),
        ({"agency": "Police", "given_on": ""}, "given_on", "Enter the date consent was given"),
        ({"agency": "Police", "given_on": "2026-03-11"}, "given_on", "today or in the past"),
        ({"agency": "Police", "given_on": "someday"}, "given_on", "as a real date"),
        ({"agency": "x" * 151, "given_on": "2026-03-01"}, "agency", "at most 150"),
    ],
)
def test_consent_form_bad_input(data, field, message):
    form = ConsentForm(data)
    assert not form.is_valid()
    assert message in form.errors[field][0]


# EqualityForm -------------------------------------------------------------------------------


def test_equality_form_is_all_optional():
    form = EqualityForm({})
    assert form.is_valid(), form.errors
    assert set(form.cleaned_data.values()) == {""}


def test_every_equality_question_offers_prefer_not_to_say():
    form = EqualityForm()
    for field in form.fields.values():
        assert ("Prefer not to say", "Prefer not to say") in field.choices
        assert field.widget.attrs["class"] == "govuk-select"


def test_equality_form_refuses_an_answer_not_offered():
    form = EqualityForm({"sex": "Sometimes", "religion": "Prefer not to say"})
    assert not form.is_valid()
    assert form.errors["sex"] == ["Choose an answer for sex from the list"]


def test_equality_form_keeps_an_older_answer_selectable():
    form = EqualityForm(initial={"ethnicity": "White British"})
    assert ("White British", "White British") in form.fields["ethnicity"].choices
