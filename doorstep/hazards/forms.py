"""Forms for hazards. Errors name the field in an officer's words; the services check every
rule again."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from doorstep.accounts.models import User
from doorstep.contacts import selectors as lookups
from doorstep.core.concurrency import VersionedFormMixin
from doorstep.core.forms import GovukForm, datetime_field
from doorstep.hazards.models import AccommodationResponse, HazardKind, Severity
from doorstep.hazards.services import REASON_MAX, TEXT_MAX

SUMMARY_MAX = 300


def _not_future(moment: dt.datetime | None, what: str) -> dt.datetime | None:
    if moment is not None and moment > timezone.now():
        raise ValidationError(f"The time {what} must be now or in the past.")
    return moment


class HazardDetailsForm(GovukForm):
    kind = forms.ChoiceField(
        label="Kind of hazard",
        choices=[("", "Choose…"), *HazardKind.choices],
        error_messages={"required": "Select the kind of hazard."},
    )
    severity = forms.ChoiceField(
        label="Severity",
        choices=Severity.choices,
        widget=forms.RadioSelect,
        help_text=(
            "Emergency: investigate and make safe within 24 hours. Significant: investigate "
            "within 10 working days."
        ),
        error_messages={"required": "Select whether the hazard is an emergency or significant."},
    )
    reported_at = datetime_field(
        "When it was reported", "the hazard was reported", help_text="The clocks start from this."
    )

    def clean_reported_at(self) -> dt.datetime | None:
        return _not_future(self.cleaned_data.get("reported_at"), "the hazard was reported")


class HazardReportForm(HazardDetailsForm):
    summary = forms.CharField(
        label="What has been reported",
        max_length=SUMMARY_MAX,
        widget=forms.Textarea(attrs={"rows": "3"}),
        error_messages={
            "required": "Enter what has been reported.",
            "max_length": f"This must be {SUMMARY_MAX} characters or fewer.",
        },
    )
    reporter = forms.CharField(
        label="Reporter's person reference",
        max_length=20,
        required=False,
        help_text="For example P000123. Leave empty if the report came from an inspection.",
    )
    lead_officer = forms.ModelChoiceField(
        label="Lead officer",
        queryset=User.objects.none(),
        required=False,
        help_text="Leave empty to lead it yourself.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        lead = self.fields["lead_officer"]
        assert isinstance(lead, forms.ModelChoiceField)
        lead.queryset = User.objects.filter(is_active=True).order_by("full_name")
        self.fields["reporter"].widget.attrs["class"] += " govuk-input--width-10"

    def clean_reporter(self) -> Any:
        reference = (self.cleaned_data.get("reporter") or "").strip()
        if not reference:
            return None
        person = lookups.find_person(reference=reference)
        if person is None:
            raise ValidationError(f"No person has the reference “{reference}”.")
        return person


class InvestigatedForm(VersionedFormMixin, GovukForm):
    investigated_at = datetime_field("When the investigation ended", "the investigation ended")
    findings = forms.CharField(
        label="What the investigation found",
        max_length=TEXT_MAX,
        widget=forms.Textarea,
        error_messages={"required": "Enter what the investigation found."},
    )
    work_planned = forms.CharField(
        label="What will be done to put it right",
        max_length=TEXT_MAX,
        widget=forms.Textarea,
        help_text="This goes in the written summary to the tenant.",
        error_messages={"required": "Enter what will be done to put it right."},
    )

    def clean_investigated_at(self) -> dt.datetime | None:
        return _not_future(self.cleaned_data.get("investigated_at"), "the investigation ended")


class SummarySentForm(VersionedFormMixin, GovukForm):
    sent_at = datetime_field(
        "When the written summary was sent",
        "the written summary was sent",
        help_text="It is logged as a letter to the tenant.",
    )

    def clean_sent_at(self) -> dt.datetime | None:
        return _not_future(self.cleaned_data.get("sent_at"), "the written summary was sent")


class SafetyWorkForm(VersionedFormMixin, GovukForm):
    done_at = datetime_field("When the safety work was done", "the safety work was done")

    def clean_done_at(self) -> dt.datetime | None:
        return _not_future(self.cleaned_data.get("done_at"), "the safety work was done")


class PreventativeForm(VersionedFormMixin, GovukForm):
    begun_at = datetime_field(
        "When the preventative work began",
        "the preventative work began",
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"],
        help_text="Leave empty if it has not begun yet.",
    )
    not_practicable_reason = forms.CharField(
        label="Why it cannot reasonably begin within 5 working days",
        max_length=REASON_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": "3"}),
        help_text="Recording a reason gives the work 12 weeks to begin.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _not_future_field(self, "begun_at", "the preventative work began")
        nothing = not data.get("begun_at") and not (data.get("not_practicable_reason") or "")
        if nothing and "begun_at" not in self.errors:
            self.add_error(
                "begun_at",
                "Enter when the preventative work began, or why it cannot reasonably begin "
                "within 5 working days.",
            )
        return data


def _not_future_field(form: forms.Form, field: str, what: str) -> None:
    moment = form.cleaned_data.get(field)
    if moment is not None and moment > timezone.now():
        form.add_error(field, f"The time {what} must be now or in the past.")


class AlternativeForm(VersionedFormMixin, GovukForm):
    offered_at = datetime_field(
        "When alternative accommodation was offered", "alternative accommodation was offered"
    )
    response = forms.ChoiceField(
        label="The household's answer",
        choices=AccommodationResponse.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the household's answer."},
    )

    def clean_offered_at(self) -> dt.datetime | None:
        return _not_future(
            self.cleaned_data.get("offered_at"), "alternative accommodation was offered"
        )


class BreachFilterForm(GovukForm):
    office: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label="Office", queryset=None, required=False, empty_label="Every office"
    )
    estate: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label="Estate", queryset=None, required=False, empty_label="Any estate"
    )
    status = forms.ChoiceField(
        label="Case",
        choices=[("", "Open or closed"), ("open", "Open"), ("closed", "Closed")],
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from doorstep.places.models import Estate, Office

        super().__init__(*args, **kwargs)
        office = self.fields["office"]
        estate = self.fields["estate"]
        assert isinstance(office, forms.ModelChoiceField)
        assert isinstance(estate, forms.ModelChoiceField)
        office.queryset = Office.objects.order_by("name")
        estate.queryset = Estate.objects.only("id", "name").order_by("name")
