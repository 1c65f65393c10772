"""Forms for the case pages. Each error names the field in an officer's words; the services
check the rules again, so the API and imports get the same answers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from doorstep.accounts.models import User
from doorstep.cases.models import (
    CaseStatus,
    CaseType,
    ClosureReason,
    CostKind,
    EventKind,
    PartyRole,
    RiskLevel,
    Satisfaction,
    SatisfactionMethod,
)
from doorstep.cases.photos import MAX_PHOTO_BYTES
from doorstep.cases.services import (
    CAPTION_MAX,
    COST_NOTE_MAX,
    NOTE_MAX,
    PARTY_NOTE_MAX,
    SUMMARY_MAX,
    TITLE_MAX,
)
from doorstep.contacts.forms import OfficerChoiceField, SubjectMixin
from doorstep.contacts.selectors import find_person, officer_choices
from doorstep.core.concurrency import VersionedFormMixin
from doorstep.core.forms import GovukForm

DATE_WIDGET = {"type": "date"}


def _date_field(label: str, *, required: bool, example: str = "2027-01-31") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=forms.DateInput(attrs=DATE_WIDGET, format="%Y-%m-%d"),
        error_messages={
            "required": f"Enter the {label.lower()}.",
            "invalid": f"Enter the {label.lower()} as a real date, like {example}.",
        },
    )


def _text(label: str, max_length: int, *, required: bool = True, rows: int = 0) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput,
        error_messages={
            "required": f"Enter {label.lower()}.",
            "max_length": f"{label} must be {max_length:,} characters or fewer.",
        },
    )


def _choice(
    label: str, choices: Any, *, radio: bool = False, what: str = "", **kwargs: Any
) -> forms.ChoiceField:
    """`what` finishes "Select …" in the error messages, e.g. "how the reporter was asked"."""
    what = what or f"the {label.lower()}"
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect if radio else forms.Select,
        error_messages={
            "required": f"Select {what}.",
            "invalid_choice": f"Choose {what} from the list.",
        },
        **kwargs,
    )


class CaseOpenForm(SubjectMixin, GovukForm):
    """Open a case, about a person (in a role) and/or a home, prefilled from ?person=,
    ?home= or ?contact=."""

    case_type = _choice("Type of case", [("", "Choose a type"), *CaseType.choices])
    summary = _text("Summary", SUMMARY_MAX, rows=3)
    role = _choice(
        "Their role in the case",
        PartyRole.choices,
        initial=PartyRole.REPORTER,
        what="the person's role in the case",
    )
    opened_on = _date_field("Date opened", required=False)
    lead_officer = OfficerChoiceField(
        label="Lead officer",
        queryset=User.objects.none(),
        required=False,
        empty_label="Me",
        error_messages={"invalid_choice": "Choose the lead officer from the list."},
    )
    risk_level = _choice("Risk level", RiskLevel.choices, radio=True, initial=RiskLevel.STANDARD)
    restricted = forms.BooleanField(
        label="Restrict this case to the case team",
        required=False,
        help_text="Safeguarding and domestic abuse cases are always restricted.",
    )
    contact = forms.IntegerField(widget=forms.HiddenInput, required=False)

    subject_required = False
    field_order = [
        "case_type",
        "lookup",
        "role",
        "summary",
        "opened_on",
        "lead_officer",
        "risk_level",
        "restricted",
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead_officer"].queryset = officer_choices()  # type: ignore[attr-defined]
        self.fields["summary"].widget.attrs["maxlength"] = SUMMARY_MAX
        self.fields["lookup"].label = "Person reference or UPRN (optional)"

    def clean_opened_on(self) -> dt.date | None:
        day: dt.date | None = self.cleaned_data.get("opened_on")
        if day is not None and day > timezone.localdate():
            raise ValidationError("The date opened must be today or in the past.")
        return day

    def clean_contact(self) -> int | None:
        """The logged contact the case is opened from: one that is not there is an error, not
        a case silently opened without the link."""
        from doorstep.cases.selectors import contact_find

        pk: int | None = self.cleaned_data.get("contact")
        self.cleaned_data["contact_obj"] = None
        if pk is not None:
            found = contact_find(pk=pk) if pk > 0 else None
            if found is None:
                raise ValidationError(
                    "We could not find the contact this case was being opened from. "
                    "Open the case again from the contact log."
                )
            self.cleaned_data["contact_obj"] = found
        return pk


class CaseEditForm(VersionedFormMixin, GovukForm):
    summary = _text("Summary", SUMMARY_MAX, rows=3)
    lead_officer = OfficerChoiceField(
        label="Lead officer",
        queryset=User.objects.none(),
        empty_label="Choose an officer",
        error_messages={
            "required": "Choose the lead officer.",
            "invalid_choice": "Choose the lead officer from the list.",
        },
    )
    risk_level = _choice("Risk level", RiskLevel.choices, radio=True)
    risk_reason = _text("Reason for a change of risk", NOTE_MAX, required=False, rows=2)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead_officer"].queryset = officer_choices()  # type: ignore[attr-defined]


class TransitionForm(GovukForm):
    to_status = _choice("New status", [], radio=True)
    closure_reason = _choice(
        "Closure reason", [("", "Choose a reason"), *ClosureReason.choices], required=False
    )
    closed_on = _date_field("Date closed", required=False)

    def __init__(self, *args: Any, transitions: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = transitions  # type: ignore[attr-defined]
        self.fields["closure_reason"].help_text = "Needed when you close the case."

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("to_status") == CaseStatus.CLOSED and not cleaned.get("closure_reason"):
            self.add_error("closure_reason", "Select why the case is being closed.")
        return cleaned


class NoteForm(GovukForm):
    kind = _choice(
        "What to record",
        [(EventKind.NOTE, "A note"), (EventKind.LETTER, "A letter sent")],
        radio=True,
        initial=EventKind.NOTE,
        what="whether this is a note or a letter",
    )
    text = _text("Note", NOTE_MAX, rows=5)


class PartyForm(GovukForm):
    person = forms.CharField(
        label="Person reference",
        max_length=20,
        help_text="For example P000123. Search for the person first if you do not know it.",
        error_messages={
            "required": "Enter the person's reference, like P000123.",
            "max_length": "Enter the person's reference, like P000123.",
        },
    )
    role = _choice("Role in the case", PartyRole.choices, radio=True)
    note = _text("Note", PARTY_NOTE_MAX, required=False)

    def clean_person(self) -> Any:
        typed = self.cleaned_data["person"].strip()
        person = find_person(reference=typed)
        if person is None:
            raise ValidationError(f"No person has the reference “{typed}”.")
        return person


class ActionForm(GovukForm):
    title = _text("What needs doing", TITLE_MAX)
    owner = OfficerChoiceField(
        label="Owner",
        queryset=User.objects.none(),
        empty_label="Choose an officer",
        error_messages={
            "required": "Choose who owns the action.",
            "invalid_choice": "Choose who owns the action from the list.",
        },
    )
    due_on = _date_field("Due date", required=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = officer_choices()  # type: ignore[attr-defined]

    def clean_due_on(self) -> dt.date:
        day: dt.date = self.cleaned_data["due_on"]
        if day < timezone.localdate():
            raise ValidationError("The due date must be today or in the future.")
        return day


class ReviewForm(GovukForm):
    note = _text("What the review found", NOTE_MAX, required=False, rows=4)
    next_review_on = _date_field("Next review date", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["note"].help_text = "Leave empty to only set the next review date."

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        if not cleaned.get("note") and not cleaned.get("next_review_on"):
            self.add_error("note", "Enter what the review found, or a next review date.")
        day = cleaned.get("next_review_on")
        if day is not None and day < timezone.localdate():
            self.add_error("next_review_on", "The next review date must be today or later.")
        return cleaned


class CostForm(GovukForm):
    kind = _choice("Kind of cost", CostKind.choices, radio=True)
    incurred_on = _date_field("Date of the cost", required=True)
    amount = forms.DecimalField(
        label="Amount in pounds",
        min_value=Decimal("0"),
        max_digits=10,
        decimal_places=2,
        error_messages={
            "required": "Enter the amount in pounds, like 125.50.",
            "invalid": "Enter the amount in pounds, like 125.50.",
            "min_value": "The amount must be 0 or more.",
            "max_digits": "Enter an amount less than £100,000,000.",
            "max_decimal_places": "Enter the amount to the penny, like 125.50.",
            "max_whole_digits": "Enter an amount less than £100,000,000.",
        },
    )
    hours = forms.DecimalField(
        label="Hours (officer time)",
        required=False,
        min_value=Decimal("0.01"),
        max_digits=6,
        decimal_places=2,
        error_messages={
            "invalid": "Enter the hours as a number, like 1.5.",
            "min_value": "The hours must be more than 0.",
            "max_digits": "Enter fewer than 10,000 hours.",
            "max_decimal_places": "Enter the hours to two decimal places at most.",
            "max_whole_digits": "Enter fewer than 10,000 hours.",
        },
    )
    note = _text("Note", COST_NOTE_MAX, required=False)

    def clean_incurred_on(self) -> dt.date:
        day: dt.date = self.cleaned_data["incurred_on"]
        if day > timezone.localdate():
            raise ValidationError("The date of the cost must be today or earlier.")
        return day

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (
            cleaned.get("kind") == CostKind.OFFICER_TIME
            and cleaned.get("hours") is None
            and not self.has_error("hours")
        ):
            self.add_error("hours", "Enter the hours of officer time.")
        return cleaned


class AttachmentForm(GovukForm):
    file = forms.FileField(
        label="Photo",
        help_text="A JPEG, PNG, WebP or HEIC photo, smaller than 10 MB.",
        error_messages={
            "required": "Select a photo.",
            "empty": "The selected file is empty.",
            "invalid": "Select a photo.",
        },
    )
    caption = _text("Caption", CAPTION_MAX, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs.update(
            {"class": "govuk-file-upload", "accept": "image/jpeg,image/png,image/webp,image/heic"}
        )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_PHOTO_BYTES:
            raise ValidationError("The photo must be smaller than 10 MB.")
        return upload


class LinkForm(GovukForm):
    reference = forms.CharField(
        label="Case reference",
        max_length=20,
        help_text="For example ASB-2026-000123.",
        error_messages={
            "required": "Enter the reference of the case to link, like ASB-2026-000123.",
            "max_length": "Enter a case reference, like ASB-2026-000123.",
        },
    )

    def clean_reference(self) -> Any:
        from doorstep.cases.selectors import case_by_reference

        typed = self.cleaned_data["reference"].strip().upper()
        case = case_by_reference(reference=typed)
        if case is None:
            raise ValidationError(f"No case has the reference “{typed}”.")
        return case


class SatisfactionForm(GovukForm):
    satisfaction = _choice(
        "How satisfied the reporter was with how the case was handled",
        Satisfaction.choices,
        radio=True,
        what="how satisfied the reporter was",
    )
    method = _choice(
        "How they were asked",
        SatisfactionMethod.choices,
        radio=True,
        what="how the reporter was asked",
    )
