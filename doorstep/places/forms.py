"""Forms for homes, estates and blocks. They parse and check input; services write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from doorstep.core.concurrency import VersionedFormMixin
from doorstep.core.forms import govuk_style
from doorstep.core.validators import normalise_postcode, normalise_uprn
from doorstep.places.models import (
    Block,
    Estate,
    EstateKind,
    Home,
    Office,
    Patch,
    Tenure,
)
from doorstep.places.services import DUPLICATE_UPRN


class BlockChoiceField(forms.ModelChoiceField[Block]):
    def label_from_instance(self, obj: Block) -> str:
        # The block's estate is select_related, so "Name, Estate" costs no query.
        return str(obj)


class HomeForm(VersionedFormMixin, forms.Form):
    uprn = forms.CharField(
        label="UPRN",
        max_length=20,
        help_text="The Unique Property Reference Number: 1 to 12 digits.",
        error_messages={"required": "Enter a UPRN of 1 to 12 digits."},
    )
    address_line_1 = forms.CharField(
        label="Address line 1",
        max_length=150,
        error_messages={"required": "Enter the first line of the address."},
    )
    address_line_2 = forms.CharField(label="Address line 2", max_length=150, required=False)
    town = forms.CharField(
        label="Town or city", max_length=80, error_messages={"required": "Enter the town."}
    )
    postcode = forms.CharField(
        label="Postcode",
        max_length=10,
        error_messages={"required": "Enter a postcode, like NG5 1AB."},
    )
    estate = forms.ModelChoiceField(
        label="Estate or scheme",
        queryset=Estate.objects.order_by("name"),
        empty_label="Choose an estate or scheme",
        error_messages={
            "required": "Choose the estate or scheme.",
            "invalid_choice": "Choose an estate or scheme from the list.",
        },
    )
    block = BlockChoiceField(
        label="Block",
        queryset=Block.objects.select_related("estate").order_by("estate__name", "name"),
        required=False,
        empty_label="Not in a block",
        error_messages={"invalid_choice": "Choose a block from the list."},
    )
    patch = forms.ModelChoiceField(
        label="Patch",
        queryset=Patch.objects.order_by("name"),
        required=False,
        empty_label="The estate's patch",
        help_text="Leave as the estate's patch unless this is a loose home looked after apart.",
        error_messages={"invalid_choice": "Choose a patch from the list."},
    )
    tenure = forms.ChoiceField(
        label="Tenure",
        choices=[("", "Choose a tenure"), *Tenure.choices],
        error_messages={
            "required": "Choose the tenure.",
            "invalid_choice": "Choose a tenure from the list.",
        },
    )
    bedrooms = forms.IntegerField(
        label="Bedrooms",
        required=False,
        min_value=0,
        max_value=15,
        error_messages={
            "invalid": "Enter the number of bedrooms as a whole number, like 2.",
            "min_value": "Enter a number of bedrooms from 0 to 15.",
            "max_value": "Enter a number of bedrooms from 0 to 15.",
        },
    )

    def __init__(self, *args: Any, instance: Home | None = None, **kwargs: Any) -> None:
        self.instance = instance
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "uprn": instance.uprn,
                "address_line_1": instance.address_line_1,
                "address_line_2": instance.address_line_2,
                "town": instance.town,
                "postcode": instance.postcode,
                "estate": instance.estate_id,
                "block": instance.block_id,
                # Blank when the home follows its estate, so moving estate moves patch too.
                "patch": None
                if instance.patch_id == instance.estate.patch_id
                else instance.patch_id,
                "tenure": instance.tenure,
                "bedrooms": instance.bedrooms,
            }
        super().__init__(*args, **kwargs)
        self.fields["uprn"].widget.attrs.update(
            {"inputmode": "numeric", "spellcheck": "false", "autocomplete": "off"}
        )
        self.fields["postcode"].widget.attrs.update(
            {"autocomplete": "postal-code", "spellcheck": "false"}
        )
        self.fields["bedrooms"].widget.attrs.update({"inputmode": "numeric"})
        govuk_style(self)
        self.fields["uprn"].widget.attrs["class"] = "govuk-input govuk-input--width-20"
        self.fields["postcode"].widget.attrs["class"] = "govuk-input govuk-input--width-10"
        self.fields["bedrooms"].widget.attrs["class"] = "govuk-input govuk-input--width-2"

    def clean_uprn(self) -> str:
        uprn = normalise_uprn(self.cleaned_data["uprn"])
        duplicates = Home.objects.filter(uprn=uprn)
        if self.instance is not None:
            duplicates = duplicates.exclude(pk=self.instance.pk)
        if duplicates.exists():
            raise ValidationError(DUPLICATE_UPRN, code="duplicate")
        return uprn

    def clean_postcode(self) -> str:
        return normalise_postcode(self.cleaned_data["postcode"])

    def clean_address_line_1(self) -> str:
        value = self.cleaned_data["address_line_1"].strip()
        if not value:
            raise ValidationError("Enter the first line of the address.", code="required")
        return value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        estate, block = cleaned.get("estate"), cleaned.get("block")
        if estate is not None and block is not None and block.estate_id != estate.pk:
            self.add_error("block", f"Choose a block on {estate.name}, or 'Not in a block'.")
        return cleaned

    def resolved_patch_id(self) -> int | None:
        """The patch the home will be on once saved: its own, or its estate's."""
        patch, estate = self.cleaned_data.get("patch"), self.cleaned_data.get("estate")
        if patch is not None:
            return int(patch.pk)
        return estate.patch_id if estate is not None else None


class HomeFilterForm(forms.Form):
    """The filters of the home list (GET)."""

    q = forms.CharField(label="Address, postcode or UPRN", required=False, max_length=100)
    estate = forms.ModelChoiceField(
        label="Estate or scheme", queryset=Estate.objects.none(), required=False, empty_label="Any"
    )
    block = BlockChoiceField(
        label="Block", queryset=Block.objects.none(), required=False, empty_label="Any"
    )
    tenure = forms.ChoiceField(
        label="Tenure", choices=[("", "Any"), *Tenure.choices], required=False
    )
    patch = forms.ModelChoiceField(
        label="Patch", queryset=Patch.objects.none(), required=False, empty_label="Any"
    )

    def __init__(self, *args: Any, choices: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["estate"].queryset = choices["estates"]  # type: ignore[attr-defined]
        self.fields["block"].queryset = choices["blocks"]  # type: ignore[attr-defined]
        self.fields["patch"].queryset = choices["patches"]  # type: ignore[attr-defined]
        govuk_style(self)
        self.fields["q"].widget.attrs.update({"type": "search", "autocomplete": "off"})

    def filters(self) -> dict[str, Any]:
        """The valid filters; a bad value is ignored rather than emptying the list."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in getattr(self, "cleaned_data", {}).items() if v}


class EstateFilterForm(forms.Form):
    q = forms.CharField(label="Name contains", required=False, max_length=100)
    office = forms.ModelChoiceField(
        label="Office", queryset=Office.objects.order_by("name"), required=False, empty_label="Any"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        govuk_style(self)

    def filters(self) -> dict[str, Any]:
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in getattr(self, "cleaned_data", {}).items() if v}


class EstateForm(VersionedFormMixin, forms.Form):
    name = forms.CharField(
        label="Name", max_length=100, error_messages={"required": "Enter the estate's name."}
    )
    kind = forms.ChoiceField(
        label="Kind",
        choices=EstateKind.choices,
        initial=EstateKind.ESTATE,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose whether this is an estate or a kind of scheme.",
            "invalid_choice": "Choose whether this is an estate or a kind of scheme.",
        },
    )
    office = forms.ModelChoiceField(
        label="Office",
        queryset=Office.objects.none(),
        empty_label="Choose an office",
        error_messages={
            "required": "Choose the office.",
            "invalid_choice": "Choose one of your offices.",
        },
    )
    patch = forms.ModelChoiceField(
        label="Patch",
        queryset=Patch.objects.none(),
        required=False,
        empty_label="No patch yet",
        error_messages={"invalid_choice": "Choose a patch in one of your offices."},
    )
    inspection_frequency_days = forms.IntegerField(
        label="Days between estate inspections",
        initial=28,
        min_value=1,
        max_value=365,
        error_messages={
            "required": "Enter the number of days between inspections, like 28.",
            "invalid": "Enter the number of days as a whole number, like 28.",
            "min_value": "Enter a number of days from 1 to 365.",
            "max_value": "Enter a number of days from 1 to 365.",
        },
    )

    def __init__(
        self,
        *args: Any,
        office_ids: frozenset[int],
        instance: Estate | None = None,
        **kwargs: Any,
    ) -> None:
        self.instance = instance
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "name": instance.name,
                "kind": instance.kind,
                "office": instance.office_id,
                "patch": instance.patch_id,
                "inspection_frequency_days": instance.inspection_frequency_days,
            }
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = Office.objects.filter(  # type: ignore[attr-defined]
            pk__in=office_ids
        ).order_by("name")
        self.fields["patch"].queryset = Patch.objects.filter(  # type: ignore[attr-defined]
            team__office_id__in=office_ids
        ).order_by("name")
        govuk_style(self)
        self.fields["inspection_frequency_days"].widget.attrs["class"] = (
            "govuk-input govuk-input--width-3"
        )

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        duplicates = Estate.objects.filter(name__iexact=name)
        if self.instance is not None:
            duplicates = duplicates.exclude(pk=self.instance.pk)
        if duplicates.exists():
            raise ValidationError("An estate or scheme with this name already exists.")
        return name

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        office, patch = cleaned.get("office"), cleaned.get("patch")
        if office is not None and patch is not None and patch.team.office_id != office.pk:
            self.add_error("patch", f"Choose a patch of a team in the {office.name} office.")
        return cleaned


class BlockForm(VersionedFormMixin, forms.Form):
    name = forms.CharField(
        label="Block name", max_length=100, error_messages={"required": "Enter the block's name."}
    )

    def __init__(self, *args: Any, estate: Estate, instance: Block | None = None, **kwargs: Any):
        self.estate = estate
        self.instance = instance
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = {"name": instance.name}
        super().__init__(*args, **kwargs)
        govuk_style(self)

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        duplicates = Block.objects.filter(estate=self.estate, name__iexact=name)
        if self.instance is not None:
            duplicates = duplicates.exclude(pk=self.instance.pk)
        if duplicates.exists():
            raise ValidationError(f"{self.estate.name} already has a block with this name.")
        return name
