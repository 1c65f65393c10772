import datetime as dt

import pytest
from django.utils import timezone

from doorstep.contacts.forms import (
    AttemptForm,
    CallBackFilterForm,
    CallBackForm,
    CompleteForm,
    ContactForm,
    DutyForm,
    ReassignForm,
)

pytestmark = pytest.mark.django_db


def _contact(**overrides):
    data = {"channel": "phone", "direction": "inbound", "summary": "Rang about the fence"}
    data.update(overrides)
    return ContactForm(data=data)


def _callback(**overrides):
    data = {"phone": "0121 496 0000", "reason": "Wants an update"}
    data.update(overrides)
    return CallBackForm(data=data)


# --- ContactForm -----------------------------------------------------------------------------


def test_contact_form_finds_the_person_from_the_hidden_reference(person):
    form = _contact(person="P000001")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["person_obj"] == person
    assert form.cleaned_data["home_obj"] is None


def test_contact_form_lookup_finds_a_person_reference_or_a_uprn(person, home):
    by_reference = _contact(lookup="p000001")
    assert by_reference.is_valid(), by_reference.errors
    assert by_reference.cleaned_data["person_obj"] == person
    by_uprn = _contact(lookup="100071234567")
    assert by_uprn.is_valid(), by_uprn.errors
    assert by_uprn.cleaned_data["home_obj"] == home


def test_contact_form_home_by_hidden_pk(home):
    form = _contact(home=str(home.pk))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["home_obj"] == home


def test_unknown_reference_is_an_error_on_the_lookup_field(person):
    form = _contact(lookup="P999999")
    assert not form.is_valid()
    assert "No person or home matches “P999999”" in form.errors["lookup"][0]


def test_contact_must_be_about_someone_or_somewhere():
    form = _contact()
    assert not form.is_valid()
    assert form.errors["lookup"] == [
        "Enter a person reference or UPRN, so we know who or where it is about."
    ]


def test_a_stale_hidden_person_is_reported(person):
    form = _contact(person="P404404")
    assert not form.is_valid()
    assert "We could not find that person" in form.non_field_errors()[0]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("summary", "", "Enter a summary of the contact."),
        ("summary", "x" * 4001, "Summary must be 4,000 characters or fewer."),
        ("channel", "", "Select how the contact was made."),
        ("channel", "pigeon", "Select how the contact was made, from the list."),
        ("direction", "", "Select whether the contact was from or to the resident."),
        ("follow_up_on", "31/02/2027", "Enter the follow-up date as a real date, like 2027-01-31."),
    ],
)
def test_contact_form_bad_input(person, field, value, message):
    form = _contact(person="P000001", **{field: value})
    assert not form.is_valid()
    assert form.errors[field] == [message]


def test_follow_up_date_cannot_be_in_the_past(person):
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    form = _contact(person="P000001", follow_up_on=yesterday.isoformat())
    assert not form.is_valid()
    assert form.errors["follow_up_on"] == ["The follow-up date must be today or in the future."]


def test_prefill_from_a_person_link(person):
    form = ContactForm(initial={"person": "p000001"})
    assert form.prefilled_person == person
    assert form.initial["person"] == "P000001"
    assert form.has_prefill


def test_prefill_from_an_unknown_person_falls_back_to_the_lookup():
    form = ContactForm(initial={"person": "NOPE"})
    assert form.prefilled_person is None
    assert "person" not in form.initial
    assert not form.has_prefill


# --- CallBackForm ----------------------------------------------------------------------------


def test_call_back_form_normalises_the_phone(officer):
    form = _callback(for_officer=str(officer.pk))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["phone"] == "+441214960000"
    assert form.cleaned_data["person_obj"] is None


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"phone": ""}, "phone", "Enter a phone number to ring back."),
        ({"phone": "0121"}, "phone", "Enter a real phone number, like 0121 496 0000."),
        ({"phone": "not a phone"}, "phone", "Enter a phone number, like 0121 496 0000."),
        ({"reason": ""}, "reason", "Enter the reason for the call-back."),
        ({"reason": "x" * 501}, "reason", "Reason must be 500 characters or fewer."),
        ({"for_officer": "999999"}, "for_officer", "Choose an officer from the list."),
        ({"lookup": "ZZZ"}, "lookup", None),
    ],
)
def test_call_back_form_bad_input(officer, overrides, field, message):
    data = {"for_officer": str(officer.pk), **overrides}
    form = _callback(**data)
    assert not form.is_valid()
    if message:
        assert form.errors[field] == [message]
    else:
        assert field in form.errors


def test_call_back_form_needs_exactly_one_of_officer_or_team(officer, team):
    neither = _callback()
    assert not neither.is_valid()
    assert neither.errors["for_officer"] == ["Choose who should ring back: an officer or a team."]
    both = _callback(for_officer=str(officer.pk), for_team=str(team.pk))
    assert not both.is_valid()
    assert both.errors["for_officer"] == ["Choose an officer or a team, not both."]


def test_call_back_form_does_not_offer_read_only_staff(officer, dpo):
    form = CallBackForm()
    offered = list(form.fields["for_officer"].queryset)
    assert officer in offered
    assert dpo not in offered
    refused = _callback(for_officer=str(dpo.pk))
    assert not refused.is_valid()
    assert refused.errors["for_officer"] == ["Choose an officer from the list."]


def test_call_back_form_prefills_phone_and_name_of_a_known_person(person):
    form = CallBackForm(initial={"person": "P000001"})
    assert form.initial["phone"] == "01922 123456"
    assert form.initial["caller_name"] == "Edna Thompson"


# --- AttemptForm, CompleteForm, ReassignForm, DutyForm ---------------------------------------


def test_attempt_form_bad_input():
    missing = AttemptForm(data={})
    assert missing.errors["outcome"] == ["Select what happened when you rang."]
    unknown = AttemptForm(data={"outcome": "gave_up"})
    assert unknown.errors["outcome"] == ["Select what happened when you rang, from the list."]
    long_note = AttemptForm(data={"outcome": "spoke", "note": "x" * 501})
    assert long_note.errors["note"] == ["Note must be 500 characters or fewer."]
    assert AttemptForm(data={"outcome": "left_message"}).is_valid()


def test_complete_form_outcome_is_optional_but_not_endless():
    assert CompleteForm(data={}).is_valid()
    form = CompleteForm(data={"outcome": "x" * 1001})
    assert form.errors["outcome"] == ["Outcome must be 1,000 characters or fewer."]


def test_reassign_form_needs_exactly_one(officer, team):
    assert ReassignForm(data={}).errors["for_officer"] == [
        "Choose who should ring back: an officer or a team."
    ]
    both = ReassignForm(data={"for_officer": officer.pk, "for_team": team.pk})
    assert both.errors["for_officer"] == ["Choose an officer or a team, not both."]
    assert ReassignForm(data={"for_team": "abc"}).errors["for_team"] == [
        "Choose a team from the list."
    ]
    assert ReassignForm(data={"for_team": team.pk}).is_valid()


def test_duty_form_bad_input(team, officer, other_officer):
    today = timezone.localdate()
    assert DutyForm(data={}, team=team).errors["date"] == ["Enter the date of the duty."]
    assert DutyForm(data={"date": "next tuesday"}, team=team).errors["date"] == [
        "Enter the duty date as a real date, like 2027-01-31."
    ]
    past = DutyForm(data={"date": (today - dt.timedelta(days=1)).isoformat()}, team=team)
    assert past.errors["date"] == ["You cannot change the rota for a day that has passed."]
    outsider = DutyForm(data={"date": today.isoformat(), "officer": other_officer.pk}, team=team)
    assert outsider.errors["officer"] == ["Choose a duty officer from the team."]
    assert DutyForm(data={"date": today.isoformat(), "officer": officer.pk}, team=team).is_valid()


def test_call_back_filter_form_defaults_to_my_open_call_backs():
    assert CallBackFilterForm(data={}).filters() == {"show": "mine", "status": "open"}
    assert CallBackFilterForm(data={"show": "team", "status": ""}).filters() == {
        "show": "team",
        "status": "",
    }
    assert CallBackFilterForm(data={"show": "everything"}).filters() == {
        "show": "mine",
        "status": "open",
    }
    assert 'value="open" selected' in str(CallBackFilterForm(data={"show": "team"})["status"])


def test_contact_form_defaults_to_an_incoming_phone_call():
    from doorstep.contacts.forms import ContactForm

    form = ContactForm()
    assert form["channel"].value() == "phone"
    assert form["direction"].value() == "inbound"
