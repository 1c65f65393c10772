"""Forms for domestic abuse cases. The services check every rule again; these give the
officer a clear message naming the field."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from doorstep.accounts.models import User
from doorstep.cases.models import RiskLevel
from doorstep.cases.services import SUMMARY_MAX
from doorstep.contacts.forms import OfficerChoiceField
from doorstep.contacts.selectors import find_person, officer_choices
from doorstep.core.concurrency import VersionedFormMixin
from doorstep.core.forms import GovukForm
from doorstep.domestic_abuse import rules, selectors
from doorstep.domestic_abuse.services import LONG_TEXT_MAX, TEXT_MAX

DATE_HINT = "For example, 2026-03-27"


def _date(label: str, *, required: bool = True, hint: str = DATE_HINT) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=hint,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(
            format="%Y-%m-%d", attrs={"class": "govuk-input govuk-input--width-10"}
        ),
        error_messages={
            "required": f"Enter the {label.lower()}.",
            "invalid": f"Enter the {label.lower()} as a real date, like 2026-03-27.",
        },
    )


def _text(label: str, max_length: int, *, hint: str = "", rows: int = 3) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=max_length,
        help_text=hint,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"max_length": f"{label} must be {max_length:,} characters or fewer."},
    )


def _not_future(day: dt.date | None, what: str) -> dt.date | None:
    if day is not None and day > timezone.localdate():
        raise ValidationError(f"The {what} must be today or in the past.")
    return day


class RiskAssessmentForm(GovukForm):
    victim = forms.CharField(
        label="Victim's person reference",
        max_length=20,
        help_text="For example P000123",
        error_messages={
            "required": "Enter the person reference of the victim.",
            "max_length": "Enter the person reference of the victim, like P000123.",
        },
    )
    assessed_on = _date("Date of the assessment")
    police_callouts = forms.IntegerField(
        label="Police call-outs for domestic abuse in the past 12 months",
        min_value=0,
        max_value=99,
        help_text=(
            f"{rules.ESCALATION_POLICE_CALLOUTS} or more means the abuse is escalating: "
            "high risk, whatever the answers."
        ),
        error_messages={
            "required": "Enter the number of police call-outs, 0 if none.",
            "invalid": "Enter the number of police call-outs as a whole number, like 2.",
            "min_value": "The number of police call-outs must be 0 or more.",
            "max_value": "The number of police call-outs must be 99 or fewer.",
        },
    )
    judgement_level = forms.ChoiceField(
        label="Raise the level by professional judgement",
        required=False,
        choices=[
            ("", "No: use the answers"),
            (RiskLevel.MEDIUM, "Raise to medium"),
            (RiskLevel.HIGH, "Raise to high"),
        ],
        help_text="Judgement can raise the level, never lower it.",
        error_messages={"invalid_choice": "Choose the level from the list."},
    )
    judgement_reason = _text(
        "Reason for raising the level",
        TEXT_MAX,
        hint="Needed when you raise the level: what you saw or were told.",
    )
    note = _text("Note", TEXT_MAX)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code, question in rules.QUESTIONS:
            self.fields[code] = forms.ChoiceField(
                label=question,
                choices=rules.ANSWERS,
                widget=forms.RadioSelect,
                error_messages={"required": f"Answer: {question}"},
            )
        self.order_fields(
            [
                "victim",
                "assessed_on",
                *rules.QUESTION_CODES,
                "police_callouts",
                "judgement_level",
                "judgement_reason",
                "note",
            ]
        )

    @property
    def question_fields(self) -> list[forms.BoundField]:
        return [self[code] for code in rules.QUESTION_CODES]

    def clean_victim(self) -> Any:
        typed = self.cleaned_data["victim"].strip()
        person = find_person(reference=typed)
        if person is None:
            raise ValidationError(f"No person has the reference “{typed}”.")
        return person

    def clean_assessed_on(self) -> dt.date | None:
        return _not_future(self.cleaned_data.get("assessed_on"), "date of the assessment")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("judgement_level") and not (data.get("judgement_reason") or "").strip():
            self.add_error("judgement_reason", "Give the reason for raising the level.")
        return data

    def answers(self) -> dict[str, str]:
        return {code: self.cleaned_data[code] for code in rules.QUESTION_CODES}


class MaracReferralForm(GovukForm):
    agency = forms.ModelChoiceField(
        label="Referred through",
        queryset=selectors.marac_agencies(),
        empty_label="Choose an agency",
        help_text="The agency that coordinates the MARAC, from the directory",
        error_messages={
            "required": "Select the agency the referral went to.",
            "invalid_choice": "Select the agency from the list.",
        },
    )
    referred_on = _date("Date referred")
    meeting_on = _date("MARAC meeting date", required=False)
    reference = forms.CharField(
        label="MARAC reference",
        required=False,
        max_length=60,
        error_messages={"max_length": "The MARAC reference must be 60 characters or fewer."},
    )
    outcome = _text("Outcome", LONG_TEXT_MAX)
    safety_plan = _text("Safety plan notes", LONG_TEXT_MAX, rows=4)

    def clean_referred_on(self) -> dt.date | None:
        return _not_future(self.cleaned_data.get("referred_on"), "date referred")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        referred, meeting = data.get("referred_on"), data.get("meeting_on")
        if referred and meeting and meeting < referred:
            self.add_error("meeting_on", "The MARAC meeting cannot be before the referral.")
        return data


class MaracUpdateForm(VersionedFormMixin, GovukForm):
    meeting_on = _date("MARAC meeting date", required=False)
    reference = MaracReferralForm.base_fields["reference"]
    outcome = _text("Outcome", LONG_TEXT_MAX)
    safety_plan = _text("Safety plan notes", LONG_TEXT_MAX, rows=4)


class MoveForm(GovukForm):
    summary = forms.CharField(
        label="Summary of the domestic abuse case",
        max_length=SUMMARY_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Enter a summary of the domestic abuse case.",
            "max_length": f"The summary must be {SUMMARY_MAX} characters or fewer.",
        },
    )
    lead_officer = OfficerChoiceField(
        label="Lead officer of the domestic abuse case",
        queryset=User.objects.none(),
        required=False,
        empty_label="Me",
        help_text="Only its case team, safeguarding leads and managers will see it.",
        error_messages={"invalid_choice": "Choose the lead officer from the list."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead_officer"].queryset = officer_choices()  # type: ignore[attr-defined]
