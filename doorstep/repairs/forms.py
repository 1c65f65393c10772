"""Forms for repairs and contractors. Errors name the field in an officer's words; the services
check every rule again, so imports and the API get the same answers."""

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
from doorstep.core.validators import UPRN_RE, normalise_email, normalise_phone
from doorstep.places.models import Estate, Office
from doorstep.repairs import selectors
from doorstep.repairs.models import Priority, RepairStatus, Trade
from doorstep.repairs.services import DESCRIPTION_MAX, REASON_MAX


def _not_future(moment: dt.datetime | None, what: str) -> dt.datetime | None:
    if moment is not None and moment > timezone.now():
        raise ValidationError(f"The time {what} must be now or in the past.")
    return moment


class ContractorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.get_trade_display()})"


class RepairForm(GovukForm):
    """Raise a repair. `needs_uprn`: no home or communal place came with the link (raising from
    a contact about someone not housed with us), so the officer gives the home's UPRN."""

    uprn = forms.CharField(label="UPRN of the home", max_length=12, required=False)
    priority = forms.ChoiceField(
        label="Priority",
        choices=Priority.choices,
        widget=forms.RadioSelect,
        help_text=(
            "Emergency: within 24 hours. Urgent: 5 working days. Routine: 20 working days. "
            "Planned: 60 working days."
        ),
        error_messages={"required": "Select the priority of the repair."},
    )
    description = forms.CharField(
        label="What needs repairing",
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea,
        error_messages={
            "required": "Describe what needs repairing.",
            "max_length": f"The description must be {DESCRIPTION_MAX:,} characters or fewer.",
        },
    )
    reported_at = datetime_field(
        "When it was reported",
        "the repair was reported",
        help_text="The target is worked out from this.",
    )
    contractor = ContractorChoiceField(
        label="Order it with a contractor now",
        queryset=selectors.contractors(active_only=True),
        required=False,
        empty_label="Not yet",
    )
    owner = forms.ModelChoiceField(
        label="Officer who looks after it",
        queryset=User.objects.none(),
        required=False,
        help_text="Leave empty to look after it yourself; it shows on their My day when due.",
    )

    def __init__(self, *args: Any, needs_uprn: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.needs_uprn = needs_uprn
        if not needs_uprn:
            del self.fields["uprn"]
        else:
            self.fields["uprn"].required = True
            self.fields["uprn"].error_messages["required"] = "Enter the UPRN of the home."
            self.fields["uprn"].widget.attrs["class"] += " govuk-input--width-10"
        owner = self.fields["owner"]
        assert isinstance(owner, forms.ModelChoiceField)
        owner.queryset = User.objects.filter(is_active=True).order_by("full_name")

    def clean_uprn(self) -> Any:
        uprn = (self.cleaned_data.get("uprn") or "").strip()
        if not UPRN_RE.match(uprn):
            raise ValidationError("Enter a UPRN of 1 to 12 digits.")
        home = lookups.find_home(uprn=uprn)
        if home is None:
            raise ValidationError(f"No home has the UPRN {uprn}.")
        return home

    def clean_reported_at(self) -> dt.datetime | None:
        return _not_future(self.cleaned_data.get("reported_at"), "reported")


STATUS_CHOICES = [
    (RepairStatus.ORDERED.value, "Ordered with a contractor"),
    (RepairStatus.IN_PROGRESS.value, "In progress"),
    (RepairStatus.CANCELLED.value, "Cancelled"),
]


class StatusForm(VersionedFormMixin, GovukForm):
    status = forms.ChoiceField(
        label="New status",
        choices=STATUS_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the new status."},
    )
    contractor = ContractorChoiceField(
        label="Contractor",
        queryset=selectors.contractors(active_only=True),
        required=False,
        help_text="Needed when ordering the repair.",
    )
    reason = forms.CharField(
        label="Why it is cancelled",
        max_length=REASON_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": "2"}),
        error_messages={"max_length": f"The reason must be {REASON_MAX} characters or fewer."},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("status") == RepairStatus.ORDERED and not data.get("contractor"):
            self.add_error("contractor", "Select the contractor the repair is ordered with.")
        if data.get("status") == RepairStatus.CANCELLED and not (data.get("reason") or "").strip():
            self.add_error("reason", "Enter why the repair is cancelled.")
        return data


class CompleteForm(VersionedFormMixin, GovukForm):
    completed_at = datetime_field("When it was completed", "the repair was completed")

    def clean_completed_at(self) -> dt.datetime | None:
        return _not_future(self.cleaned_data.get("completed_at"), "completed")


class RepairFilterForm(GovukForm):
    status = forms.ChoiceField(
        label="Status",
        choices=[("open", "Open"), ("", "Any status"), *RepairStatus.choices],
        required=False,
    )
    priority = forms.ChoiceField(
        label="Priority", choices=[("", "Any priority"), *Priority.choices], required=False
    )
    estate = forms.ModelChoiceField(
        label="Estate",
        queryset=Estate.objects.only("id", "name").order_by("name"),
        required=False,
        empty_label="Any estate",
    )
    contractor = ContractorChoiceField(
        label="Contractor",
        queryset=selectors.contractors(),
        required=False,
        empty_label="Any contractor",
    )
    overdue = forms.BooleanField(label="Only overdue repairs", required=False)


class OverdueFilterForm(GovukForm):
    office = forms.ModelChoiceField(
        label="Office",
        queryset=Office.objects.order_by("name"),
        required=False,
        empty_label="Every office",
    )
    estate = forms.ModelChoiceField(
        label="Estate",
        queryset=Estate.objects.only("id", "name").order_by("name"),
        required=False,
        empty_label="Any estate",
    )
    priority = forms.ChoiceField(
        label="Priority", choices=[("", "Any priority"), *Priority.choices], required=False
    )
    contractor = ContractorChoiceField(
        label="Contractor",
        queryset=selectors.contractors(),
        required=False,
        empty_label="Any contractor",
    )


class ContractorForm(VersionedFormMixin, GovukForm):
    name = forms.CharField(
        label="Name",
        max_length=120,
        error_messages={
            "required": "Enter the contractor's name.",
            "max_length": "The name must be 120 characters or fewer.",
        },
    )
    trade = forms.ChoiceField(
        label="Trade",
        choices=[("", "Choose…"), *Trade.choices],
        error_messages={"required": "Select the contractor's trade."},
    )
    phone = forms.CharField(label="Phone", max_length=30, required=False)
    email = forms.CharField(label="Email", max_length=254, required=False)
    active = forms.BooleanField(label="Still used for new repairs", required=False, initial=True)

    def clean_phone(self) -> str:
        phone = (self.cleaned_data.get("phone") or "").strip()
        if phone:
            try:
                normalise_phone(phone)
            except ValidationError:
                raise ValidationError(
                    "Enter a real phone number, like 0121 496 0000 or +44 121 496 0000."
                ) from None
        return phone

    def clean_email(self) -> str:
        email = (self.cleaned_data.get("email") or "").strip()
        if email:
            try:
                normalise_email(email)
            except ValidationError:
                raise ValidationError("Enter an email address, like name@example.com.") from None
        return email
