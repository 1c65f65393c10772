"""Forms for the hoarding and self-neglect panel: a Clutter Image Rating and a self-neglect
assessment. The services check everything again (imports and the API use them too)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from doorstep.core.forms import date_field, govuk_style
from doorstep.hoarding import rules
from doorstep.hoarding.models import HomeCondition
from doorstep.hoarding.services import ROOM_LABELS, TEXT_MAX

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y"]
SCORE_CHOICES = [("", "Choose a picture"), *((n, f"{n}: {rules.PICTURES[n]}") for n in rules.SCALE)]
PICTURE_HINT = (
    "Pick the Clutter Image Rating picture of a {room} nearest to what you saw. "
    "1 to 3: clear to some clutter. 4 to 6: clutter on the floor and furniture, the room harder "
    "to use. 7 to 9: doors, windows or the whole room blocked."
)


def _date_field(label: str, what: str) -> forms.DateField:
    return date_field(
        label,
        what,
        help_text="For example, 2026-03-27. It cannot be in the future.",
        example="2026-03-27",
        input_formats=DATE_FORMATS,
        attrs={"class": "govuk-input govuk-input--width-10"},
    )


def _score_field(room: str) -> forms.TypedChoiceField:
    message = f"Choose a Clutter Image Rating from 1 to 9 for the {ROOM_LABELS[room]}."
    return forms.TypedChoiceField(
        label=ROOM_LABELS[room].capitalize(),
        choices=SCORE_CHOICES,
        coerce=int,
        help_text=PICTURE_HINT.format(room=ROOM_LABELS[room]),
        error_messages={"required": message, "invalid_choice": message},
    )


def _text_field(label: str, *, required: bool = False, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=TEXT_MAX,
        help_text=help_text,
        widget=forms.Textarea,
        error_messages={
            "required": f"Enter the {label.lower()}.",
            "max_length": f"The {label.lower()} must be {TEXT_MAX:,} characters or fewer.",
        },
    )


def _not_in_future(value: dt.date, what: str) -> dt.date:
    if value > timezone.localdate():
        raise forms.ValidationError(f"The date {what} cannot be in the future.")
    return value


class ClutterRatingForm(forms.Form):
    # Prefixed: both forms sit on the one case page, so their field ids must not clash.
    prefix = "cir"
    rated_on = _date_field("Date of the rating", "the rooms were rated")
    living_room = _score_field("living_room")
    kitchen = _score_field("kitchen")
    bedroom = _score_field("bedroom")
    note = _text_field("Note", help_text="What you saw, and anything that blocks an exit.")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"rated_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        govuk_style(self)
        for room in ("living_room", "kitchen", "bedroom"):
            self.fields[room].widget.attrs["class"] = "govuk-select"

    def clean_rated_on(self) -> dt.date:
        return _not_in_future(self.cleaned_data["rated_on"], "the rooms were rated")


class SelfNeglectAssessmentForm(forms.Form):
    prefix = "sn"
    assessed_on = _date_field("Date of the assessment", "of the assessment")
    condition_of_home = forms.ChoiceField(
        label="Condition of the home",
        choices=[("", "Choose the condition"), *HomeCondition.choices],
        error_messages={
            "required": "Choose the condition of the home.",
            "invalid_choice": "Choose the condition of the home.",
        },
    )
    condition_detail = _text_field("What the home is like")
    risks_to_person = _text_field(
        "Risks to the person",
        required=True,
        help_text="For example: not eating, untreated health problems, falls, no heating.",
    )
    risks_to_neighbours = _text_field(
        "Risks to neighbours",
        help_text="For example: fire, pests, smells, leaks into other homes.",
    )
    multi_agency_meeting_needed = forms.BooleanField(
        label="A multi-agency meeting is needed",
        required=False,
        help_text="With adult social care, health, fire and rescue and others involved.",
    )
    action_plan = _text_field("Action plan", help_text="Who will do what, and by when.")
    note = _text_field("Note")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"assessed_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        govuk_style(self)

    def clean_assessed_on(self) -> dt.date:
        return _not_in_future(self.cleaned_data["assessed_on"], "of the assessment")
