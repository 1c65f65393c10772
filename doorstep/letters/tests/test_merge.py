import pytest
from django.core.exceptions import ValidationError

from doorstep.letters import merge
from doorstep.letters.models import TemplateKind


def _errors(subject="Hello", body="Dear {{ person.salutation }}", kind=TemplateKind.LETTER):
    with pytest.raises(ValidationError) as caught:
        merge.check(subject=subject, body=body, kind=kind)
    return caught.value.message_dict


def test_known_fields_pass():
    merge.check(
        subject="We are dealing with fly-tipping at {{ place.name }}",
        body="Dear {{person.salutation}},\n\nReport it at {{ report_link }}. {{ today }}",
        kind=TemplateKind.LETTER,
    )


def test_an_unknown_field_is_named():
    errors = _errors(body="Dear {{ person.nickname }}, from {{ officer.name }}")
    assert errors == {"body": ["Unknown merge field {{ person.nickname }}."]}


def test_an_unknown_field_in_the_subject_is_named_on_the_subject():
    assert _errors(subject="Hello {{ tenant }}", body="Hi") == {
        "subject": ["Unknown merge field {{ tenant }}."]
    }


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("{% load static %}Hi", "Remove {% load static %}"),
        ("{% if person.full_name %}x{% endif %}", "Remove {% if person.full_name %}"),
        ("{# a note #}", "Remove {# a note #}"),
        ("{{ person.full_name|upper }}", "Remove the filter from {{ person.full_name|upper }}"),
        ("{{ person.__class__ }}", "Unknown merge field {{ person.__class__ }}."),
        ("{{ settings.SECRET_KEY }}", "Unknown merge field {{ settings.SECRET_KEY }}."),
        ("Dear {{ person.full_name", "A merge field is not closed"),
    ],
)
def test_nothing_but_plain_fields_is_allowed(body, message):
    found = _errors(body=body)["body"]
    assert any(message in text for text in found), found


def test_a_sign_cannot_use_a_households_fields():
    errors = _errors(
        body="Hello {{ person.full_name }} at {{ home.address }}", kind=TemplateKind.SIGN
    )
    assert errors["body"] == [
        "Unknown merge field {{ person.full_name }}.",
        "Unknown merge field {{ home.address }}.",
    ]


def test_render_substitutes_plain_text_and_runs_nothing():
    text = merge.render(
        "Dear {{ person.salutation }}, {{ today }}",
        {"person.salutation": "Mrs <b>Thompson</b>", "today": "5 May"},
    )
    assert text == "Dear Mrs <b>Thompson</b>, 5 May"  # escaped where it is shown, not here


def test_used_lists_the_fields():
    assert merge.used("{{ message }} and {{today}}") == {"message", "today"}
