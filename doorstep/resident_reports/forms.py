"""The public report form, and the staff form for closing a report."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from doorstep.cases.photos import ALLOWED, MAX_PHOTO_BYTES
from doorstep.core.forms import govuk_style
from doorstep.core.validators import normalise_postcode
from doorstep.places.models import Block, Estate
from doorstep.resident_reports import selectors
from doorstep.resident_reports.models import ReportKind
from doorstep.resident_reports.services import DESCRIPTION_MAX, LOCATION_MAX, OUTCOME_MAX

ANONYMOUS = "anonymous"
DETAILS = "details"


class ReportForm(forms.Form):
    """What a resident reports, where, and (if they choose) how to reach them."""

    kind = forms.ChoiceField(
        label="What are you reporting?",
        choices=ReportKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what you are reporting."},
    )
    description = forms.CharField(
        label="What have you seen or heard?",
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Say what happened and when. If you know who was involved, tell us.",
        error_messages={
            "required": "Enter what you have seen or heard.",
            "max_length": f"Keep it to {DESCRIPTION_MAX:,} characters or fewer.",
        },
    )
    estate = forms.ModelChoiceField(
        label="Estate",
        queryset=Estate.objects.none(),
        required=False,
        empty_label="Choose the estate",
        help_text="If you are not sure, leave this and enter the postcode below.",
        error_messages={"invalid_choice": "Select the estate from the list."},
    )
    block = forms.ChoiceField(label="Block", required=False)
    location = forms.CharField(
        label="Where exactly?",
        max_length=LOCATION_MAX,
        required=False,
        help_text="For example: by the bin store behind Beech House.",
        error_messages={"max_length": f"Keep it to {LOCATION_MAX} characters or fewer."},
    )
    postcode = forms.CharField(label="Postcode", max_length=10, required=False)
    photo = forms.FileField(
        label="Photo",
        required=False,
        help_text=f"A photo can help us. {ALLOWED}, smaller than 10 MB.",
        error_messages={"invalid": "Select a photo.", "empty": "The selected file is empty."},
    )
    contact = forms.ChoiceField(
        label="Do you want to give your name and contact details?",
        choices=[
            (ANONYMOUS, "No, I want to stay anonymous"),
            (DETAILS, "Yes, you can contact me"),
        ],
        initial=ANONYMOUS,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether you want to give your details."},
    )
    name = forms.CharField(label="Your name", max_length=120, required=False)
    phone = forms.CharField(
        label="Phone number", max_length=30, required=False, help_text="For example 07700 900123."
    )
    email = forms.CharField(label="Email address", max_length=254, required=False)
    # The honeypot: hidden by a CSS class; its label asks screen-reader users to leave it.
    website = forms.CharField(label="Leave this field empty", required=False, max_length=200)
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, place: Estate | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.place = place
        self.fields["estate"].queryset = Estate.objects.order_by("name")  # type: ignore[attr-defined]
        blocks = selectors.blocks_for_form(estate=place)
        self.blocks = {str(block.pk): block for block in blocks}
        self.fields["block"].choices = [("", "Not in a block, or not sure"), *_grouped(blocks)]  # type: ignore[attr-defined]
        govuk_style(self)
        self.fields["photo"].widget.attrs.update(
            {"class": "govuk-file-upload", "accept": "image/jpeg,image/png,image/webp,image/heic"}
        )
        self.fields["postcode"].widget.attrs.update(
            {"class": "govuk-input govuk-input--width-10", "autocomplete": "postal-code"}
        )
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["phone"].widget.attrs.update({"autocomplete": "tel", "type": "tel"})
        self.fields["email"].widget.attrs.update(
            {"autocomplete": "email", "type": "email", "spellcheck": "false"}
        )
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    def clean_photo(self) -> Any:
        upload = self.cleaned_data.get("photo")
        if upload and upload.size > MAX_PHOTO_BYTES:
            raise ValidationError("The photo must be smaller than 10 MB.")
        return upload

    def clean_postcode(self) -> str:
        value = (self.cleaned_data.get("postcode") or "").strip()
        if not value:
            return ""
        try:
            return normalise_postcode(value)
        except ValidationError as exc:
            raise ValidationError("Enter a real postcode, like WS2 7AB.") from exc

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        estate: Estate | None = cleaned.get("estate")
        block: Block | None = self.blocks.get(str(cleaned.get("block") or ""))
        if block is not None and estate is None:
            estate = block.estate
        if block is not None and estate is not None and block.estate_id != estate.pk:
            self.add_error("block", "That block is not on the estate you chose.")
        postcode = cleaned.get("postcode", "")
        if estate is None and postcode and not self.has_error("postcode"):
            estate, found_block = selectors.estate_for_postcode(postcode)
            block = block or found_block
            if estate is None:
                self.add_error(
                    "postcode",
                    "We could not find that postcode on our estates. Check it, or choose the "
                    "estate from the list.",
                )
        elif estate is None and not self.has_error("postcode") and not self.has_error("estate"):
            self.add_error("estate", "Choose the estate, or enter the postcode.")
        cleaned["estate_obj"] = estate
        cleaned["block_obj"] = block
        return cleaned


def _grouped(blocks: list[Block]) -> list[tuple[str, Any]]:
    groups: dict[str, list[tuple[str, str]]] = {}
    for block in blocks:
        groups.setdefault(block.estate.name, []).append((str(block.pk), block.name))
    return list(groups.items())


class DealtWithForm(forms.Form):
    outcome = forms.CharField(
        label="What was done",
        max_length=OUTCOME_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: repair raised, or a duplicate of an earlier report.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        govuk_style(self)
