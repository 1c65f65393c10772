"""Forms for people. Validation messages name the field and say how to put it right."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from doorstep.core.concurrency import VersionedFormMixin
from doorstep.core.forms import govuk_style
from doorstep.core.validators import normalise_email, normalise_phone
from doorstep.people.models import (
    ContactMethod,
    EqualityInformation,
    Person,
    Vulnerability,
    VulnerabilityFlag,
)
from doorstep.people.services import PERSON_FIELDS

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y"]
EARLIEST_BIRTH = dt.date(1900, 1, 1)


def _date_field(label: str, *, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        help_text=help_text or "For example, 2026-03-27",
        widget=forms.DateInput(
            format="%Y-%m-%d", attrs={"type": "date", "class": "govuk-input govuk-input--width-10"}
        ),
        error_messages={
            "required": f"Enter the {label.lower()}",
            "invalid": f"Enter the {label.lower()} as a real date, like 2026-03-27",
        },
    )


def _clean_phone(value: str) -> str:
    value = (value or "").strip()
    return normalise_phone(value) if value else ""


class PersonFilterForm(forms.Form):
    q = forms.CharField(
        label="Name, reference or phone",
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    flag = forms.ChoiceField(label="Flag", required=False)
    mine = forms.BooleanField(label="Only people on my patches", required=False)

    def __init__(self, *args: Any, flag_choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["flag"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "Any flag"), *flag_choices]
        field.error_messages["invalid_choice"] = "Choose a flag from the list"
        govuk_style(self)


class PersonForm(VersionedFormMixin, forms.ModelForm):
    date_of_birth = _date_field(
        "Date of birth", required=False, help_text="For example, 1950-05-17"
    )

    class Meta:
        model = Person
        fields = list(PERSON_FIELDS)
        labels = {
            "phone": "Phone",
            "phone_other": "Other phone",
            "email": "Email address",
            "preferred_contact_method": "How they prefer to be contacted",
            "language": "First language",
            "interpreter_needed": "Needs an interpreter",
        }
        help_texts = {
            "phone": "A UK number like 0121 496 0000, or an international one starting with +",
            "phone_other": "",
            "email": "",
            "communication_needs": "For example: large print, British Sign Language, slow speech",
        }
        widgets = {"communication_needs": forms.Textarea()}
        error_messages = {
            "first_name": {"required": "Enter the first name"},
            "last_name": {"required": "Enter the last name"},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Validated with the shared validator below, so no browser-side email pattern.
        self.fields["email"] = forms.CharField(
            label="Email address",
            required=False,
            max_length=254,
            widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        )
        # Typed numbers may carry spaces and brackets; they are stored E.164 (at most 16).
        for name, label in (("phone", "Phone"), ("phone_other", "Other phone")):
            self.fields[name] = forms.CharField(
                label=label,
                required=False,
                max_length=30,
                help_text=self.fields[name].help_text,
                widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
            )
        govuk_style(self)
        self.fields["title"].widget.attrs["class"] = "govuk-input govuk-input--width-5"
        self.fields["phone"].widget.attrs["class"] = "govuk-input govuk-input--width-20"
        self.fields["phone_other"].widget.attrs["class"] = "govuk-input govuk-input--width-20"

    def clean_date_of_birth(self) -> dt.date | None:
        value: dt.date | None = self.cleaned_data.get("date_of_birth")
        if value is None:
            return None
        if value > timezone.localdate():
            raise ValidationError("Date of birth must be in the past")
        if value < EARLIEST_BIRTH:
            raise ValidationError("Date of birth must be after 1 January 1900")
        return value

    def clean_phone(self) -> str:
        return _clean_phone(self.cleaned_data.get("phone", ""))

    def clean_phone_other(self) -> str:
        return _clean_phone(self.cleaned_data.get("phone_other", ""))

    def clean_email(self) -> str:
        value = (self.cleaned_data.get("email") or "").strip()
        return normalise_email(value) if value else ""

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        method = cleaned.get("preferred_contact_method")
        wants_email = method == ContactMethod.EMAIL
        if wants_email and not cleaned.get("email") and "email" not in self.errors:
            self.add_error("email", "Enter an email address, or choose another way to contact them")
        has_phone = cleaned.get("phone") or cleaned.get("phone_other")
        phone_errors = "phone" in self.errors or "phone_other" in self.errors
        wants_phone = method in (ContactMethod.PHONE, ContactMethod.TEXT)
        if wants_phone and not has_phone and not phone_errors:
            way = "phone" if method == ContactMethod.PHONE else "text"
            self.add_error(
                "phone", f"Enter a phone number, or choose another way than {way} to contact them"
            )
        return cleaned


class FlagForm(forms.Form):
    code = forms.ChoiceField(
        label="Flag",
        error_messages={
            "required": "Choose a flag",
            "invalid_choice": "Choose a flag from the list",
        },
    )
    start_date = _date_field("Start date")
    review_date = _date_field("Review date", help_text="When to look at this flag again")
    note = forms.CharField(
        label="Note",
        required=False,
        max_length=500,
        widget=forms.Textarea(),
        help_text="What an officer needs to know. Keep health details to what the work needs.",
        error_messages={"max_length": "Note must be 500 characters or fewer"},
    )

    def __init__(
        self, *args: Any, person: Person, choices: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.person = person
        field = self.fields["code"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "Choose a flag"), *choices]
        govuk_style(self)

    def clean_start_date(self) -> dt.date:
        value: dt.date = self.cleaned_data["start_date"]
        if value > timezone.localdate():
            raise ValidationError("Start date must be today or in the past")
        return value

    def clean_code(self) -> str:
        code: str = self.cleaned_data["code"]
        if VulnerabilityFlag.objects.filter(
            person=self.person, code=code, end_date__isnull=True
        ).exists():
            raise ValidationError(
                f"This person already has an open {Vulnerability(code).label.lower()} flag"
            )
        return code

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        start, review = cleaned.get("start_date"), cleaned.get("review_date")
        if start and review and review < start:
            self.add_error("review_date", "Review date must be on or after the start date")
        return cleaned


class FlagReviewForm(forms.Form):
    review_date = _date_field("Next review date")
    note = forms.CharField(
        label="What you found",
        required=False,
        max_length=500,
        widget=forms.Textarea(),
        error_messages={"max_length": "What you found must be 500 characters or fewer"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        govuk_style(self)

    def clean_review_date(self) -> dt.date:
        value: dt.date = self.cleaned_data["review_date"]
        if value <= timezone.localdate():
            raise ValidationError("Next review date must be in the future")
        return value


class FlagEndForm(forms.Form):
    end_date = _date_field("End date")

    def __init__(self, *args: Any, flag: VulnerabilityFlag, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.flag = flag
        govuk_style(self)

    def clean_end_date(self) -> dt.date:
        value: dt.date = self.cleaned_data["end_date"]
        if value > timezone.localdate():
            raise ValidationError("End date must be today or in the past")
        if value < self.flag.start_date:
            raise ValidationError(
                f"End date must be on or after the start date ({self.flag.start_date:%d/%m/%Y})"
            )
        return value


class EmergencyContactForm(forms.Form):
    name = forms.CharField(
        label="Name", max_length=120, error_messages={"required": "Enter the contact's name"}
    )
    relationship = forms.CharField(
        label="Relationship",
        required=False,
        max_length=60,
        help_text="For example: daughter, neighbour, support worker",
    )
    phone = forms.CharField(
        label="Phone",
        max_length=30,
        help_text="A UK number like 07700 900123, or an international one starting with +",
        widget=forms.TextInput(attrs={"type": "tel"}),
        error_messages={"required": "Enter the contact's phone number"},
    )
    note = forms.CharField(label="Note", required=False, max_length=300, widget=forms.Textarea())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        govuk_style(self)
        self.fields["phone"].widget.attrs["class"] = "govuk-input govuk-input--width-20"

    def clean_phone(self) -> str:
        return normalise_phone(self.cleaned_data["phone"])


class ConsentForm(forms.Form):
    agency = forms.CharField(
        label="Agency",
        max_length=150,
        help_text="Who the person agreed we may share information with",
        error_messages={"required": "Enter the agency"},
    )
    given_on = _date_field("Date consent was given")
    note = forms.CharField(
        label="Note",
        required=False,
        max_length=300,
        widget=forms.Textarea(),
        help_text="For example: what may be shared, and how consent was given",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        govuk_style(self)

    def clean_agency(self) -> str:
        value = self.cleaned_data["agency"].strip()
        if not value:
            raise ValidationError("Enter the agency")
        return value

    def clean_given_on(self) -> dt.date:
        value: dt.date = self.cleaned_data["given_on"]
        if value > timezone.localdate():
            raise ValidationError("Date consent was given must be today or in the past")
        return value


PREFER_NOT = EqualityInformation.PREFER_NOT


def _options(*values: str) -> list[tuple[str, str]]:
    return [("", "Not answered"), *((v, v) for v in values), (PREFER_NOT, PREFER_NOT)]


# Categories follow the Census 2021 for England and Wales, so reports compare with it.
EQUALITY_OPTIONS: dict[str, list[tuple[str, str]]] = {
    "sex": _options("Female", "Male"),
    "gender_identity": _options(
        "Same as sex registered at birth", "Different from sex registered at birth"
    ),
    "ethnicity": _options(
        "Asian or Asian British: Bangladeshi",
        "Asian or Asian British: Chinese",
        "Asian or Asian British: Indian",
        "Asian or Asian British: Pakistani",
        "Asian or Asian British: any other Asian background",
        "Black, Black British, Caribbean or African: African",
        "Black, Black British, Caribbean or African: Caribbean",
        "Black, Black British, Caribbean or African: any other Black background",
        "Mixed or multiple ethnic groups",
        "White: English, Welsh, Scottish, Northern Irish or British",
        "White: Irish",
        "White: Gypsy or Irish Traveller",
        "White: Roma",
        "White: any other White background",
        "Other ethnic group: Arab",
        "Other ethnic group: any other ethnic group",
    ),
    "religion": _options(
        "No religion",
        "Buddhist",
        "Christian",
        "Hindu",
        "Jewish",
        "Muslim",
        "Sikh",
        "Any other religion or belief",
    ),
    "sexual_orientation": _options(
        "Straight or heterosexual", "Gay or lesbian", "Bisexual", "Another sexual orientation"
    ),
    "disability": _options("Yes, limited a lot", "Yes, limited a little", "No"),
    "marital_status": _options(
        "Never married or in a civil partnership",
        "Married",
        "In a civil partnership",
        "Separated",
        "Divorced or civil partnership dissolved",
        "Widowed or surviving partner",
    ),
    "pregnancy_maternity": _options("Pregnant", "On maternity leave", "Neither"),
}


class EqualityForm(forms.ModelForm):
    """Every question is optional and every answer can be "Prefer not to say"."""

    class Meta:
        model = EqualityInformation
        fields = list(EQUALITY_OPTIONS)
        labels = {"disability": "Disability (long-term condition that limits daily activity)"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, options in EQUALITY_OPTIONS.items():
            label = self.fields[name].label
            choices = list(options)
            current = self.initial.get(name) or ""
            if current and current not in dict(choices):
                # An answer recorded before the options changed stays visible and selected.
                choices.insert(1, (current, current))
            self.fields[name] = forms.ChoiceField(
                label=label,
                required=False,
                choices=choices,
                error_messages={
                    "invalid_choice": f"Choose an answer for {str(label).lower()} from the list"
                },
            )
        govuk_style(self)
