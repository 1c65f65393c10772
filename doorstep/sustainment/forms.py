"""Forms for support referrals and partner jobs. Errors name the field in an officer's words;
the services check again, so every route in follows the same rules."""

from __future__ import annotations

from typing import Any

from django import forms

from doorstep.core.concurrency import VersionedFormMixin
from doorstep.core.forms import govuk_style
from doorstep.partners.models import Agency
from doorstep.partners.selectors import active_agencies
from doorstep.sustainment import services
from doorstep.sustainment.models import JobStatus, ReferralStatus, SupportKind

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
TIME_FORMATS = ["%H:%M", "%H:%M:%S"]
AGENCY_MISSING = "Select the partner doing the job, from the directory."


class AgencyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Agency) -> str:
        return f"{obj.name} ({obj.get_kind_display()})"


def _date(label: str, *, required: bool = True, help_text: str = "") -> forms.DateField:
    what = label[0].lower() + label[1:]
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": f"Enter the {what}.",
            "invalid": f"Enter the {what} as a real date, like 14/03/2026.",
        },
    )


def _time(label: str) -> forms.TimeField:
    what = label[0].lower() + label[1:]
    return forms.TimeField(
        label=label,
        input_formats=TIME_FORMATS,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={
            "required": f"Enter the {what}.",
            "invalid": f"Enter the {what} as a time, like 09:30.",
        },
    )


class StyledForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        govuk_style(self)


class ReferralForm(StyledForm):
    kind = forms.ChoiceField(
        label="Kind of support",
        choices=[("", "Choose the kind of support"), *SupportKind.choices],
        error_messages={
            "required": "Select the kind of support.",
            "invalid_choice": "Select the kind of support.",
        },
    )
    description = forms.CharField(
        label="What is needed",
        required=False,
        max_length=services.DESCRIPTION_MAX,
        help_text='Which rooms, what items, what the garden needs. Needed for "Other".',
        widget=forms.Textarea(attrs={"rows": "3"}),
    )
    eligibility_note = forms.CharField(
        label="Eligibility",
        required=False,
        max_length=services.ELIGIBILITY_MAX,
        help_text="Why they qualify, for example: low income, on Universal Credit.",
        widget=forms.Textarea(attrs={"rows": "2"}),
    )
    case = forms.ChoiceField(label="Linked case", required=False)

    def __init__(self, *args: Any, cases: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._cases = {str(case.pk): case for case in cases}
        field = self.fields["case"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "No linked case")] + [
            (str(case.pk), f"{case.reference}: {case.get_case_type_display()}") for case in cases
        ]
        if not cases:
            del self.fields["case"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == SupportKind.OTHER and not (data.get("description") or "").strip():
            self.add_error("description", 'Enter what is needed when the kind is "Other".')
        return data

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "description": data["description"],
            "eligibility_note": data["eligibility_note"],
            "case": self._cases.get(data.get("case") or ""),
        }


class SlotForm(VersionedFormMixin, StyledForm):
    date = _date("Date")
    start_time = _time("Start time")
    end_time = _time("End time")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", "The job must end after it starts.")
        return data


class JobForm(SlotForm):
    agency = AgencyChoiceField(
        label="Partner",
        queryset=Agency.objects.none(),
        empty_label="Choose a partner",
        help_text="Charities, the volunteer charity shop and other partners in the directory.",
        error_messages={"required": AGENCY_MISSING, "invalid_choice": AGENCY_MISSING},
    )
    instructions = forms.CharField(
        label="What the partner is asked to do",
        required=False,
        max_length=services.INSTRUCTIONS_MAX,
        help_text="Shown on the job sheet. No health details: the special arrangements are "
        "added for you.",
        widget=forms.Textarea(attrs={"rows": "4"}),
    )
    field_order = ["agency", "date", "start_time", "end_time", "instructions"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["agency"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = active_agencies()


class HoldForm(VersionedFormMixin, StyledForm):
    hold_reason = forms.CharField(
        label="Why is it on hold?",
        max_length=services.REASON_MAX,
        help_text="For example: the partner has paused work, or the person is in hospital.",
        widget=forms.Textarea(attrs={"rows": "3"}),
        error_messages={"required": "Enter why it is on hold."},
    )


class OutcomeForm(VersionedFormMixin, StyledForm):
    completed = forms.ChoiceField(
        label="Was the job done?",
        choices=[("yes", "Yes, completed"), ("no", "No, not completed")],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select whether the job was done.",
            "invalid_choice": "Select whether the job was done.",
        },
    )
    outcome_reason = forms.CharField(
        label="If not, why not?",
        required=False,
        max_length=services.REASON_MAX,
        widget=forms.Textarea(attrs={"rows": "3"}),
    )
    value = forms.DecimalField(
        label="Cost or value (£)",
        required=False,
        min_value=0,
        max_value=services.VALUE_MAX,
        decimal_places=2,
        help_text="What it cost us, or the value of what was given.",
        error_messages={
            "invalid": "Enter the cost or value in pounds, like 45.50.",
            "min_value": "The cost or value cannot be negative.",
            "max_value": "The cost or value must be £99,999.99 or less.",
            "max_decimal_places": "Enter the cost or value in pounds and pence, like 45.50.",
        },
    )
    outcome_on = _date("Date of the outcome", required=False, help_text="Today, if left empty.")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("completed") == "no" and not (data.get("outcome_reason") or "").strip():
            self.add_error("outcome_reason", "Enter why the job was not done.")
        return data

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "completed": data["completed"] == "yes",
            "reason": data["outcome_reason"],
            "value": data["value"],
            "outcome_on": data["outcome_on"],
        }


class CloseForm(StyledForm):
    status = forms.ChoiceField(
        label="How did it end?",
        choices=[
            (ReferralStatus.COMPLETED, "Support given"),
            (ReferralStatus.WITHDRAWN, "Withdrawn or no longer needed"),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select how the referral ended.",
            "invalid_choice": "Select how the referral ended.",
        },
    )


class ReferralFilterForm(forms.Form):
    status = forms.ChoiceField(
        choices=[("", "Any status"), *ReferralStatus.choices], required=False
    )
    kind = forms.ChoiceField(choices=[("", "Any kind"), *SupportKind.choices], required=False)
    mine = forms.BooleanField(label="Only mine", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        govuk_style(self)


JOB_TABS = [("", "All"), *JobStatus.choices]
