from __future__ import annotations

from typing import Any

from django import forms

from doorstep.core.concurrency import VersionedFormMixin
from doorstep.core.forms import govuk_style
from doorstep.dataprotection.models import RequestStatus

DATE_HELP = "For example, 2026-01-31."


class RequestForm(forms.Form):
    person_reference = forms.CharField(
        label="Person's reference",
        max_length=20,
        help_text="The reference on the person's page, for example P100001.",
        error_messages={"required": "Enter the reference of the person the request is about."},
    )
    requester = forms.CharField(
        label="Who made the request",
        max_length=150,
        help_text="The person themselves, or their representative (name and relationship).",
        error_messages={"required": "Enter who made the request."},
    )
    received_on = forms.DateField(
        label="Date received",
        help_text=DATE_HELP,
        error_messages={
            "required": "Enter the date the request was received.",
            "invalid": "Enter the date the request was received as YYYY-MM-DD.",
        },
    )
    identity_checked = forms.BooleanField(label="Identity checked", required=False)
    identity_checked_on = forms.DateField(
        label="Date identity checked",
        required=False,
        help_text=DATE_HELP,
        error_messages={"invalid": "Enter the date identity was checked as YYYY-MM-DD."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        govuk_style(self)

    def clean_person_reference(self) -> Any:
        from doorstep.people.models import Person

        reference = self.cleaned_data["person_reference"].strip()
        person = Person.objects.filter(reference__iexact=reference).first()
        if person is None:
            raise forms.ValidationError(f"No person has the reference {reference}.")
        return person


class RequestUpdateForm(VersionedFormMixin, forms.Form):
    identity_checked = forms.BooleanField(label="Identity checked", required=False)
    identity_checked_on = forms.DateField(
        label="Date identity checked",
        required=False,
        help_text=DATE_HELP,
        error_messages={"invalid": "Enter the date identity was checked as YYYY-MM-DD."},
    )
    extension_months = forms.TypedChoiceField(
        label="Extension",
        coerce=int,
        choices=[(0, "None"), (1, "One further month"), (2, "Two further months")],
        help_text="Complex or numerous requests: up to two further months, with a reason.",
    )
    extension_reason = forms.CharField(
        label="Reason for the extension",
        required=False,
        max_length=500,
        widget=forms.Textarea,
    )
    status = forms.ChoiceField(label="Status", choices=RequestStatus.choices)
    completed_on = forms.DateField(
        label="Response sent on",
        required=False,
        help_text=DATE_HELP,
        error_messages={"invalid": "Enter the date the response was sent as YYYY-MM-DD."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        govuk_style(self)


class RequestFilterForm(forms.Form):
    status = forms.ChoiceField(
        label="Show",
        required=False,
        choices=[("open", "Open requests"), ("", "All requests"), *RequestStatus.choices],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        govuk_style(self)
