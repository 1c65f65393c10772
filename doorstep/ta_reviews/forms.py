"""The review form and the list filter. The service checks everything again."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from doorstep.core.forms import govuk_style
from doorstep.partners.selectors import active_agencies
from doorstep.ta_reviews.models import Issue, ReviewMethod
from doorstep.ta_reviews.selectors import ALL, ANY, DUE, MINE, OVERDUE
from doorstep.ta_reviews.services import REASON_MAX, TEXT_MAX

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y"]


def _date(label: str, what: str, help_text: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        input_formats=DATE_FORMATS,
        help_text=help_text,
        widget=forms.DateInput(
            format="%Y-%m-%d", attrs={"type": "date", "class": "govuk-input govuk-input--width-10"}
        ),
        error_messages={
            "required": f"Enter {what}.",
            "invalid": f"Enter {what} as a real date, like 2026-03-27.",
        },
    )


def _text(label: str, help_text: str = "", max_length: int = TEXT_MAX) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=max_length,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": "3"}),
        error_messages={
            "max_length": f"{label} must be {max_length:,} characters or fewer.",
        },
    )


class _AgencyChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.get_kind_display()})"


class ReviewForm(forms.Form):
    reviewed_on = _date("Date of the review", "the date of the review", "Usually today.")
    method = forms.ChoiceField(
        label="How was the review done?",
        choices=ReviewMethod.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select how the review was done.",
            "invalid_choice": "Select how the review was done.",
        },
    )
    issues = forms.MultipleChoiceField(
        label="Issues raised",
        required=False,
        choices=Issue.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply.",
        error_messages={"invalid_choice": "Choose issues from the list."},
    )
    issues_note = _text("Note on the issues", "What they told you. Needed for “Other”.")
    advice_given = _text("Advice given")
    referral_agency = _AgencyChoice(
        label="Referred to an agency",
        required=False,
        queryset=active_agencies(),
        empty_label="No referral to an agency",
        error_messages={"invalid_choice": "Choose the agency from the list."},
    )
    referrals_made = _text("Referrals made", "Who to, and what for.")
    next_review_on = _date(
        "Next review",
        "the date of the next review",
        "The 8-week clock's date. You can bring it forward; a later date needs a reason.",
    )
    later_reason = forms.CharField(
        label="Reason for a later review",
        required=False,
        max_length=REASON_MAX,
        help_text="Only if the next review is after the 8-week clock's date.",
        error_messages={"max_length": f"The reason must be {REASON_MAX} characters or fewer."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        govuk_style(self)

    def clean_reviewed_on(self) -> dt.date:
        day: dt.date = self.cleaned_data["reviewed_on"]
        if day > timezone.localdate():
            raise forms.ValidationError("The date of the review cannot be in the future.")
        return day


class PlacementFilterForm(forms.Form):
    show = forms.ChoiceField(
        label="Placements",
        required=False,
        choices=[(MINE, "On my patches"), (ALL, "All placements")],
    )
    status = forms.ChoiceField(
        label="Review",
        required=False,
        choices=[(ANY, "Any"), (DUE, "Due by today"), (OVERDUE, "Overdue")],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        govuk_style(self)
