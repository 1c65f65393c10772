"""Forms for the agency directory. Errors name the field in an officer's words; the services
normalise again, so imports and the API get the same rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from doorstep.core.concurrency import VersionedFormMixin
from doorstep.core.forms import govuk_style
from doorstep.core.validators import normalise_email, normalise_phone
from doorstep.partners import services
from doorstep.partners.models import AgencyKind


def _optional(value: str, normalise: Any) -> str:
    value = (value or "").strip()
    return normalise(value) if value else ""


class AgencySearchForm(forms.Form):
    q = forms.CharField(label="Name contains", required=False, max_length=100)
    kind = forms.ChoiceField(
        label="Kind of agency", required=False, choices=[("", "Any kind"), *AgencyKind.choices]
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        govuk_style(self)


class AgencyForm(VersionedFormMixin, forms.Form):
    name = forms.CharField(
        label="Agency name",
        max_length=services.NAME_MAX,
        error_messages={"required": "Enter the agency's name."},
    )
    kind = forms.ChoiceField(
        label="Kind of agency",
        choices=[("", "Choose a kind"), *AgencyKind.choices],
        error_messages={
            "required": "Select what kind of agency this is.",
            "invalid_choice": "Select what kind of agency this is.",
        },
    )
    phone = forms.CharField(label="Phone", required=False, max_length=30)
    secure_email = forms.CharField(
        label="Secure email for referrals",
        required=False,
        max_length=254,
        help_text="The agency's secure mailbox for referrals with personal data.",
    )
    address = forms.CharField(
        label="Address", required=False, max_length=services.ADDRESS_MAX, widget=forms.Textarea
    )
    notes = forms.CharField(
        label="Notes",
        required=False,
        max_length=services.NOTES_MAX,
        widget=forms.Textarea,
        help_text="For example opening hours, or what they need in a referral.",
    )
    active = forms.BooleanField(label="We work with this agency now", required=False, initial=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        govuk_style(self)
        self.fields["phone"].widget.attrs.update({"type": "tel", "autocomplete": "off"})
        self.fields["secure_email"].widget.attrs.update({"type": "email", "spellcheck": "false"})

    def clean_phone(self) -> str:
        return _optional(self.cleaned_data.get("phone", ""), normalise_phone)

    def clean_secure_email(self) -> str:
        try:
            return _optional(self.cleaned_data.get("secure_email", ""), normalise_email)
        except ValidationError as error:
            raise ValidationError(
                "Enter the secure email address in the right format, like referrals@council.gov.uk."
            ) from error


class AgencyContactForm(forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=services.CONTACT_NAME_MAX,
        error_messages={"required": "Enter their name."},
    )
    role = forms.CharField(label="Role", required=False, max_length=services.ROLE_MAX)
    phone = forms.CharField(label="Phone", required=False, max_length=30)
    email = forms.CharField(label="Email", required=False, max_length=254)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        govuk_style(self)
        self.fields["phone"].widget.attrs.update({"type": "tel", "autocomplete": "off"})
        self.fields["email"].widget.attrs.update({"type": "email", "spellcheck": "false"})

    def clean_phone(self) -> str:
        return _optional(self.cleaned_data.get("phone", ""), normalise_phone)

    def clean_email(self) -> str:
        return _optional(self.cleaned_data.get("email", ""), normalise_email)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not data.get("phone") and not data.get("email"):
            self.add_error("phone", "Enter a phone number or an email address for them.")
        return data
