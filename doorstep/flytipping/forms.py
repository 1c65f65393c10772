"""Forms behind the fly-tipping panel. The services check every rule again; these give the
officer a clear message naming the field."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from doorstep.contacts.forms import OfficerChoiceField
from doorstep.contacts.selectors import find_person
from doorstep.core.concurrency import VersionedFormMixin
from doorstep.core.forms import GovukForm
from doorstep.flytipping import selectors
from doorstep.flytipping.models import LocationKind, Perpetrator, RechargeStatus, Waste
from doorstep.flytipping.services import DESCRIPTION_MAX, NAME_MAX, WHERE_MAX
from doorstep.places.models import Block

DATE_HINT = "For example, 2026-03-27"


def _date(label: str, *, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=DATE_HINT,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(
            format="%Y-%m-%d", attrs={"class": "govuk-input govuk-input--width-10"}
        ),
        error_messages={
            "required": f"Enter the {label.lower()}.",
            "invalid": f"Enter the {label.lower()} as a real date, like 2026-03-27.",
        },
    )


def _not_future(day: dt.date | None, what: str) -> dt.date | None:
    if day is not None and day > timezone.localdate():
        raise ValidationError(f"The {what} must be today or in the past.")
    return day


class BlockChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Block) -> str:
        return f"{obj.name} ({obj.estate.name})"


class DetailsForm(VersionedFormMixin, GovukForm):
    location_kind = forms.ChoiceField(
        label="Where is it?",
        choices=LocationKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select where the fly-tipping is."},
    )
    estate = forms.ModelChoiceField(
        label="Estate",
        queryset=selectors.estates(),
        empty_label="Choose the estate",
        error_messages={
            "required": "Select the estate.",
            "invalid_choice": "Choose the estate from the list.",
        },
    )
    block = BlockChoiceField(
        label="Block",
        queryset=selectors.blocks(),
        required=False,
        empty_label="Not at a block",
        help_text="Needed when it is at a block. The block must be on the estate chosen.",
        error_messages={"invalid_choice": "Choose the block from the list."},
    )
    where_exactly = forms.CharField(
        label="Where exactly",
        max_length=WHERE_MAX,
        help_text="For example, beside the bin store at Cedar Court",
        error_messages={
            "required": "Enter where exactly the rubbish is.",
            "max_length": f"Where exactly must be {WHERE_MAX} characters or fewer.",
        },
    )
    waste = forms.MultipleChoiceField(
        label="What was dumped",
        choices=Waste.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply.",
        error_messages={
            "required": "Select what was dumped.",
            "invalid_choice": "Select what was dumped from the list.",
        },
    )
    waste_description = forms.CharField(
        label="Description",
        max_length=DESCRIPTION_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed when you select something else. For example, two sofas and a fridge",
        error_messages={
            "max_length": f"The description must be {DESCRIPTION_MAX:,} characters or fewer."
        },
    )

    def __init__(self, *args: Any, office_id: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if office_id is not None:
            # The estates and blocks of the case's office, not the whole landlord's.
            estate_field = self.fields["estate"]
            block_field = self.fields["block"]
            assert isinstance(estate_field, forms.ModelChoiceField)
            assert isinstance(block_field, forms.ModelChoiceField)
            estate_field.queryset = selectors.estates().filter(office_id=office_id)
            block_field.queryset = selectors.blocks().filter(estate__office_id=office_id)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        estate, block = data.get("estate"), data.get("block")
        if data.get("location_kind") == LocationKind.BLOCK and block is None:
            if not self.has_error("block"):
                self.add_error("block", "Select the block the fly-tipping is at.")
        elif block is not None and estate is not None and block.estate_id != estate.pk:
            self.add_error("block", f"{block.name} is not on {estate.name}.")
        if Waste.OTHER in (data.get("waste") or []) and not data.get("waste_description"):
            self.add_error("waste_description", "Describe what else was dumped.")
        return data


class InspectionForm(GovukForm):
    officer = OfficerChoiceField(
        label="Estates officer",
        queryset=selectors.estates_officers(),
        empty_label="Choose an estates officer",
        error_messages={
            "required": "Choose the estates officer to inspect.",
            "invalid_choice": "Choose the estates officer from the list.",
        },
    )


class PerpetratorForm(VersionedFormMixin, GovukForm):
    status = forms.ChoiceField(
        label="Do you know who dumped it?",
        choices=[
            (Perpetrator.IDENTIFIED, "Yes, identified"),
            (Perpetrator.NOT_IDENTIFIED, "No, not identified"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the person who dumped it is known."},
    )
    person = forms.CharField(
        label="Person reference",
        required=False,
        max_length=20,
        help_text="For example P000123. Search for the person first if you do not know it.",
        error_messages={"max_length": "Enter the person's reference, like P000123."},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        typed = (data.get("person") or "").strip()
        data["person_obj"] = None
        if data.get("status") == Perpetrator.IDENTIFIED:
            if not typed:
                self.add_error("person", "Enter the person reference of who dumped it.")
            else:
                person = find_person(reference=typed)
                if person is None:
                    self.add_error("person", f"No person has the reference “{typed}”.")
                data["person_obj"] = person
        return data


class RemovalForm(VersionedFormMixin, GovukForm):
    arranged_on = _date("Date removal was arranged", required=False)
    removed_on = _date("Date removed", required=False)
    removed_by = forms.CharField(
        label="Removed by",
        max_length=NAME_MAX,
        required=False,
        help_text="For example, the council's street cleansing team or the estate caretakers",
        error_messages={"max_length": f"Removed by must be {NAME_MAX} characters or fewer."},
    )

    def clean_arranged_on(self) -> dt.date | None:
        return _not_future(self.cleaned_data.get("arranged_on"), "date removal was arranged")

    def clean_removed_on(self) -> dt.date | None:
        return _not_future(self.cleaned_data.get("removed_on"), "date removed")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        arranged, removed = data.get("arranged_on"), data.get("removed_on")
        if arranged is None and removed is None:
            self.add_error("arranged_on", "Enter the date removal was arranged.")
        if removed is not None and arranged is not None and removed < arranged:
            self.add_error("removed_on", "The date removed cannot be before it was arranged.")
        if removed is not None and not data.get("removed_by", "").strip():
            self.add_error("removed_by", "Enter who removed it.")
        return data


class RechargeForm(VersionedFormMixin, GovukForm):
    status = forms.ChoiceField(
        label="Recharge",
        choices=RechargeStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the state of the recharge."},
    )
    amount = forms.DecimalField(
        label="Amount in pounds",
        required=False,
        max_digits=10,
        decimal_places=2,
        min_value=0,
        help_text="The cost of removal recharged, for example 150.00",
        error_messages={
            "invalid": "Enter the amount in pounds, like 150.00.",
            "min_value": "Enter the amount recharged as 0 or more, like 150.00.",
            "max_digits": "Enter an amount less than £100,000,000.",
            "max_decimal_places": "Enter the amount to the penny, like 150.00.",
            "max_whole_digits": "Enter an amount less than £100,000,000.",
        },
    )
    recharge_to = forms.CharField(
        label="Recharged to",
        max_length=NAME_MAX,
        required=False,
        help_text="Who pays: usually the person who dumped it",
        error_messages={"max_length": f"Recharged to must be {NAME_MAX} characters or fewer."},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        status = data.get("status")
        if status and status != RechargeStatus.NOT_APPLICABLE:
            amount: Decimal | None = data.get("amount")
            if not self.has_error("amount") and (amount is None or amount <= 0):
                self.add_error("amount", "Enter the amount recharged, more than 0.")
            if not (data.get("recharge_to") or "").strip():
                self.add_error("recharge_to", "Enter who is recharged.")
        return data


class SignageForm(VersionedFormMixin, GovukForm):
    put_up_on = _date("Date the signs went up")
    where = forms.CharField(
        label="Where the signs are",
        max_length=WHERE_MAX,
        help_text="For example, on the bin store door and by the garages",
        error_messages={
            "required": "Enter where the signs are.",
            "max_length": f"Where the signs are must be {WHERE_MAX} characters or fewer.",
        },
    )

    def clean_put_up_on(self) -> dt.date | None:
        return _not_future(self.cleaned_data.get("put_up_on"), "date the signs went up")
