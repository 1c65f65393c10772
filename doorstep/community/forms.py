from __future__ import annotations

from typing import Any, cast

from django import forms

from doorstep.accounts.models import User
from doorstep.community.models import Champion, EventKind
from doorstep.contacts.selectors import find_person
from doorstep.core.concurrency import VersionedFormMixin
from doorstep.core.forms import govuk_style
from doorstep.places.models import Estate, Office

DATETIME_HELP = "YYYY-MM-DD HH:MM, like 2026-06-13 14:00"


class PersonReferenceMixin:
    """A `person` field holding a person reference, cleaned to the Person."""

    def clean_person(self) -> Any:
        reference = self.cleaned_data.get("person", "")  # type: ignore[attr-defined]
        person = find_person(reference=reference)
        if person is None:
            raise forms.ValidationError(f"No one has the person reference {reference}.")
        return person


class EventForm(VersionedFormMixin, forms.Form):
    title = forms.CharField(
        label="Title",
        max_length=150,
        help_text="Like Community garden afternoon.",
        error_messages={"required": "Enter the event's title."},
    )
    kind = forms.ChoiceField(
        label="Kind of event",
        choices=[("", "Select"), *EventKind.choices],
        error_messages={"required": "Select the kind of event."},
    )
    description = forms.CharField(
        label="Plan", required=False, widget=forms.Textarea, max_length=4000
    )
    venue = forms.CharField(
        label="Venue", max_length=200, error_messages={"required": "Enter the venue."}
    )
    starts_at = forms.DateTimeField(
        label="Starts",
        help_text=DATETIME_HELP,
        error_messages={
            "invalid": f"Enter the start as {DATETIME_HELP}.",
            "required": "Enter the date and time it starts.",
        },
    )
    ends_at = forms.DateTimeField(
        label="Ends",
        required=False,
        help_text=DATETIME_HELP,
        error_messages={"invalid": f"Enter the end as {DATETIME_HELP}."},
    )
    office = forms.ModelChoiceField(
        label="Office",
        queryset=Office.objects.order_by("name"),
        error_messages={"required": "Select the office running the event."},
    )
    estate = forms.ModelChoiceField(
        label="Estate", queryset=Estate.objects.order_by("name"), required=False
    )
    organiser = forms.ModelChoiceField(
        label="Organiser",
        queryset=User.objects.none(),
        error_messages={"required": "Select the organiser."},
    )
    champions = forms.ModelMultipleChoiceField(
        label="Community Champions involved",
        queryset=Champion.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, staff: Any, champions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(Any, self.fields["organiser"]).queryset = staff
        cast(Any, self.fields["organiser"]).label_from_instance = lambda user: user.full_name
        cast(Any, self.fields["champions"]).queryset = champions
        cast(Any, self.fields["champions"]).label_from_instance = lambda c: (
            f"{c.person.full_name} ({c.place})"
        )
        govuk_style(self)


class OutcomeForm(VersionedFormMixin, forms.Form):
    outcome = forms.CharField(
        label="What came of it",
        widget=forms.Textarea,
        max_length=4000,
        error_messages={"required": "Enter what came of the event."},
    )
    attendance = forms.IntegerField(
        label="How many came", required=False, min_value=0, max_value=100_000
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        govuk_style(self)
        self.fields["attendance"].widget.attrs["class"] = "govuk-input govuk-input--width-4"


class TaskForm(forms.Form):
    title = forms.CharField(
        label="What needs doing",
        max_length=200,
        error_messages={"required": "Enter what needs doing."},
    )
    owner = forms.ModelChoiceField(
        label="Who",
        queryset=User.objects.none(),
        error_messages={"required": "Select who will do it."},
    )
    due_on = forms.DateField(
        label="Due (YYYY-MM-DD)",
        error_messages={
            "invalid": "Enter the due date as YYYY-MM-DD, like 2026-06-10.",
            "required": "Enter the date the task is due.",
        },
    )

    def __init__(self, *args: Any, staff: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(Any, self.fields["owner"]).queryset = staff
        cast(Any, self.fields["owner"]).label_from_instance = lambda user: user.full_name
        govuk_style(self)


class SignUpForm(PersonReferenceMixin, forms.Form):
    person = forms.CharField(
        label="Person reference",
        max_length=20,
        help_text="Like P000123.",
        error_messages={"required": "Enter the resident's person reference."},
    )
    note = forms.CharField(
        label="Note",
        required=False,
        max_length=200,
        help_text="Like needs a lift, or bringing a neighbour. No health details.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        govuk_style(self)


class ChampionForm(PersonReferenceMixin, forms.Form):
    person = forms.CharField(
        label="Person reference",
        max_length=20,
        help_text="Like P000123.",
        error_messages={"required": "Enter the resident's person reference."},
    )
    estate = forms.ModelChoiceField(
        label="Estate", queryset=Estate.objects.order_by("name"), required=False
    )
    area = forms.CharField(
        label="Area", required=False, max_length=120, help_text="When it is not one estate."
    )
    interests = forms.CharField(label="Interests", required=False, max_length=300)
    since = forms.DateField(
        label="Champion since (YYYY-MM-DD)",
        error_messages={
            "invalid": "Enter the date as YYYY-MM-DD, like 2025-09-01.",
            "required": "Enter the date they became a champion.",
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        govuk_style(self)


class PhotoForm(forms.Form):
    file = forms.FileField(
        label="Photo",
        help_text="JPEG, PNG, WebP or HEIC, up to 10 MB.",
        error_messages={"required": "Select a photo to upload."},
    )
    caption = forms.CharField(label="Caption", required=False, max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        govuk_style(self)
        self.fields["file"].widget.attrs["class"] = "govuk-file-upload"
