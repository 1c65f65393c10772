"""Forms for the ASB panel's actions and the managers' Community Trigger list. The services
check the rules again; these give the officer a clear message naming the field."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from doorstep.asb import risk
from doorstep.asb.models import (
    Category,
    MediationOutcome,
    ProtectedCharacteristic,
    Subtype,
    Tool,
)
from doorstep.core.concurrency import VersionedFormMixin
from doorstep.core.forms import GovukForm
from doorstep.people.models import Person

DATE_HINT = "For example, 2026-03-27"
DATE_ERROR = "Enter a real date as YYYY-MM-DD"


def _date_field(label: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        help_text=DATE_HINT,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(
            format="%Y-%m-%d", attrs={"class": "govuk-input govuk-input--width-10"}
        ),
        error_messages={"required": f"Enter the {label.lower()}", "invalid": DATE_ERROR},
    )


def _not_future(value: dt.date, what: str) -> dt.date:
    if value > timezone.localdate():
        raise forms.ValidationError(f"{what} must be today or in the past")
    return value


class PersonReferenceField(forms.CharField):
    """A person chosen by their reference (e.g. P000123): no names in URLs or lists."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("help_text", "Their person reference, for example P000123")
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("class", "govuk-input govuk-input--width-10")
        self.widget.attrs.setdefault("spellcheck", "false")

    def clean(self, value: Any) -> Person:
        reference = (super().clean(value) or "").strip().upper()
        person = Person.objects.filter(reference=reference).first()
        if person is None:
            raise forms.ValidationError(f"There is no person with reference {reference}")
        return person


class AsbDetailsForm(VersionedFormMixin, GovukForm):
    category = forms.ChoiceField(
        choices=[("", "Choose a category"), *Category.choices],
        error_messages={"required": "Choose the category of anti-social behaviour"},
    )
    subtype = forms.ChoiceField(
        label="What kind of behaviour",
        choices=[("", "Choose a kind"), *Subtype.choices],
        error_messages={"required": "Choose what kind of behaviour it is"},
    )
    hate_incident = forms.BooleanField(
        label="This is a hate incident",
        required=False,
        help_text="The victim or anyone else thinks it was motivated by hostility or prejudice",
    )
    protected_characteristic = forms.ChoiceField(
        label="Protected characteristic targeted",
        choices=[("", "Not a hate incident"), *ProtectedCharacteristic.choices],
        required=False,
        help_text="Needed when it is a hate incident",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("subtype") == Subtype.HATE and not data.get("hate_incident"):
            self.add_error("hate_incident", "A hate subtype is a hate incident: tick hate incident")
        if data.get("hate_incident") and not data.get("protected_characteristic"):
            self.add_error(
                "protected_characteristic",
                "Choose the protected characteristic the hate incident was aimed at",
            )
        return data


class IncidentReportForm(GovukForm):
    reporter = PersonReferenceField(
        label="Reported by",
        error_messages={"required": "Enter the person reference of who reported it"},
    )
    reported_on = _date_field("Date reported")
    description = forms.CharField(
        label="What happened",
        max_length=4000,
        widget=forms.Textarea,
        error_messages={"required": "Describe what happened"},
    )

    def clean_reported_on(self) -> dt.date:
        return _not_future(self.cleaned_data["reported_on"], "The date reported")


class ToolUseForm(GovukForm):
    tool = forms.ChoiceField(
        label="Tool used",
        choices=[("", "Choose a tool"), *Tool.choices],
        error_messages={"required": "Choose the tool used"},
    )
    used_on = _date_field("Date used")
    note = forms.CharField(label="Note", max_length=500, required=False, widget=forms.Textarea)

    def clean_used_on(self) -> dt.date:
        return _not_future(self.cleaned_data["used_on"], "The date used")


YES_NO = [("yes", "Yes"), ("no", "No")]


class RiskAssessmentForm(GovukForm):
    """The victim and nine yes/no questions (risk.QUESTIONS); every question needs an answer."""

    victim = PersonReferenceField(
        label="Victim",
        error_messages={"required": "Enter the person reference of the victim"},
    )
    assessed_on = _date_field("Date assessed")
    note = forms.CharField(label="Note", max_length=1000, required=False, widget=forms.Textarea)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, question in risk.QUESTIONS:
            self.fields[name] = forms.ChoiceField(
                label=question,
                choices=YES_NO,
                widget=forms.RadioSelect,
                error_messages={"required": f"Answer: {question}"},
            )
        # Ask who and when first, the questions next, the note last.
        order = ["victim", "assessed_on", *risk.QUESTION_FIELDS, "note"]
        self.order_fields(order)

    def clean_assessed_on(self) -> dt.date:
        return _not_future(self.cleaned_data["assessed_on"], "The date assessed")

    @property
    def question_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in risk.QUESTION_FIELDS]

    def answers(self) -> dict[str, bool]:
        return {name: self.cleaned_data[name] == "yes" for name in risk.QUESTION_FIELDS}


class MediationReferralForm(GovukForm):
    provider = forms.CharField(
        label="Mediation service",
        max_length=150,
        error_messages={"required": "Enter the mediation service"},
    )
    referred_on = _date_field("Date referred")
    note = forms.CharField(label="Note", max_length=1000, required=False, widget=forms.Textarea)

    def clean_referred_on(self) -> dt.date:
        return _not_future(self.cleaned_data["referred_on"], "The date referred")


class MediationOutcomeForm(VersionedFormMixin, GovukForm):
    outcome = forms.ChoiceField(
        choices=[("", "Choose the outcome"), *MediationOutcome.choices],
        error_messages={"required": "Choose the outcome of the mediation"},
    )
    outcome_on = _date_field("Date of the outcome")

    def clean_outcome_on(self) -> dt.date:
        return _not_future(self.cleaned_data["outcome_on"], "The date of the outcome")


class TriggerDateForm(GovukForm):
    on = forms.DateField(
        label="Date to check",
        help_text=DATE_HINT,
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(
            format="%Y-%m-%d", attrs={"class": "govuk-input govuk-input--width-10"}
        ),
        error_messages={"invalid": DATE_ERROR},
    )
