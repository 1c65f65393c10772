"""Forms for programmes, calls, a case from a concern and the coverage report. The services
check everything again (commands and the API use them too)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from doorstep.cases.models import CaseType, RiskLevel
from doorstep.contacts.selectors import officer_choices
from doorstep.core.concurrency import VersionedFormMixin
from doorstep.core.forms import govuk_style
from doorstep.places.models import Estate, Patch, Tenure
from doorstep.welfare.models import CallOutcome
from doorstep.welfare.selectors import COVERAGE_STATUSES
from doorstep.welfare.services import NAME_MAX, NOTE_MAX

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y"]
CASE_TYPES_FROM_A_CALL = [
    CaseType.SELF_NEGLECT,
    CaseType.HOARDING,
    CaseType.DAMP_MOULD,
    CaseType.SAFEGUARDING,
    CaseType.DOMESTIC_ABUSE,
    CaseType.ASB,
]


def _date(label: str, what: str, *, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        help_text=help_text or "For example, 2026-03-27.",
        widget=forms.DateInput(
            format="%Y-%m-%d", attrs={"type": "date", "class": "govuk-input govuk-input--width-10"}
        ),
        error_messages={
            "required": f"Enter {what}.",
            "invalid": f"Enter {what} as a real date, like 2026-03-27.",
        },
    )


class _PatchChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.team.office.name})"


class _EstateChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        kind = "" if not obj.is_scheme else f", {obj.get_kind_display().lower()}"
        return f"{obj.name} ({obj.office.name}{kind})"


class _OfficerChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        team = f" ({obj.team.name})" if obj.team_id else ""
        return f"{obj.full_name}{team}"


class ProgrammeForm(VersionedFormMixin, forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=NAME_MAX,
        help_text="What officers will see on My day, like “Older residents living alone — "
        "fortnightly call”.",
        error_messages={
            "required": "Enter a name for the programme.",
            "max_length": f"The name must be {NAME_MAX} characters or fewer.",
        },
    )
    flags_all = forms.MultipleChoiceField(
        label="Vulnerability flags (the person must have all of them)",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose flags from the list."},
    )
    min_age = forms.IntegerField(
        label="Minimum age",
        required=False,
        min_value=0,
        max_value=120,
        widget=forms.NumberInput(attrs={"class": "govuk-input govuk-input--width-3"}),
        error_messages={
            "invalid": "Enter the minimum age as a whole number, like 75.",
            "min_value": "Enter a minimum age from 0 to 120, or leave it blank.",
            "max_value": "Enter a minimum age from 0 to 120, or leave it blank.",
        },
    )
    tenures = forms.MultipleChoiceField(
        label="Tenures (any of)",
        required=False,
        choices=Tenure.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose tenures from the list."},
    )
    patches = _PatchChoice(
        label="Patches (any of)",
        required=False,
        queryset=Patch.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose patches from the list."},
    )
    estates = _EstateChoice(
        label="Estates and schemes (any of)",
        required=False,
        queryset=Estate.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose estates from the list."},
    )
    frequency_days = forms.IntegerField(
        label="How often to call, in days",
        min_value=1,
        max_value=365,
        help_text="14 for a fortnightly call.",
        widget=forms.NumberInput(attrs={"class": "govuk-input govuk-input--width-3"}),
        error_messages={
            "required": "Enter how often to call, in days.",
            "invalid": "Enter how often to call as a whole number of days, like 14.",
            "min_value": "How often to call must be from 1 to 365 days.",
            "max_value": "How often to call must be from 1 to 365 days.",
        },
    )
    officer = _OfficerChoice(
        label="Officer who makes the calls",
        required=False,
        queryset=officer_choices(),
        empty_label="Each person's patch officer",
        error_messages={"invalid_choice": "Choose the officer from the list."},
    )
    start_date = _date("Start date", "the date the programme starts")
    active = forms.BooleanField(
        label="Running (calls come due on My day)", required=False, initial=True
    )

    def __init__(self, *args: Any, flag_choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["flags_all"].choices = flag_choices  # type: ignore[attr-defined]
        self.fields["patches"].queryset = Patch.objects.select_related(  # type: ignore[attr-defined]
            "team__office"
        ).order_by("team__office__name", "name")
        self.fields["estates"].queryset = Estate.objects.select_related(  # type: ignore[attr-defined]
            "office"
        ).order_by("office__name", "name")
        govuk_style(self)


class CallForm(forms.Form):
    outcome = forms.ChoiceField(
        label="What happened?",
        choices=CallOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select what happened on the call.",
            "invalid_choice": "Select what happened on the call.",
        },
    )
    note = forms.CharField(
        label="Note",
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": "4"}),
        help_text="How they are, and anything to follow up. Needed for a concern.",
        error_messages={"max_length": f"The note must be {NOTE_MAX:,} characters or fewer."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        govuk_style(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("outcome") == CallOutcome.CONCERN and not (data.get("note") or "").strip():
            self.add_error("note", "Enter what the concern is.")
        return data


class CaseFromCallForm(forms.Form):
    case_type = forms.ChoiceField(
        label="Type of case",
        choices=[(code, CaseType(code).label) for code in CASE_TYPES_FROM_A_CALL],
        error_messages={
            "required": "Select the type of case.",
            "invalid_choice": "Select the type of case.",
        },
    )
    summary = forms.CharField(
        label="Summary",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": "4"}),
        error_messages={
            "required": "Enter a summary.",
            "max_length": "The summary must be 4,000 characters or fewer.",
        },
    )
    risk_level = forms.ChoiceField(
        label="Risk level",
        choices=RiskLevel.choices,
        widget=forms.RadioSelect,
        initial=RiskLevel.STANDARD,
        error_messages={
            "required": "Select the risk level.",
            "invalid_choice": "Select the risk level.",
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        govuk_style(self)


class CoverageForm(forms.Form):
    start = _date("From", "the first day of the period", required=False, help_text=" ")
    end = _date("To", "the last day of the period", required=False, help_text=" ")
    status = forms.ChoiceField(
        label="Show",
        required=False,
        choices=[("", "Everyone in the cohort"), *COVERAGE_STATUSES],
        error_messages={"invalid_choice": "Choose who to show from the list."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        govuk_style(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            self.add_error("end", "The last day must be on or after the first day.")
        if end and end > timezone.localdate():
            self.add_error("end", "The last day cannot be in the future.")
        if start and end and (end - start) > dt.timedelta(days=366):
            self.add_error("start", "Choose a period of a year or less.")
        return data
