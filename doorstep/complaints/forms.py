"""Forms for complaints. Every error names the field in an officer's words; the services
re-check every rule, so the API and imports get the same answers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from doorstep.accounts.models import User
from doorstep.complaints import clocks
from doorstep.complaints.models import ComplaintAbout, Outcome, Stage
from doorstep.complaints.services import (
    DESIRED_OUTCOME_MAX,
    REASON_MAX,
    RESPONSE_MAX,
    SUMMARY_MAX,
)
from doorstep.contacts import selectors as lookups
from doorstep.core.concurrency import VersionedFormMixin
from doorstep.core.forms import GovukForm, date_field
from doorstep.core.validators import UPRN_RE


def _not_future(day: dt.date | None, what: str) -> dt.date | None:
    if day is not None and day > timezone.localdate():
        raise ValidationError(f"The date {what} cannot be in the future.")
    return day


class StyledForm(GovukForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.DateInput):
                field.widget.attrs["class"] += " govuk-input--width-10"


class ComplaintForm(StyledForm):
    complainant = forms.CharField(
        label="Complainant's person reference",
        max_length=20,
        help_text="For example P000123. Find the person first if you do not know it.",
        error_messages={"required": "Enter the complainant's person reference, like P000123."},
    )
    uprn = forms.CharField(
        label="UPRN of the home it is about",
        max_length=12,
        required=False,
        help_text="Leave empty if the complaint is not about one home.",
    )
    about = forms.ChoiceField(
        label="What is the complaint about?",
        choices=[("", "Choose…"), *ComplaintAbout.choices],
        error_messages={"required": "Choose what the complaint is about."},
    )
    summary = forms.CharField(
        label="Summary of the complaint",
        max_length=SUMMARY_MAX,
        widget=forms.Textarea,
        error_messages={
            "required": "Enter what the complaint is about.",
            "max_length": f"The summary must be {SUMMARY_MAX} characters or fewer.",
        },
    )
    desired_outcome = forms.CharField(
        label="What the complainant wants to happen",
        max_length=DESIRED_OUTCOME_MAX,
        required=False,
        widget=forms.Textarea,
        error_messages={
            "max_length": f"This must be {DESIRED_OUTCOME_MAX} characters or fewer.",
        },
    )
    received_on = date_field(
        "Date received",
        "the complaint was received",
        help_text="The acknowledge clock starts from this date.",
    )
    lead_officer = forms.ModelChoiceField(
        label="Lead officer",
        queryset=User.objects.none(),
        required=False,
        help_text="Leave empty to lead it yourself.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        lead_officer = self.fields["lead_officer"]
        assert isinstance(lead_officer, forms.ModelChoiceField)
        lead_officer.queryset = User.objects.filter(is_active=True).order_by("full_name")
        self.fields["complainant"].widget.attrs["class"] += " govuk-input--width-10"
        self.fields["uprn"].widget.attrs["class"] += " govuk-input--width-10"

    def clean_complainant(self) -> Any:
        reference = self.cleaned_data["complainant"].strip()
        person = lookups.find_person(reference=reference)
        if person is None:
            raise ValidationError(f"No person has the reference “{reference}”.")
        return person

    def clean_uprn(self) -> Any:
        uprn = (self.cleaned_data.get("uprn") or "").strip()
        if not uprn:
            return None
        if not UPRN_RE.match(uprn):
            raise ValidationError("Enter a UPRN of 1 to 12 digits.")
        home = lookups.find_home(uprn=uprn)
        if home is None:
            raise ValidationError(f"No home has the UPRN {uprn}.")
        return home

    def clean_received_on(self) -> dt.date | None:
        return _not_future(self.cleaned_data.get("received_on"), "the complaint was received")


class AcknowledgeForm(VersionedFormMixin, StyledForm):
    acknowledged_on = date_field("Date acknowledged", "of the acknowledgement")

    def clean_acknowledged_on(self) -> dt.date | None:
        return _not_future(self.cleaned_data.get("acknowledged_on"), "of the acknowledgement")


class ExtendForm(VersionedFormMixin, StyledForm):
    working_days = forms.IntegerField(
        label="Extend by (working days)",
        min_value=1,
        error_messages={
            "required": "Enter how many working days to extend the response by.",
            "invalid": "Enter the extension as a whole number of working days, like 5.",
            "min_value": "Enter an extension of at least 1 working day.",
        },
    )
    reason = forms.CharField(
        label="Reason for the extension",
        max_length=REASON_MAX,
        widget=forms.Textarea,
        help_text="As explained to the complainant in writing.",
        error_messages={
            "required": "Enter the reason for the extension, as explained to the complainant.",
            "max_length": f"The reason must be {REASON_MAX} characters or fewer.",
        },
    )

    def __init__(
        self, *args: Any, stage: int = Stage.ONE, left: int | None = None, **kw: Any
    ) -> None:
        super().__init__(*args, **kw)
        cap = clocks.MAX_EXTENSION[stage]
        left = cap if left is None else left
        self.fields[
            "working_days"
        ].help_text = f"At most {cap} working days in total for stage {stage}; {left} left."
        self.fields["working_days"].widget.attrs.update(
            {"class": "govuk-input govuk-input--width-3", "inputmode": "numeric"}
        )


class RespondForm(VersionedFormMixin, StyledForm):
    responded_on = date_field("Date of the response", "of the response")
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the outcome: upheld, partly or not upheld."},
    )
    response_summary = forms.CharField(
        label="Summary of the response",
        max_length=RESPONSE_MAX,
        widget=forms.Textarea,
        error_messages={
            "required": "Enter a summary of the response.",
            "max_length": f"The summary must be {RESPONSE_MAX} characters or fewer.",
        },
    )

    def clean_responded_on(self) -> dt.date | None:
        return _not_future(self.cleaned_data.get("responded_on"), "of the response")


class EscalateForm(StyledForm):
    requested_on = date_field(
        "Date the complainant asked to escalate",
        "the complainant asked to escalate",
        help_text="The stage 2 acknowledge clock starts from this date.",
    )
    reason = forms.CharField(
        label="Why the complainant is unhappy with the stage 1 response",
        max_length=REASON_MAX,
        required=False,
        widget=forms.Textarea,
        error_messages={"max_length": f"This must be {REASON_MAX} characters or fewer."},
    )

    def clean_requested_on(self) -> dt.date | None:
        return _not_future(
            self.cleaned_data.get("requested_on"), "the complainant asked to escalate"
        )


class ComplaintFilterForm(StyledForm):
    stage = forms.TypedChoiceField(
        label="Stage",
        choices=[("", "Both stages"), *Stage.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    show = forms.ChoiceField(
        label="Show",
        choices=[
            ("", "All open complaints"),
            ("overdue", "Overdue"),
            ("week", "Due this week"),
        ],
        required=False,
    )
    mine = forms.BooleanField(label="Only complaints I lead", required=False)
